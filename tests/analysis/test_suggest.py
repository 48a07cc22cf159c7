"""Suggested themes and suggested codes: made on this machine, the same every time, in
English, Polish and Arabic, and never counted until a person confirms them."""

from __future__ import annotations

import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import demo
from analysis.counting import Code, theme_table
from analysis.suggest import (
    Answer,
    EmbeddingsUnavailable,
    content_words,
    embeddings_available,
    guess_language,
    suggest_codes,
    suggest_themes,
)

THEMES = [t.code for t in demo.frame()]


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the analysis tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _demo_answers():
    return [Answer(a.id, a.text, a.language) for a in demo.answers()]


def _demo_codes():
    return {a.id: set(a.themes) for a in demo.answers()}


def test_words_are_read_in_each_language_without_the_commonest_ones():
    stems = lambda text, lang: [s for s, _ in content_words(text, lang)]  # noqa: E731
    # Polish typed with or without its letters meets one stem; "się", "nie" say nothing.
    assert stems("odległości", "pl") == stems("odleglosci", "pl")
    assert stems("Taksówka się spóźnia", "pl") == stems("taksowka sie spoznia", "pl")
    assert "nie" not in stems("nie ma chodnika", "pl")
    # Arabic: "the school" and "to school" meet "school"; "في" says nothing.
    assert stems("المدرسة", "ar") == stems("للمدرسة", "ar") == stems("مدرسة", "ar")
    assert stems("في الشتاء", "ar") == stems("الشتاء", "ar")
    # English: the commonest words and numbers go; the typed form is kept for names.
    assert content_words("The taxi was late 3 times", "en") == [
        ("taxi", "taxi"), ("late", "late"), ("time", "times")]


def test_an_answer_s_language_is_read_from_its_text():
    assert all(guess_language(a.text) == a.language for a in demo.answers())
    assert guess_language("Taksowka nie przyjechala, nikt nie dzwoni i nie wiem co robic") == "pl"
    assert guess_language("Syn ma autyzm i ucieka na ulicę.") == "pl"
    # A Polish name in an English answer does not make it Polish.
    assert guess_language("The driver, Łukasz, is great with my son") == "en"
    assert guess_language("") == guess_language("123") == "en"
    assert guess_language("The school said: شكرا") == "en"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["en", "pl", "ar", "fr", ""]))
def test_any_text_in_any_language_is_read_without_error(text, language):
    for stem, typed in content_words(text, language):
        assert stem and typed and typed == typed.lower()


def test_suggested_themes_group_the_answers_names_them_and_quote_three(offline):
    answers = _demo_answers()
    themes = suggest_themes(answers)
    assert 6 <= len(themes) <= 40
    ids = {a.id for a in answers}
    grouped = [i for t in themes for i in t.answer_ids]
    assert len(grouped) == len(set(grouped)) and set(grouped) <= ids
    for theme in themes:
        assert len(theme.quotes) == min(3, len(theme.answer_ids))
        assert theme.quotes == theme.answer_ids[: len(theme.quotes)]
        assert theme.name == ", ".join(theme.words) and len(theme.words) == 3
    # Each language's answers are grouped apart, and the names are words people typed.
    by_id = {a.id: a for a in demo.answers()}
    polish = [t for t in themes if t.language == "pl"]
    assert polish and all(by_id[i].language == "pl" for t in polish for i in t.answer_ids)
    assert any("road" in t.words or "pavement" in t.words for t in themes)


def test_suggested_themes_are_the_same_every_time():
    answers = _demo_answers()[:120]
    assert suggest_themes(answers) == suggest_themes(list(answers))
    assert suggest_themes(answers, groups=4)[0].answer_ids


def test_a_language_with_few_answers_is_grouped_with_english():
    answers = [a for a in _demo_answers() if a.language == "en"][:40] + [
        Answer("pl-1", "Taksówka spóźnia się codziennie", "pl"),
        Answer("pl-2", "Nie ma chodnika na naszej drodze", "pl")]
    themes = suggest_themes(answers, min_language=12)
    assert {t.language for t in themes} == {"en"}


def test_suggested_codes_come_only_for_uncoded_answers_with_a_confidence(offline):
    answers, truth = _demo_answers(), _demo_codes()
    confirmed = {a.id: truth[a.id] for a in answers[:150]}
    suggestions = suggest_codes(answers, confirmed, THEMES)
    assert {s.answer_id for s in suggestions} == {a.id for a in answers[150:]}
    assert all(0 <= s.confidence <= 1 for s in suggestions)
    # The classifier learnt something: most answers' likeliest theme is one a person gave.
    first = {}
    for s in suggestions:
        first.setdefault(s.answer_id, s.theme)
    right = sum(theme in truth[i] for i, theme in first.items())
    assert right / len(first) > 0.6


