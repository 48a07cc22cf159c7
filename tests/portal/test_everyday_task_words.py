"""The words families type for asking for help and for reaching the team, in each language:
"apply", "wniosek", "استمارة" find how to apply for travel help; "call", "ring", "email",
"do kogo dzwonic", "جوال" find the team's number and address, as "phone" and "contact" do."""

import pytest

pytestmark = pytest.mark.django_db

HOW_TO_APPLY = 'href="{prefix}/policies/travel-assistance/"'


def _promoted(html: str) -> str:
    assert "data-portal-promotions" in html, "no best answer"
    return html.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0]


@pytest.mark.parametrize(("prefix", "words", "said"), [
    ("", "apply", "How to apply for travel help"),
    ("", "application", "How to apply for travel help"),
    ("", "how do i apply", "How to apply for travel help"),
    ("/pl", "wniosek", "Jak złożyć wniosek"),
    ("/pl", "jak zlozyc wniosek", "Jak złożyć wniosek"),
    ("/ar", "استمارة", "كيف تقدّم طلب"),
])
def test_apply_finds_how_to_apply(demo, client, prefix, words, said):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    promoted = _promoted(html)
    assert HOW_TO_APPLY.format(prefix=prefix) in promoted, words
    assert said in promoted
    assert "data-portal-urgent-answer" not in html


@pytest.mark.parametrize(("prefix", "words"), [
    ("", "call"), ("", "who do i call"), ("", "ring"), ("", "email"),
    ("/pl", "do kogo dzwonic"), ("/ar", "جوال"), ("/ar", "موبايل"), ("/ar", "ايميل"),
])
def test_call_reaches_the_number_and_address(demo, client, prefix, words):
    promoted = _promoted(client.get(f"{prefix}/search/", {"q": words}).content.decode())
    assert 'href="tel:+441234567890"' in promoted, words
    assert "send.transport@example.gov.uk" in promoted
