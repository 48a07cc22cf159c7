"""A search result's excerpt gives the transport number whole, as a tel: link isolated left to
right (an Arabic excerpt does not reverse its digit groups), never cut in half."""

import pytest

from portal.excerpts import excerpt


def test_an_excerpt_never_starts_or_ends_inside_a_phone_number():
    text = ("Phone the transport team on 0300 123 4567 straight away. If it is out of hours, "
            "phone the number on your child's travel letter.")
    for width in range(40, 120, 3):
        shown = "".join(part for part, _ in excerpt(text, "letter", width=width))
        assert "123 4567" not in shown or "0300 123 4567" in shown, shown
    shown = "".join(part for part, _ in excerpt("x " * 10 + "call 0300 123 4567 now", "call",
                                                width=22))
    assert "0300 123 4567" in shown or "0300" not in shown, shown


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "words"), [("/ar", "خارج ساعات العمل"), ("", "out of hours")])
def test_the_number_in_a_result_excerpt_is_a_link_isolated_left_to_right(demo, client, prefix,
                                                                         words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    results = html.split('class="govuk-list portal-results"', 1)[1].split("</ol>", 1)[0]
    excerpts = [p.split("</p>", 1)[0] for p in results.split('<p class="govuk-body"')[1:]
                if "01234" in p.split("</p>", 1)[0]]
    assert excerpts, results
    for text in excerpts:
        assert ('href="tel:+441234567890"><bdi dir="ltr">01234 567 890</bdi></a>'
                in text), text