def test_suggested_codes_are_the_same_every_time():
    answers, truth = _demo_answers(), _demo_codes()
    confirmed = {a.id: truth[a.id] for a in answers[::4]}
    assert suggest_codes(answers, confirmed, THEMES) == suggest_codes(answers, confirmed, THEMES)


def test_a_theme_nobody_confirmed_is_never_suggested():
    answers, truth = _demo_answers(), _demo_codes()
    confirmed = {a.id: truth[a.id] - {"weather-dark"} for a in answers[:150]}
    suggestions = suggest_codes(answers, confirmed, THEMES)
    assert suggestions and "weather-dark" not in {s.theme for s in suggestions}


def test_polish_and_arabic_answers_get_codes_learnt_from_their_own_language():
    answers = [
        Answer(1, "Taksówka spóźnia się prawie codziennie", "pl"),
        Answer(2, "taksowka znowu sie spoznila, kierowca nie dzwoni", "pl"),
        Answer(3, "Nie ma chodnika, samochody jeżdżą szybko", "pl"),
        Answer(4, "brak chodnika i szybkie samochody przy szkole", "pl"),
        Answer(5, "سيارة الأجرة تتأخر كل يوم", "ar"),
        Answer(6, "الطريق بدون رصيف والسيارات سريعة", "ar"),
        Answer(7, "Taksowka spoznia sie, nikt nas nie informuje", "pl"),
        Answer(8, "لا يوجد رصيف والسيارات سريعة جدا", "ar"),
        Answer(9, "تأخرت سيارة الأجرة مرة أخرى", "ar"),
    ]
    confirmed = {1: {"late"}, 2: {"late"}, 3: {"road"}, 4: {"road"}, 5: {"late"}, 6: {"road"}}
    best = {}
    for s in suggest_codes(answers, confirmed, ["late", "road"]):
        best.setdefault(s.answer_id, s.theme)
    assert best == {7: "late", 8: "road", 9: "late"}


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sets(st.sampled_from(THEMES[:4]), min_size=1), min_size=4, max_size=40),
       st.integers(0, 1000))
def test_every_uncoded_answer_gets_at_least_one_suggestion(labels, start):
    answers = _demo_answers()
    start %= len(answers) - 60
    chosen = answers[start:start + 60]
    confirmed = {a.id: labels[i] for i, a in enumerate(chosen[: len(labels)])}
    suggestions = suggest_codes(chosen, confirmed, THEMES)
    learnable = {t for t in THEMES if 0 < sum(t in v for v in confirmed.values()) < len(
        confirmed)}
    if not learnable:
        assert suggestions == []
        return
    assert {s.answer_id for s in suggestions} == {a.id for a in chosen[len(labels):]}
    assert {s.theme for s in suggestions} <= learnable


def test_nothing_suggested_counts_until_a_person_confirms_it():
    answers, truth = _demo_answers(), _demo_codes()
    confirmed = {a.id: truth[a.id] for a in answers[:100]}
    suggestions = suggest_codes(answers, confirmed, THEMES)
    kind = {a.id: a.respondent_type for a in demo.answers()}
    codes = [Code(s.answer_id, kind[s.answer_id], s.theme, confirmed=False)
             for s in suggestions]
    table = theme_table(codes, THEMES, respondents=kind)
    assert all(row.total.count == 0 for row in table.rows)
    # Confirming one answer's suggested themes counts that respondent, and no other.
    mine = [s for s in suggestions if s.answer_id == suggestions[0].answer_id]
    codes += [Code(s.answer_id, kind[s.answer_id], s.theme) for s in mine]
    counted = {row.theme: row.total.count for row in theme_table(
        codes, THEMES, respondents=kind, minimum=1).rows}
    assert counted == {t: int(t in {s.theme for s in mine}) for t in THEMES}


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="unknown analysis method"):
        suggest_themes(_demo_answers()[:10], method="magic")


@pytest.mark.skipif(embeddings_available(), reason="the embeddings extra is installed here")
def test_the_embeddings_method_says_plainly_when_its_extra_is_missing():
    answers, truth = _demo_answers()[:30], _demo_codes()
    with pytest.raises(EmbeddingsUnavailable, match=r"pip install '\.\[embeddings\]'"):
        suggest_codes(answers, {a.id: truth[a.id] for a in answers[:15]}, THEMES,
                      method="embeddings")


@pytest.mark.skipif(not embeddings_available(), reason="the embeddings extra is not installed")
def test_the_embeddings_method_runs_offline_from_the_packaged_model(offline):
    answers, truth = _demo_answers()[:80], _demo_codes()
    confirmed = {a.id: truth[a.id] for a in answers[:40]}
    first = suggest_codes(answers, confirmed, THEMES, method="embeddings")
    assert {s.answer_id for s in first} == {a.id for a in answers[40:]}
    assert first == suggest_codes(answers, confirmed, THEMES, method="embeddings")
    themes = suggest_themes(answers, method="embeddings")
    assert themes and all(len(t.quotes) == min(3, len(t.answer_ids)) for t in themes)
