"""The governance board's views (/board/): read only, for board members and officers."""

from __future__ import annotations

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Page, Site

from charter import governance, record, selectors
from charter.hooks import board_sections
from charter.models import CoproductionMeeting, CoproductionSettings, EvidenceCheckpoint
from charter.permissions import can_view_board, role_required
from charter.services import evidence_verify
from core.sanitise import spreadsheet_cell, visible_text

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
    today = timezone.localdate()
    return TemplateResponse(request, "charter/board/home.html", {
        "today": today,
        "rows": selectors.board_summary(),
        **board_sections(),
        "chain": evidence_verify(),
        "checkpoint": record.checkpoint_display(record.latest_checkpoint()),
        "outside_forum": selectors.outside_forum_events(),
        "board_meetings": selectors.board_meetings(),
        "meeting_removals": selectors.meeting_removals(),
        **selectors.meetings_overview(_cadence_days(request), today),
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


def pack_footer(text: str) -> str:
    """``text`` for the pack's running footer (one line in every printed page's margin):
    quotes, backslashes and markup characters dropped, whitespace collapsed."""
    return " ".join("".join(ch for ch in text if ch not in "\"'\\<>&").split())


def _pack_context(page) -> dict:
    """The whole record of one page, as the board pack (printed or PDF) shows it."""
    checkpoint = _pack_checkpoint()
    return {**selectors.board_page(page), "chain": evidence_verify(),
            "checkpoint": record.checkpoint_display(checkpoint),
            "generated_at": timezone.now(), "pack_footer": pack_footer(f"Board pack: {page.title}")}


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

    # Tagged (PDF/UA-1): headings, lists and tables reach screen readers as such.
    return weasyprint.HTML(string=html, base_url=base_url,
                           url_fetcher=LocalStaticFetcher()).write_pdf(pdf_variant="pdf/ua-1")


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


# --- the board pack for a board meeting ------------------------------------------------


def _board_meeting(meeting_id: int) -> CoproductionMeeting:
    return get_object_or_404(CoproductionMeeting, pk=meeting_id,
                             kind=CoproductionMeeting.Kind.BOARD)


def _meeting_pack_context(meeting: CoproductionMeeting) -> dict:
    """Everything since the board's previous held meeting up to this meeting's date."""
    today = timezone.localdate()
    board_dates = [m.date for m in selectors.board_meetings()]
    period = governance.pack_period(meeting.date, board_dates, today)
    return {
        **selectors.board_pack(period, today),
        "meeting": meeting,
        "meeting_held": governance.is_held(meeting.date, today),
        "pack_footer": pack_footer(f"Board pack, {meeting.date.day} {meeting.date:%B %Y}"),
        **board_sections(),
        "chain": evidence_verify(),
        "checkpoint": record.checkpoint_display(_pack_checkpoint()),
        "generated_at": timezone.now(),
    }


@board_required
def meeting_pack(request, meeting_id):
    """The board pack for one board meeting, to print (the PDF is made from it)."""
    meeting = _board_meeting(meeting_id)
    return TemplateResponse(request, "charter/board/meeting_pack.html",
                            _meeting_pack_context(meeting))


@board_required
def meeting_pack_pdf(request, meeting_id):
    """The board pack for one board meeting as a tagged PDF with page numbers."""
    from django.template.loader import render_to_string

    meeting = _board_meeting(meeting_id)
    html = render_to_string("charter/board/meeting_pack.html", _meeting_pack_context(meeting),
                            request=request)
    response = HttpResponse(_pdf(html, request.build_absolute_uri("/")),
                            content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="board-pack-{meeting.date:%Y-%m-%d}.pdf"')
    return response


RECORD_COLUMNS = ["record", "id", "page", "date", "section", "what", "text",
                  "answer or decision", "reason or note", "late", "version", "meeting"]


def _record_rows(whole: dict):
    """The whole record as rows of ``RECORD_COLUMNS``, page by page then meeting by meeting."""
    cell = spreadsheet_cell
    for row in whole["pages"]:
        title = row["page"].title
        for v in row["versions"]:
            yield ["version", v.pk, title, v.published_at.date().isoformat(), "",
                   f"Version {v.number}", "", "", cell(v.change_note), "", v.number, ""]
        for r in row["reviews"]:
            yield ["forum review", r.pk, title, r.started_at.date().isoformat(), "",
                   f"Deadline {r.deadline.isoformat() if r.deadline else 'none'}", "",
                   r.get_decision_display() if r.decision else "Not decided yet",
                   cell(r.decision_note), "yes" if r.decided_late else "no", "", ""]
        for c in row["comments"]:
            answer = c.answer if c.is_answered else None
            yield ["comment", c.pk, title, c.created_at.date().isoformat(),
                   c.section_heading or "Whole page", cell(c.quote), cell(visible_text(c.body)),
                   answer.get_disposition_display() if answer else "Not answered yet",
                   cell(answer.reason) if answer else "",
                   ("yes" if answer.answered_late else "no") if answer else "", "", ""]
            for old in c.earlier_wordings:
                yield ["earlier wording", c.pk, title, old.history_date.date().isoformat(),
                       c.section_heading or "Whole page", "", cell(visible_text(old.body)),
                       "", "", "", "", ""]
        for d in row["disagreements"]:
            yield ["disagreement", d.pk, title, d.stated_at.date().isoformat(),
                   d.section_heading or "Whole page", cell(d.topic), cell(d.forum_position),
                   d.get_status_display(), cell(d.council_position), "", "", ""]
            for state in d.states:
                yield ["disagreement as it stood", d.pk, title,
                       state.history_date.date().isoformat(), "", cell(state.topic),
                       cell(state.forum_position), dict(d.Status.choices).get(state.status),
                       cell(state.council_position or state.resolution_note), "", "", ""]
        for item in row["undone"]:
            u = item["undone"]
            yield ["accepted change undone", item["comment"].pk, title, "",
                   item["comment"].section_heading, "", cell(visible_text(item["comment"].body)),
                   f"Made in version {u.made_in}", f"Undone in version {u.undone_in}", "",
                   u.undone_in, ""]
    for m in whole["meetings"] + whole["planned_meetings"]:
        held = m in whole["meetings"]
        yield ["meeting" if held else "planned meeting", m.pk, "", m.date.isoformat(), "",
               cell(m.title), cell(m.agenda), cell(m.decisions), cell(m.notes), "", "",
               m.get_kind_display()]
        for a in m.actions.all():
            yield ["action", a.pk, "", a.due_date.isoformat(), "", cell(a.owner),
                   cell(a.action), "done" if a.done else "not done", "", "", "", m.pk]
    for e in whole["consultation_events"]:
        yield ["consultation or survey", e["entry"].sequence, e["title"],
               e["entry"].recorded_at.date().isoformat(), "", e["what"], cell(e["summary"]),
               "", "", "", "", ""]


@board_required
def record_csv(request):
    """The whole co-production record as one CSV: every page's versions, forum reviews and
    decisions, comments (with earlier wordings) and answers, disagreements (with how they
    stood over time), accepted changes later undone, meetings and their actions, and the
    consultations' and surveys' events."""
    today = timezone.localdate()
    # Planned meetings are listed too (marked so): the record holds them.
    later = max([today, *[m.date for m in CoproductionMeeting.objects.only("date")]])
    whole = selectors.board_pack(governance.Period(after=None, until=later), today)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="co-production-record.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the text as UTF-8
    writer = csv.writer(response)
    writer.writerow(RECORD_COLUMNS)
    writer.writerows(_record_rows(whole))
    return response
