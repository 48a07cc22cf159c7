from django.urls import path

from charter.views import forum

urlpatterns = [
    path("forum/", forum.home, name="forum_home"),
    path("forum/drafts/<int:review_id>/", forum.draft, name="forum_draft"),
    path("forum/drafts/<int:review_id>/comment/", forum.comment, name="forum_comment"),
    path("forum/drafts/<int:review_id>/decide/", forum.decide, name="forum_decide"),
    path("forum/comments/<int:comment_id>/edit/", forum.comment_edit, name="forum_comment_edit"),
    path("forum/disagreements/<int:disagreement_id>/", forum.disagreement,
         name="forum_disagreement"),
]
