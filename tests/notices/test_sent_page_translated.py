"""The "check your e-mail" page after subscribing is wholly in the reader's language.

Its line saying how long the link works was left in English on /pl/ and /ar/ once the
e-mail's own wording changed and the page's translations were dropped from the catalogues."""

import pytest

ENGLISH_LINES = ("The link works", "Check your e-mail", "Open it to confirm", "junk folder")


@pytest.mark.parametrize(("prefix", "email", "link_line"), [
    ("/pl", "Zofia.Nowak@Example.PL", "Link działa 7 dni."),
    ("/ar", "Huda.Ali@Example.org", "يعمل الرابط 7 أيام."),
])
def test_the_check_your_email_page_has_no_english_line(client, site, smtp, prefix, email,
                                                        link_line):
    response = client.post(f"{prefix}/notices/subscribe/", {
        "email": email, "topics": ["results"], "frequency": "immediately"})
    assert response.status_code == 200
    page = response.content.decode()
    assert link_line in page
    for english in ENGLISH_LINES:
        assert english not in page
