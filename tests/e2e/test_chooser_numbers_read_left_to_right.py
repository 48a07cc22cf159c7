"""In a real browser, a number inside a phone link written with the page editor's phone link
chooser reads left to right in an Arabic sentence once the site has drawn it, where before its
digit groups read reversed ("890 567 01234"); an address in an e-mail link reads in order,
where one beginning with digits was turned round (issue 13, review r13k F1, F4)."""

from django.utils.safestring import mark_safe

from portal.templatetags.phone_links import mail_links, tel_links

# Where each piece of the link's text starts on screen, from the left: the text node is the
# link's own, or its <bdi>'s.
LEFTS = """(pieces) => {
  const a = document.querySelector('a');
  const node = (a.querySelector('bdi') || a).firstChild;
  return pieces.map(piece => {
    const range = document.createRange();
    const at = node.textContent.indexOf(piece);
    range.setStart(node, at);
    range.setEnd(node, at + piece.length);
    return range.getBoundingClientRect().left;
  });
}"""


def _lefts(browser, html, pieces):
    page = browser.new_page()
    page.set_content(f'<html lang="ar" dir="rtl"><body style="font-size:20px">{html}'
                     "</body></html>")
    lefts = page.evaluate(LEFTS, pieces)
    page.close()
    return lefts


def test_a_chooser_phone_link_reads_left_to_right_on_an_arabic_page(browser, monkeypatch):
    # This process has no database: no Service details number to link besides the one written.
    monkeypatch.setattr("portal.templatetags.phone_links.transport_phone", lambda request: "")
    written = '<p>اتصل على <a href="tel:01234567890">01234 567 890</a> الآن</p>'
    groups = ["01234", "567", "890"]
    # As the editor writes it, the browser turns the groups round (what the reader saw).
    before = _lefts(browser, written, groups)
    assert before != sorted(before)
    after = _lefts(browser, str(tel_links(mark_safe(written))), groups)
    assert after == sorted(after), after


def test_a_chooser_email_link_reads_in_order_on_an_arabic_page(browser):
    # An address beginning with digits, as a text-message gateway's does.
    written = '<p>راسلنا على <a href="mailto:07700900123@sms.example.gov.uk">' \
              '07700900123@sms.example.gov.uk</a>.</p>'
    pieces = ["07700900123", "@", "sms.example.gov.uk"]
    before = _lefts(browser, written, pieces)
    assert before != sorted(before)
    after = _lefts(browser, str(mail_links(mark_safe(written))), pieces)
    assert after == sorted(after), after
