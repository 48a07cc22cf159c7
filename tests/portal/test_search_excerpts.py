"""A result's excerpt shows the question or section that holds the searched word, the word
marked, also when it was typed without its diacritics or hamza or in another form
("odleglosci" for "Odległości", "raty" for "ratach", "اقساط" for "أقساط"): not the page's
introduction, which does not hold it."""

import re

import pytest

pytestmark = pytest.mark.django_db

FAQ = {"/pl": "Pytania, które zadają rodzice", "/ar": "أسئلة يطرحها أولياء الأمور"}
TRAVEL = {"/pl": "Pomoc w dojazdach dla dzieci ze SEND"}


def _excerpt(client, prefix: str, words: str, title: str) -> str:
    """The excerpt under the result called ``title``: its text, with <mark> kept."""
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    item = html.split(f">{title}</a></h2>", 1)[1].split("</li>", 1)[0]
    paragraph = re.search(r"<p[^>]*>(.*?)</p>", item, re.S).group(1)
    return " ".join(paragraph.split())


@pytest.mark.parametrize(("prefix", "typed", "question", "marked"), [
    ("/pl", "raty", "Czy mogę płacić w ratach?", "ratach"),
    ("/pl", "placic w ratach", "Czy mogę płacić w ratach?", "płacić"),
    ("/ar", "اقساط", "هل يمكنني الدفع على أقساط؟", "أقساط"),
    ("/ar", "الدفع على اقساط", "هل يمكنني الدفع على أقساط؟", "أقساط"),
    # The first question whose answer holds it ("fill in the appeal form").
    ("/ar", "الاستيناف", "كيف أقدم استئنافاً على قرار؟", "الاستئناف"),
    ("/ar", "الإستئناف", "كيف أقدم استئنافاً على قرار؟", "الاستئناف"),
])
def test_an_faq_result_shows_the_question_holding_the_word(
        demo, client, prefix, typed, question, marked):
    excerpt = _excerpt(client, prefix, typed, FAQ[prefix])
    assert re.sub("</?mark>", "", excerpt).startswith(question), excerpt
    assert f"<mark>{marked}</mark>" in excerpt
    # Not the FAQ's introduction.
    assert "Oto krótkie odpowiedzi" not in excerpt and "إليك إجابات" not in excerpt


@pytest.mark.parametrize("typed", ["odleglosci", "odleglosc", "ODLEGLOSCI", "odległość"])
def test_a_policy_result_shows_the_section_holding_the_word(demo, client, typed):
    excerpt = _excerpt(client, "/pl", typed, TRAVEL["/pl"])
    assert excerpt.startswith("<mark>Odległości</mark> pieszo."), excerpt
    assert "<mark>Odległość</mark> ma znaczenie" in excerpt
