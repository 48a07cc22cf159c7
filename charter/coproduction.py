"""What makes a page type co-produced: it goes through the forum's review to be published,
and its public page shows its versions and any stated disagreement."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from charter import selectors
from charter.hooks import compare_finding_themes, compare_findings, publish_refusal
from charter.permissions import CoProducedPagePermissionTester
from core import memo

COPRODUCTION_WORKFLOW = "Co-production"
SCHEDULED_PUBLISH = "wagtail.publish.scheduled"

logger = logging.getLogger(__name__)


class PublishRefused(ValidationError):
    """A page app's publish guard (``charter.hooks.publish_refusal``) refused to publish a
    revision; the message says why and what to do."""


CHANGE_NOTE_HELP = (
    "Required to send to the forum or publish: what is different from the last published "
    "version, and why."
)
# The editor's buttons that ask for this draft to become the published version.
_PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


def change_note_field() -> models.TextField:
    """The note each version carries: required to send a draft to the forum or publish it.
    Every co-produced page type declares ``change_note = change_note_field()``, so the
    field cannot drift apart between page types."""
    return models.TextField(max_length=1000, blank=True,
                            verbose_name="What changed in this version",
                            help_text=CHANGE_NOTE_HELP)


class CoProducedPageForm(WagtailAdminPageForm):
    """The editor's form of every co-produced page type (its ``base_form_class``): sending a
    draft to the forum, or publishing it, needs a note saying what changed, different from
    the published version's note."""

    def clean(self):
        cleaned = super().clean()
        if any(action in self.data for action in _PUBLISHING_ACTIONS):
            note = (cleaned.get("change_note") or "").strip()
            # A live page's row holds the published version; drafts live in revisions.
            published_note = ""
            if self.instance.pk and self.instance.live:
                published_note = (
                    type(self.instance).objects.filter(pk=self.instance.pk)
                    .values_list("change_note", flat=True).first() or ""
                ).strip()
            if not note:
                self.add_error(
                    "change_note",
                    _("Say what changed in this version before you send it on or publish it."),
                )
            elif note == published_note:
                self.add_error(
                    "change_note",
                    _(
                        "This is the note of the version already published. "
                        "Say what changed this time."
                    ),
                )
        return cleaned


def coproduction_workflow():
    """The active Co-production workflow, if there is one (made by migration)."""
    from wagtail.models import Workflow

    return Workflow.objects.filter(name=COPRODUCTION_WORKFLOW, active=True).first()


def shown_date(value) -> str:
    """A date or date and time as the public page shows it ("1 September 2026", "1 September
    2026, 09:00" in the site's time zone), for the comparison of versions; "–" if empty.
    The month as a date writes it in the reader's language (Polish genitive: "2 czerwca
    2025", as the survey page and ``day_dates`` say it)."""
    if not value:
        return "–"
    if hasattr(value, "hour"):
        return date_format(timezone.localtime(value), "j E Y, H:i")
    return date_format(value, "j E Y")


