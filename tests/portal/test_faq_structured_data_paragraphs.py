"""Review h13w 4: the FAQ's schema.org answer keeps a space between paragraphs (and list
items), as a reader sees them, never "…straight away.If it is out of hours…"."""

import json

import pytest
from wagtail.rich_text import RichText

from portal.models import FAQIndexPage

pytestmark = pytest.mark.django_db


def test_two_paragraphs_are_two_sentences_in_the_structured_data(demo, client):
    page = FAQIndexPage.objects.get(locale__language_code="en-gb")
    question = page.topics[0].value["questions"][0]
    question["answer"] = RichText("<p>Ask the school first.</p><p>Then phone us.</p>"
                                  "<ul><li>by letter</li><li>by e-mail</li></ul>")
    page.save_revision().publish()
    html = client.get("/faq/").content.decode()
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1]
                      .split("</script>", 1)[0])
    answers = [q["acceptedAnswer"]["text"] for q in data["mainEntity"]
               if q["name"] == question["question"]]
    assert answers == ["Ask the school first. Then phone us. by letter by e-mail"]
