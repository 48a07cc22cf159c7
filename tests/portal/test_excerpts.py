from portal.excerpts import excerpt, query_words


def test_query_words_ignore_case_and_single_letters():
    assert query_words("Walking a Distance") == ["walking", "distance"]


def test_matches_are_marked_by_word_start():
    parts = excerpt("Children under 8 walk up to 2 miles when walking.", "walk")
    assert [p for p, matched in parts if matched] == ["walk", "walking"]
    assert "".join(p for p, _ in parts) == "Children under 8 walk up to 2 miles when walking."


def test_long_text_is_cut_around_the_first_match_on_word_boundaries():
    text = " ".join(["filler"] * 100) + " appeal panel " + " ".join(["more"] * 100)
    parts = excerpt(text, "appeal", width=80)
    joined = "".join(p for p, _ in parts)
    assert joined.startswith("… ") and joined.endswith(" …")
    assert ("appeal", True) in parts
    assert len(joined) <= 90
    assert "fille " not in joined


def test_no_match_gives_the_start_of_the_text():
    parts = excerpt("Short text here.", "zebra")
    assert parts == [("Short text here.", False)]


def test_empty_text_gives_nothing():
    assert excerpt("", "walk") == []
