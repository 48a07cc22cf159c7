"""The analysis and "What people told us" in a real browser: an officer sends the themes to
the forum, a representative agrees them; the officer writes the draft from the themes and
sends the analysis; the representative agrees it. Every page visited passes axe."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import manage_shell, sign_in

DEMO_FRAME = (
    "from analysis.models import CodingFrame; "
    "f = CodingFrame.objects.filter(consultation__isnull=False).order_by('pk').first(); "
    "print(f.pk, f.consultation_id, f.status)")
WRITE_UP_STATUS = (
    "from analysis.models import WriteUp; "
    "print(WriteUp.objects.get(consultation_id={}).status)")


def test_an_officer_sends_the_write_up_and_the_forum_agrees_it(browser, portal_url,
                                                               axe_violations):
    frame_id, consultation_id, status = manage_shell(DEMO_FRAME).split()
    officer_context, officer = sign_in(browser, portal_url, "officer")
    rep_context, rep = sign_in(browser, portal_url, "forumrep", width=390)

    if status == "draft":
        officer.goto(f"{portal_url}/forum/analysis/frames/{frame_id}/")
        assert axe_violations(officer) == []
        officer.get_by_role("button", name="Send the themes to the forum").click()
        expect(officer.get_by_text("The frame is with the forum now.")).to_be_visible()
        status = "with_forum"
    if status == "with_forum":
        rep.goto(portal_url + "/forum/analysis/")
        assert axe_violations(rep) == []
        rep.get_by_role("link", name=re.compile("Walking")).first.click()
        expect(rep).to_have_url(re.compile(rf"/forum/analysis/frames/{frame_id}/$"))
        assert axe_violations(rep) == []
        rep.get_by_role("button", name="Agree the themes").click()
        expect(rep.get_by_text("You agreed the frame.")).to_be_visible()

    # The officer writes the draft from the confirmed themes and sends it with the analysis.
    officer.goto(f"{portal_url}/forum/analysis/consultations/{consultation_id}/")
    assert axe_violations(officer) == []
    replace = officer.get_by_label("Replace my words with a new draft from the themes")
    if replace.count():  # a draft is written already: writing it again asks for a tick
        replace.check()
    officer.get_by_role("button", name=re.compile("Write (a|the) draft")).click()
    expect(officer.get_by_text(re.compile("The draft is written (again )?from the confirmed "
                                          "themes"))).to_be_visible()
    assert axe_violations(officer) == []
    officer.get_by_role("button", name="Send the analysis to the forum").click()
    expect(officer.get_by_text("The analysis and the draft are with the forum now.")
           ).to_be_visible()
    assert manage_shell(WRITE_UP_STATUS.format(consultation_id)) == "with_forum"

    # The representative, on a phone, finds it in the forum area and agrees it.
    rep.goto(portal_url + "/forum/analysis/")
    rep.get_by_role("link", name=re.compile("Walking")).last.click()
    expect(rep).to_have_url(re.compile(rf"/forum/analysis/consultations/{consultation_id}/$"))
    expect(rep.get_by_role("heading", name="What people told us")).to_be_visible()
    assert axe_violations(rep) == []
    rep.get_by_role("button", name="Agree the analysis").click()
    expect(rep.get_by_text("You agreed the analysis.")).to_be_visible()
    assert axe_violations(rep) == []
    assert manage_shell(WRITE_UP_STATUS.format(consultation_id)) == "agreed"
    officer_context.close()
    rep_context.close()
