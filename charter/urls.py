from django.urls import path

from charter.views import board, forum, record

urlpatterns = [
    path("board/", board.home, name="board_home"),
    path("board/pages/<int:page_id>/", board.page_record, name="board_page"),
    path("board/pages/<int:page_id>/pack/", board.board_pack, name="board_pack"),
    path("board/pages/<int:page_id>/comments.csv", board.comments_csv, name="board_csv"),
    path("board/pages/<int:page_id>/pack.pdf", board.board_pack_pdf, name="board_pack_pdf"),
    path("board/meetings/<int:meeting_id>/pack/", board.meeting_pack, name="board_meeting_pack"),
    path("board/meetings/<int:meeting_id>/pack.pdf", board.meeting_pack_pdf,
         name="board_meeting_pack_pdf"),
    path("board/record.csv", board.record_csv, name="board_record_csv"),
    path("board/evidence-log.jsonl", record.board_download, name="board_record_download"),
]

#: The forum's pages, served in every language (``/forum/``, ``/pl/forum/``, ``/ar/forum/``):
#: ``portal/urls.py`` puts them inside the language prefixes, so a representative reads the
#: interface in their language and every redirect keeps it. The drafts, comments and
#: positions stay in the words they were written in. The board's pages above are staff
#: pages, in English.
forum_urlpatterns = [
    path("forum/", forum.home, name="forum_home"),
    path("forum/drafts/<int:review_id>/", forum.draft, name="forum_draft"),
    path("forum/drafts/<int:review_id>/comment/", forum.comment, name="forum_comment"),
    path("forum/drafts/<int:review_id>/decide/", forum.decide, name="forum_decide"),
    path("forum/comments/<int:comment_id>/edit/", forum.comment_edit, name="forum_comment_edit"),
    path("forum/disagreements/<int:disagreement_id>/", forum.disagreement,
         name="forum_disagreement"),
]

#: The public record's pages, served in every language (``/pl/record/``, ``/ar/record/``):
#: ``portal/urls.py`` puts them inside the language prefixes.
public_urlpatterns = [
    path("record/", record.about, name="record_about"),
    path("record/evidence-log.jsonl", record.public_download, name="record_download"),
    path("record/verify_record.py", record.verifier_download, name="record_verifier"),
    path("record/receipts/", record.my_receipts, name="my_receipts"),
    path("record/receipts/<int:sequence>/", record.receipt, name="record_receipt"),
    path("record/receipts/<int:sequence>/receipt.json", record.receipt_json,
         name="record_receipt_json"),
]
