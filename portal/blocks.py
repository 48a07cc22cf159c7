"""StreamField blocks for the public site."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from charter.versions import listed, reader_text
from portal.readability import heard_list, html_to_prose, html_to_text

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def section_texts(stream, *, for_reading: bool = False) -> list[tuple[str, str, str]]:
    """(block id, heading, plain text) of each PolicySectionBlock in ``stream``: its body,
    then its summary points. The forum review and comparison input; with
    ``for_reading`` the readability input: headings inside the body left out, and the
    summary box read as a list is heard (``heard_list``), so a single short point is
    scored, not taken for a heading."""
    out = []
    for block in stream:
        value = block.value
        if for_reading:
            lines = [html_to_prose(value["body"].source), *heard_list(value["summary"])]
        else:
            lines = [html_to_text(value["body"].source), *value["summary"]]
        out.append((block.id, value["heading"], "\n".join(x for x in lines if x.strip())))
    return out


def comparable_section_texts(stream, *, summary_label: str) -> list[tuple[str, str, str]]:
    """(block id, heading, text) of each PolicySectionBlock as a reader sees it: the body with
    its links, emphasis, lists and headings written out, then the summary box under
    ``summary_label``. The comparison of versions reads this."""
    out = []
    for block in stream:
        value = block.value
        text = reader_text(value["body"].source)
        points = [p for p in value["summary"] if p and p.strip()]
        if points:
            text += f"\n[{summary_label}]\n" + listed(points)
        out.append((block.id, value["heading"], text))
    return out


class PolicySectionBlock(blocks.StructBlock):
    """One section of a policy: a heading, the text, and an optional summary box.

    The summary box repeats the section's key points in a few short lines, the
    shape parents know from council travel policies.
    """

    heading = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    summary = blocks.ListBlock(
        blocks.CharBlock(label="Point", max_length=300),
        default=[],
        min_num=0,
        label="Summary box",
        help_text="Optional: the section's key points in a few short lines.",
    )

    class Meta:
        icon = "doc-full"
        label = "Section"


def section_anchor(heading: str) -> str:
    """The fragment id of a policy section, derived from its heading so links read well."""
    return slugify(heading) or "section"


class FAQQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        help_text="Write {phone} for the transport team's number: readers see the number in "
                  "Service details, in every language, as a link to call.")
    policy = blocks.PageChooserBlock(
        page_type="portal.PolicyPage",
        required=False,
        help_text="Optional: the policy this answer explains.",
    )
    policy_section = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Optional: the heading of the policy section this answer explains.",
    )

    class Meta:
        icon = "help"
        label = "Question"

    def clean(self, value):
        value = super().clean(value)
        policy, heading = value.get("policy"), (value.get("policy_section") or "").strip()
        if heading and policy is None:
            raise StructBlockValidationError(
                {"policy_section": ValidationError("Choose the policy this section belongs to.")}
            )
        if heading and policy is not None:
            headings = [b.value["heading"] for b in policy.specific.sections]
            if section_anchor(heading) not in {section_anchor(h) for h in headings}:
                raise StructBlockValidationError(
                    {
                        "policy_section": ValidationError(
                            "“%(policy)s” has no section headed “%(heading)s”. "
                            "Its sections are: %(headings)s.",
                            params={
                                "policy": policy.title,
                                "heading": heading,
                                "headings": "; ".join(headings),
                            },
                        )
                    }
                )
        return value


class FAQTopicBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    questions = blocks.ListBlock(FAQQuestionBlock(), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = "Topic"
