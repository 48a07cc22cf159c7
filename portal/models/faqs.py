from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from charter.coproduction import CoProducedPageForm, CoProducedPageMixin, change_note_field
from charter.panels import ForumCommentsPanel, ReadabilityPanel
from charter.search import NormalisedSearchMixin
from charter.versions import reader_text
from core.cache import CachedPageMixin
from portal.blocks import FAQTopicBlock
from portal.readability import html_to_prose, html_to_text, prose_lines
from portal.selectors import faq_reading_view, kept_reading_view, with_transport_phone


class FAQIndexPage(NormalisedSearchMixin, CachedPageMixin, CoProducedPageMixin, Page):
    """Frequently asked questions, grouped by topic; each answer may point to a policy section."""

    intro = models.TextField(blank=True)
    topics = StreamField([("topic", FAQTopicBlock())], blank=True)
    change_note = change_note_field()

    content_panels = [
        *Page.content_panels,
        ReadabilityPanel(),
        FieldPanel("intro"),
        FieldPanel("topics"),
        MultiFieldPanel([FieldPanel("change_note")], heading="This version"),
        ForumCommentsPanel(),
    ]
    base_form_class = CoProducedPageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("normalised_search_text"),
        index.SearchField("intro"),
        # The topics as a reader sees them, not the raw blocks: the policy section a question
        # points to ("Odległości pieszo") is not on the page, and found there unfolded it
        # made "odległości" list the FAQ and "odleglosci" not, with nothing marked.
        index.SearchField("visible_topics_text"),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "portal/faq_index_page.html"

    class Meta:
        verbose_name = "FAQ page"

    def plain_text_sections(self) -> list[tuple[str, str, str]]:
        """(block id, topic, plain questions and answers) for each topic: the readability input."""
        out = []
        for topic in self.topics:
            lines = []
            for question in topic.value["questions"]:
                lines += [question["question"], html_to_text(question["answer"].source)]
            out.append((topic.id, topic.value["title"], "\n".join(x for x in lines if x.strip())))
        return out

    def visible_topics_text(self) -> str:
        """Each topic's title, then its questions and answers, as plain text: the words of
        the topics a reader sees, as typed, for the search index (the policy section each
        answer points to is left out: the page does not show it)."""
        return "\n".join(f"{title}\n{text}" for _, title, text in self.plain_text_sections())

    def excerpt_sections(self) -> list[tuple[str, ...]]:
        """(heading, plain text) for a search result's excerpt: the introduction, then each
        question with its answer and its topic's title (question, answer, topic), so the
        excerpt shows the question that holds the word, or the first under the topic that
        does ("Costs": "Do I have to pay?"). An answer's ``{phone}`` is the number in Service
        details, as the FAQ page shows it."""
        return [("", self.intro)] + [
            (question["question"],
             with_transport_phone(html_to_text(question["answer"].source)),
             topic.value["title"])
            for topic in self.topics for question in topic.value["questions"]]

    def reading_sections(self) -> list[tuple[str, str, str]]:
        """As ``plain_text_sections``, as a reader hears them: each question a sentence of
        its own and each answer read as prose (``html_to_prose``): the plain-language input."""
        out = []
        for topic in self.topics:
            lines = []
            for question in topic.value["questions"]:
                lines += [*prose_lines(question["question"]),
                          html_to_prose(question["answer"].source)]
            out.append((topic.id, topic.value["title"], "\n".join(x for x in lines if x.strip())))
        return out

    def plain_text_intro(self) -> str:
        return self.intro

    compare_intro_label = gettext_lazy("Introduction")

    def comparable_body(self) -> list[tuple[str, str, str]]:
        """Each topic's questions and answers as a reader sees them, with the policy section
        each answer points to."""
        out = []
        for topic in self.topics:
            lines = []
            for question in topic.value["questions"]:
                lines += [f"[{_('Question')}] {question['question']}",
                          reader_text(question["answer"].source)]
                policy = question.get("policy")
                if policy is not None:
                    section = question.get("policy_section") or ""
                    lines.append(f"[{_('Explained in')}: [[page:{policy.pk}]]"
                                 + (f" {section}" if section else "") + "]")
            out.append((topic.id, topic.value["title"], "\n".join(x for x in lines if x.strip())))
        return out

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(kept_reading_view(self, request, faq_reading_view))
        return context
