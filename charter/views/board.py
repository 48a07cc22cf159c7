"""The governance board's views (/board/): read only, for board members and officers."""

from __future__ import annotations

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Page, Site

from charter import record, selectors
from charter.models import CoproductionSettings, EvidenceCheckpoint
from charter.permissions import can_view_board, role_required
from charter.services import evidence_verify
from portal.sanitise import spreadsheet_cell, visible_text

board_required = role_required(can_view_board)


def _cadence_days(request) -> int:
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    return CoproductionSettings.for_site(site).meeting_cadence_days if site else 14


def _coproduced_page(page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not getattr(page, "coproduced", False):
        raise Http404
    return page


@board_required
def home(request):
    from surveys.models.settings import survey_settings
    from surveys.selectors import board_surveys

    minimum = survey_settings().minimum_responses
    return TemplateResponse(request, "charter/board/home.html", {
        "rows": selectors.board_summary(),
        "surveys": board_surveys(minimum=minimum),
        "survey_minimum": minimum,
        "chain": evidence_verify(),
        "checkpoint": record.checkpoint_display(record.latest_checkpoint()),
        "outside_forum": selectors.outside_forum_events(),
        **selectors.meetings_overview(_cadence_days(request), timezone.localdate()),
    })


@board_required
def page_record(request, page_id):
    page = _coproduced_page(page_id)
    return TemplateResponse(request, "charter/board/page.html", selectors.board_page(
        page, comments_page=request.GET.get("page") or 1))


@board_required
def board_pack(request, page_id):
    return TemplateResponse(request, "charter/board/pack.html",
                            _pack_context(_coproduced_page(page_id)))


def _pack_checkpoint():
    """Every board pack carries a checkpoint covering the log as it is now, so the minutes
    that file the pack anchor it. Without a key, or on a log that no longer matches its
    last checkpoint, the pack shows the latest checkpoint there is (and the check says why)."""
    try:
        return record.checkpoint_make(reason=EvidenceCheckpoint.Reason.BOARD_PACK,
                                      only_if_moved=True)
    except (record.SigningKeyMissing, record.EvidenceTampered):
        return record.latest_checkpoint()


def _pack_context(page) -> dict:
    """The whole record of one page, as the board pack (printed or PDF) shows it."""
    checkpoint = _pack_checkpoint()
    return {**selectors.board_page(page), "chain": evidence_verify(),
            "checkpoint": record.checkpoint_display(checkpoint),
            "generated_at": timezone.now()}


def _local_static(url: str) -> bytes:
    """The portal's own static file at ``url``, read from disk. Anything else is refused:
    the portal makes no request to any other host, and not to itself either."""
    from urllib.parse import urlparse

    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    path = urlparse(url).path
    if not path.startswith(settings.STATIC_URL):
        raise ValueError(f"Not fetched for the board pack: {url}")
    name = path[len(settings.STATIC_URL):]
    found = finders.find(name)
    if found is None and staticfiles_storage.exists(name):
        found = staticfiles_storage.path(name)
    if found is None:
        raise ValueError(f"No such static file: {name}")
    with open(found, "rb") as handle:
        return handle.read()


def _pdf(html: str, base_url: str) -> bytes:
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalStaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            kind = "text/css" if url.split("?")[0].endswith(".css") else "application/octet-stream"
            return URLFetcherResponse(url, body=_local_static(url),
                                      headers={"Content-Type": kind})

    return weasyprint.HTML(string=html, base_url=base_url,
                           url_fetcher=LocalStaticFetcher()).write_pdf()


@board_required
def board_pack_pdf(request, page_id):
    """The board pack as a PDF, made by WeasyPrint from the same printable page."""
    from django.template.loader import render_to_string

    page = _coproduced_page(page_id)
    html = render_to_string("charter/board/pack.html", _pack_context(page), request=request)
    pdf = _pdf(html, request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-board-pack.pdf"'
    return response


CSV_COLUMNS = [
    "comment", "made on", "section", "words quoted", "comment text", "answer", "reason",
    "answered on", "answered after the deadline", "changed in version", "resolving revision",
]


@board_required
def comments_csv(request, page_id):
    """One row per forum comment with its answer and the version that carried its change."""
    page = _coproduced_page(page_id)
    record = selectors.board_page(page)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-forum-comments.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the text as UTF-8
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for c in record["comments"]:
        answer = c.answer if c.is_answered else None
        writer.writerow([
            c.pk, c.created_at.date().isoformat(), c.section_heading or "Whole page",
            spreadsheet_cell(c.quote), spreadsheet_cell(visible_text(c.body)),
            answer.get_disposition_display() if answer else "Not answered yet",
            spreadsheet_cell(answer.reason) if answer else "",
            answer.answered_at.date().isoformat() if answer else "",
            ("yes" if answer.answered_late else "no") if answer else "",
            c.changed_in_version or "",
            (answer.resolved_by_revision_id or "") if answer else "",
        ])
    for d in record["disagreements"]:
        writer.writerow([])
        writer.writerow(["disagreement", d.get_status_display(), d.section_heading or "Whole page",
                         spreadsheet_cell(d.topic), spreadsheet_cell(d.forum_position),
                         "council says", spreadsheet_cell(d.council_position), "", "", "", ""])
    return response
