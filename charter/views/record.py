"""The evidence record for anyone: what it is, its latest signed checkpoint, the log to
download, the standalone verifier, and receipts for what people recorded."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from charter import record, selectors
from charter.models import EvidenceEntry
from charter.permissions import can_view_board, role_required

VERIFIER_PATH = settings.BASE_DIR / "tools" / "verify_record.py"


def _download(*, include_texts: bool, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(record.record_lines(include_texts=include_texts),
                                     content_type="application/jsonl; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.jsonl"')
    response["Cache-Control"] = "no-store"
    return response


def about(request):
    """The public "about this record" page: the latest checkpoint and how to check it."""
    return TemplateResponse(request, "charter/record/about.html", {
        "checkpoint": record.checkpoint_display(record.latest_checkpoint()),
        "entries": EvidenceEntry.objects.count(),
    })


def public_download(request):
    """The whole log without the texts that are not public (their salted hashes stay)."""
    return _download(include_texts=False, name="evidence-log-public")


@role_required(can_view_board)
def board_download(request):
    """The board's copy: the whole log with the texts kept beside it."""
    return _download(include_texts=True, name="evidence-log")


def verifier_download(request):
    """The standalone verifier, exactly as shipped in the repository."""
    return FileResponse(open(VERIFIER_PATH, "rb"), as_attachment=True,  # noqa: SIM115
                        filename="verify_record.py", content_type="text/x-python")


def _receipt_entry(sequence: int) -> EvidenceEntry:
    entry = get_object_or_404(EvidenceEntry, sequence=sequence)
    if entry.kind not in selectors.RECEIPT_KINDS:
        raise Http404
    return entry


def receipt(request, sequence: int):
    """One entry's receipt. Its number, hash and kind are in the public log already."""
    entry = _receipt_entry(sequence)
    return TemplateResponse(request, "charter/record/receipt.html", {
        "entry": entry, "receipt": record.receipt(entry),
    })


def receipt_json(request, sequence: int):
    entry = _receipt_entry(sequence)
    response = JsonResponse(record.receipt(entry), json_dumps_params={"indent": 1})
    response["Content-Disposition"] = f'attachment; filename="receipt-{sequence}.json"'
    return response


@login_required
def my_receipts(request):
    """A forum representative's receipts for their comments; an officer's for their answers."""
    return TemplateResponse(request, "charter/record/my_receipts.html", {
        "receipts": selectors.receipts_for(request.user),
    })
