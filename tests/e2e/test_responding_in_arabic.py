"""A parent reading in Arabic sends a consultation response in a real browser and gets a
reference: the form on the Arabic copy posts to an address that answers, in Arabic, and the
response counts towards the English consultation. Checked with axe on the way."""


from playwright.sync_api import expect

from tests.e2e.conftest import manage_shell

RESPOND = "/ar/consultations/walking-distances-under-8/respond/"

COUNT = """
from consultations.models import ConsultationResponse
print(ConsultationResponse.objects.filter(
    consultation__locale__language_code="en-gb", reference="{reference}").count())
"""





def test_a_parent_responds_in_arabic_and_gets_a_reference(browser, portal_url, axe_violations):
    # The server's clock starts on a day the demo consultation is open (see conftest).
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(portal_url + RESPOND)
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert axe_violations(page) == []

    # Sent with nothing chosen: the title says so, and focus is on the error summary.
    page.get_by_role("button", name="أرسل ردي").click()
    expect(page.get_by_role("heading", name="توجد مشكلة")).to_be_visible()
    assert page.title().startswith("خطأ:")
    assert page.evaluate("() => document.activeElement.classList.contains("
                         "'govuk-error-summary')")
    first_link = page.locator(".govuk-error-summary__list a").first
    target = first_link.get_attribute("href")
    first_link.click()
    assert page.evaluate("() => '#' + document.activeElement.id") == target
    assert axe_violations(page) == []

    # Choose the first answer of every choice question, then send.
    page.evaluate("""() => {
        const seen = new Set();
        document.querySelectorAll('input[type=radio]').forEach((radio) => {
            if (!seen.has(radio.name)) { seen.add(radio.name); radio.checked = true; }
        });
    }""")
    page.get_by_role("button", name="أرسل ردي").click()
    expect(page.get_by_role("heading", name="تم إرسال الرد")).to_be_visible()
    assert "/ar/consultations/walking-distances-under-8/respond/thank-you/" in page.url
    reference = page.locator(".govuk-panel__body strong").inner_text().strip()
    assert len(reference) == 8
    assert axe_violations(page) == []
    # Stored once, against the English consultation.
    assert manage_shell(COUNT.format(reference=reference)) == "1"
    context.close()
