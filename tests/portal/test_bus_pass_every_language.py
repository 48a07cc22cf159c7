"""A bus pass asked for in Polish or Arabic, as families type it, finds the travel help policy
first with its answer in the reader's language, as "bus pass" does in English (issue 13,
review r13k F6)."""

import pytest

pytestmark = pytest.mark.django_db

ANSWER = {"": "A free bus pass is one kind of travel help",
          "/pl": "Bezpłatny bilet autobusowy to jeden z rodzajów pomocy w dojazdach",
          "/ar": "تذكرة الحافلة المجانية نوع من المساعدة في التنقل"}


@pytest.mark.parametrize(("prefix", "words"), [
    ("", "bus pass"),
    ("/pl", "bilet autobusowy"),
    ("/pl", "bilet"),
    ("/pl", "bilety autobusowe"),  # another form of the words
    ("/pl", "karta autobusowa"),
    ("/ar", "تذكرة حافلة"),
    ("/ar", "بطاقة الباص"),
    ("/ar", "تذكره باص"),  # ه for ة, as typed on many phones
])
def test_a_bus_pass_in_any_language_has_the_travel_help_policy_as_best_answer(
        demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    assert "data-portal-promotions" in html, f"no best answer for {words}"
    promoted = html.split("data-portal-promotions", 1)[1].split("</div>", 1)[0]
    assert f'href="{prefix}/policies/travel-assistance/"' in promoted
    assert ANSWER[prefix] in promoted
