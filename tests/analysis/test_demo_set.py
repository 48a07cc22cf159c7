"""The hand-coded demo set is what the issue asks for: enough answers, in three languages,
every one coded into a frame of 8 to 10 themes."""

from collections import Counter

from analysis import demo


def test_the_frame_has_eight_to_ten_named_and_described_themes():
    themes = demo.frame()
    assert 8 <= len(themes) <= 10
    assert len({t.code for t in themes}) == len(themes)
    assert all(t.name and len(t.description) > 40 for t in themes)


def test_at_least_300_different_answers_each_with_a_known_theme():
    answers = demo.answers()
    codes = {t.code for t in demo.frame()}
    assert len(answers) >= 300
    assert len({a.text for a in answers}) == len(answers)
    assert len({a.id for a in answers}) == len(answers)
    assert all(a.themes and set(a.themes) <= codes for a in answers)
    # Every theme is used enough to be learnt, and some answers raise more than one.
    used = Counter(t for a in answers for t in a.themes)
    assert set(used) == codes and min(used.values()) >= 15
    assert sum(len(a.themes) > 1 for a in answers) >= 60


def test_about_one_in_ten_is_polish_and_one_in_ten_arabic():
    languages = Counter(a.language for a in demo.answers())
    total = sum(languages.values())
    assert 0.08 <= languages["pl"] / total <= 0.15
    assert 0.08 <= languages["ar"] / total <= 0.15
    polish = [a.text for a in demo.answers() if a.language == "pl"]
    arabic = [a.text for a in demo.answers() if a.language == "ar"]
    assert any(c in "ąęłńóśźż" for t in polish for c in t)
    assert all(any("\u0600" <= c <= "\u06ff" for c in t) for t in arabic)


def test_the_answers_vary_in_length_who_sent_them_and_how():
    answers = demo.answers()
    lengths = sorted(len(a.text.split()) for a in answers)
    assert lengths[0] <= 3 and lengths[-1] >= 100
    assert {a.respondent_type for a in answers} == {
        "parent", "young_person", "school", "operator", "other"}
    assert {a.channel for a in answers} == {"online", "paper", "phone", "email"}
