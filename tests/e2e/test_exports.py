"""An officer exports every response to a consultation in a real browser at desktop width:
Export, the progress page, the download; axe finds nothing on either page."""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import manage_shell, sign_in_to_admin


def test_an_officer_exports_the_responses_and_downloads_the_file(browser, portal_url,
                                                                 axe_violations):
    page_id = manage_shell(
        "from consultations.models import ConsultationPage;"
        "print(ConsultationPage.objects.filter(slug='walking-distances-under-8',"
        " alias_of__isnull=True).order_by('pk').first().pk)")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    sign_in_to_admin(page, portal_url)

    page.goto(f"{portal_url}/admin/consultations/{page_id}/responses/")
    page.get_by_role("link", name="Export all as CSV").click()
    expect(page.get_by_role("heading", name="Export as CSV")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name=re.compile(r"^Export \d+ responses$")).click()

    expect(page.get_by_text(re.compile(r"All \d+ responses written\."))).to_be_visible()
    expect(page.locator("progress")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_download() as waiting:
        page.get_by_role("link", name=re.compile(r"^Download .*-responses\.csv$")).click()
    download = waiting.value
    assert download.suggested_filename.endswith("-responses.csv")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("reference,submitted,channel")
    context.close()
