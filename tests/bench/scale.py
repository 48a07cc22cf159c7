"""Give one policy a long history for the benchmark: 200 versions and 2,000 answered comments.

Run inside the benchmark's throwaway site (``run.py`` does it). Every round goes
the real way: the draft goes to the forum, the forum comments, the council
answers and changes the draft, the forum agrees and the workflow publishes.
Prints a JSON line: the policy's URL and a board member's session cookie.
"""

import json
import os
import sys

import django

VERSIONS = 200
COMMENTS_PER_VERSION = 10


def main() -> None:
    sys.path.insert(0, os.getcwd())
    django.setup()
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
    from wagtail.models import Site
    from wagtail.rich_text import RichText

    from charter import services
    from charter.models import ForumReviewTaskState
    from portal.models import PolicyIndexPage, PolicyPage
    from tests.factories import section

    index = PolicyIndexPage.objects.first()
    policy = index.add_child(instance=PolicyPage(
        title="A policy with a long history", slug="long-history", in_short="Version 1.",
        effective_date="2026-09-01", change_note="Version 1.",
        sections=[section(f"Section {n}", f"<p>Section {n}, version 1.</p>") for n in range(8)],
    ))
    policy.save_revision().publish()
    officer = User.objects.get(username="officer")
    rep = User.objects.get(username="forumrep")
    board = User.objects.get(username="board")
    from charter.coproduction import coproduction_workflow

    workflow = coproduction_workflow()
    for number in range(2, VERSIONS + 2):
        page = PolicyPage.objects.get(pk=policy.pk).get_latest_revision_as_object()
        page.change_note = f"Draft {number}."
        page.save_revision(user=officer)
        workflow.start(page, officer)
        review = page.current_workflow_task_state.specific
        made = []
        for i in range(COMMENTS_PER_VERSION):
            block = page.sections[i % len(page.sections)]
            comment = services.comment_submit(
                review=review, author=rep, block_id=block.id,
                section_heading=block.value["heading"],
                body=f"<p>Comment {i} before version {number}: please make this plainer.</p>")
            services.comment_answer(comment=comment, officer=officer, disposition="partly",
                                    reason="We have made it plainer.")
            made.append(comment)
        for block in page.sections:
            block.value["body"] = RichText(
                f"<p>{block.value['heading']}, version {number}: plainer words.</p>")
        page.in_short = f"Version {number}."
        page.change_note = f"Version {number}: plainer words after forum comments."
        revision = page.save_revision(user=officer)
        services.comments_resolve(comments=made, revision=revision, officer=officer)
        services.review_decide(review=review, user=rep,
                               decision=ForumReviewTaskState.Decision.AGREED)
    session = SessionStore()
    session["_auth_user_id"] = str(board.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = board.get_session_auth_hash()
    # The demo's board member has two-factor: a session that has given its code, so the
    # benchmark measures the board's pages rather than the two-factor prompt's redirect.
    device = next(devices_for_user(board), None)
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    site = Site.objects.get(is_default_site=True)
    print(json.dumps({"policy": policy.relative_url(site), "page_id": policy.pk,
                      "session": session.session_key}))


if __name__ == "__main__":
    main()