class DraftCopyForm(CopyForm):
    """Wagtail's copy form without "Publish copied page" and without "Alias" (an alias is a
    live copy at a new address that follows the original): a copy of a co-produced page
    starts as a draft, and reaches the public only when the forum agrees it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_copies", None)
        self.fields.pop("alias", None)


class CoProducedPageMixin(RoutablePageMixin):
    """For page types the forum writes with the council: policies, FAQs, updates, the charter.

    The Co-production workflow applies to every page of these types wherever it
    sits in the tree, so a new policy index cannot escape the forum's review.
    Put it after ``CachedPageMixin`` so its extra views are cached too.
    """

    coproduced = True
    copy_form_class = DraftCopyForm

    def permissions_for_user(self, user):
        return CoProducedPagePermissionTester(user, self)

    def get_workflow(self):
        workflow = coproduction_workflow()
        return workflow if workflow is not None else super().get_workflow()

    @property
    def has_workflow(self):
        return self.get_workflow() is not None

    def publish(self, revision, user=None, changed=True, log_action=True,
                previous_revision=None, skip_permission_checks=False):
        """Wagtail's publish, asked first of every page app's publish guard, whatever route
        called it (the editor, a workflow's last step, a bulk action, the scheduler, code).

        A refused revision raises ``PublishRefused``, except from Wagtail's scheduler
        (``publish_scheduled``), where it stays scheduled (logged as a warning) and goes live
        on the first run after the guard allows it: one refusal does not stop the rest.
        """
        reason = publish_refusal(revision.as_object())
        if reason:
            if log_action == SCHEDULED_PUBLISH:
                logger.warning("Scheduled publish of page %s held back: %s", self.pk, reason)
                return None
            raise PublishRefused(reason, code="publish_refused")
        return super().publish(revision, user=user, changed=changed, log_action=log_action,
                               previous_revision=previous_revision,
                               skip_permission_checks=skip_permission_checks)

    def review_sections(self) -> list[tuple[str, str]]:
        """(block id, heading) of each section the forum can comment on, in page order."""
        return [(key, heading) for key, heading, _ in self.plain_text_sections()]

    # The keys of ``comparable_details`` fields whose text the site writes wholly in the
    # reader's language (labels, dates, yes or no, audiences), never marked English on a
    # comparison even while the page's own words are still English.
    compare_interface_fields: tuple[str, ...] = ()

    # What the first pseudo-section of a comparison is called: the page's short summary.
    compare_intro_label = gettext_lazy("In short")

    def comparable_details(self) -> list[tuple[str, str, str]]:
        """(key, label, text) for page-level fields a reader sees besides the sections: dates,
        audiences, who signed. Page types add theirs; each is a section of the comparison."""
        return []

    def comparable_body(self) -> list[tuple[str, str, str]]:
        """(block id, heading, text) of each section as a reader sees it, links and emphasis
        written out (see ``charter.versions.reader_text``). Defaults to the plain text."""
        return self.plain_text_sections()

    def comparable_sections(self) -> list[tuple[str, str, str]]:
        """Everything a reader sees, as the comparison of two versions reads it: the title,
        the short summary, the page's own fields, then each section."""
        out = [("title", _("Title"), self.title)]
        if hasattr(self, "plain_text_intro"):
            out.append(("intro", str(self.compare_intro_label), self.plain_text_intro()))
        return out + list(self.comparable_details()) + list(self.comparable_body())

    def _coproduction_source(self):
        """The default-language page whose record this page shows: itself, the page it is
        an alias of, or the page it was translated from. One query for a translation."""
        if self.alias_of_id:
            return Page.objects.filter(pk=self.alias_of_id).first() or self
        # The default language as Locale.get_default() finds it, without its query.
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        # The locale's code, kept until the next purge (core.memo): every co-produced page
        # asks on every request.
        code = memo.remember(("locale-code", self.locale_id), lambda: self.locale.language_code)
        if code == default:
            return self
        return (Page.objects.filter(translation_key=self.translation_key,
                                    locale__language_code=default).first() or self)

    def _coproduction_page_id(self) -> int:
        # Translations and aliases show the record of the page they were made from.
        return self._coproduction_source().pk

    def _record_context(self) -> dict:
        """What every page showing the record needs: the source page and whether the
        record (agreed in English) is shown inside a page in another language."""
        source = self._coproduction_source()
        return {"record_source": source,
                "record_in_english": source.pk != self.pk and self.alias_of_id is None}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        record = self._record_context()
        page_id = record["record_source"].pk
        # The record changes only with an entry in the evidence log or a publish, and both
        # purge: read once per purge (core.memo), each reader given their own lists.
        versions = list(memo.remember(("page-versions", page_id),
                                      lambda: list(selectors.page_versions(page_id))))
        context.update(record)
        context["disagreements"] = list(memo.remember(
            ("open-disagreements", page_id),
            lambda: list(selectors.page_disagreements(page_id, open_only=True))))
        context["versions"] = versions
        if record["record_in_english"]:
            context["translation"] = selectors.translation_standing(self, versions)
            # The translation's change note, when it is still the English record's words
            # (not translated), is marked English with "(in English)", as on the versions page.
            note = (getattr(self, "change_note", "") or "").strip()
            context["change_note_in_english"] = bool(note) and note in {
                (v.change_note or "").strip() for v in versions}
        return context

    @path("versions/", name="versions")
    def versions_view(self, request):
        record = self._record_context()
        return TemplateResponse(request, "charter/versions.html", {
            "page": self, "self": self, **record,
            "versions": list(selectors.page_versions(record["record_source"].pk)),
        })

    @path("compare/", name="compare_form")
    def compare_form_view(self, request):
        try:
            old, new = int(request.GET["from"]), int(request.GET["to"])
        except (KeyError, ValueError):
            return redirect(self.url + self.reverse_subpage("versions"))
        old, new = min(old, new), max(old, new)
        return redirect(self.url + self.reverse_subpage("compare", args=[old, new]))

    @path("compare/<int:old>/<int:new>/", name="compare")
    def compare_view(self, request, old, new):
        record = self._record_context()
        source_id = record["record_source"].pk
        found = selectors.compare(source_id, old, new,
                        translation_page_id=self.pk if record["record_in_english"] else None)
        if found is None:
            raise Http404("No such versions to compare.")
        found["findings"] = compare_findings(source_id, old, new)
        by_theme = compare_finding_themes(found["findings"])
        for finding in found["findings"]:
            finding.theme_findings = by_theme.get(finding.pk, [])
        # Only what the comparison shows: not the page's own (costlier) reading context.
        return TemplateResponse(request, "charter/compare.html",
                                {"page": self, "self": self, **record, **found})
