"""Words removed as personal details go however they are typed back (bk15i F3): without
Polish diacritics ("Zielinski" for "Zieliński", "Lukasz" for "Łukasz"), in Arabic with a
plain alif or with tashkeel, with a soft hyphen or a zero-width space inside a word, or in
full-width letters, as the site's search reads words. The span as written is replaced and
every other word kept. Removals remembered before words were folded still apply."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import services, writeup_selectors, writeup_services
from analysis.models import WriteUp
from analysis.writeup import (
    REMOVED,
    holds_phrase,
    legacy_phrase_mark,
    phrase_mark,
    remove_known_runs,
    remove_phrases,
)
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

NAMES = ["Jan Zieliński", "محمد أحمد", "Łukasz", "respite", "كريم"]
# How each name comes back, as parents type it on a phone or paste it.
SPELLINGS = [
    ("Jan Zieliński", "Jan Zielinski"), ("Jan Zieliński", "JAN ZIELIŃSKI"),
    ("Jan Zieliński", "jan  zielinski"), ("Łukasz", "Lukasz"), ("Łukasz", "LUKASZ"),
    ("محمد أحمد", "محمد احمد"), ("محمد أحمد", "مُحَمَّد أَحْمَد"), ("محمد أحمد", "محمد إحمد"),
    ("respite", "re\u00adspite"), ("respite", "re\u200bspite"), ("respite", "res\u200dpite"),
    ("respite", "resp\ufeffite"), ("respite", "ｒｅｓｐｉｔｅ"), ("respite", "RESPITE"),
    ("Jan Zieliński", "Jan Zieli\u0144ski".replace("\u0144", "n\u0301")),
    # Direction marks a phone puts into Arabic text, and a Persian keyboard's kaf and yeh
    # (bk15j F1).
    ("محمد أحمد", "محمد\u200f أحمد"), ("محمد أحمد", "محم\u061cد أحمد"),
    ("Jan Zieliński", "Jan\u200e Zieli\u200fński"), ("Jan Zieliński", "Ja\u2067n Zieliński"),
    ("كريم", "کریم"),
]


def _keys(phrases):
    return [writeup_selectors.removed_key(phrase_mark(p), "p") for p in phrases]


@pytest.mark.parametrize(("removed", "typed"), SPELLINGS)
def test_chosen_words_go_however_they_are_spelled(removed, typed):
    text = f"We met {typed} at the gate."
    assert remove_phrases(text, [removed]) == (f"We met {REMOVED} at the gate.", 1)
    assert holds_phrase(text, [removed])


@pytest.mark.parametrize(("removed", "typed"), SPELLINGS)
def test_words_remembered_go_however_they_are_typed_back(removed, typed):
    known, lengths = writeup_selectors.removed_known(_keys(NAMES))
    text = f"Ask {typed}, please."
    assert remove_known_runs(text, known, lengths) == (f"Ask {REMOVED}, please.", 1)


def test_the_reviewers_sentence_loses_both_spellings():
    assert remove_phrases("Jan Zielinski and Jan Zieliński", ["Jan Zieliński"]) == (
        f"{REMOVED} and {REMOVED}", 2)


def test_other_words_are_kept_as_written():
    # Whole words only: another name made longer ("Łukaszewicz", "Adamson") is kept. A
    # chosen word's endings go with it (tests/analysis/test_removed_words_endings.py); words
    # remembered only as keyed hashes are matched as they were removed.
    text = "Łukaszewicz and Adamson stay."
    assert remove_phrases(text, ["Zieliński", "respite", "Łukasz", "Adam"]) == (text, 0)
    known, lengths = writeup_selectors.removed_known(_keys(NAMES))
    text = "Zielińskiego, respites, Łukaszewicz and Adamson stay."
    assert remove_known_runs(text, known, lengths) == (text, 0)


def test_a_removal_made_before_words_were_folded_still_applies():
    """A key stored before (the mark with its diacritics) still takes out the words spelled
    as they were removed, and with a soft hyphen or zero-width space inside."""
    old = [writeup_selectors.removed_key(legacy_phrase_mark(p), "p") for p in NAMES]
    assert old != _keys(NAMES)[:len(old)]  # the Polish and Arabic keys did change
    known, lengths = writeup_selectors.removed_known(old)
    for typed in ["Jan Zieliński", "jan zieliński", "Łukasz", "محمد أحمد", "Jan Zieli\u00adński",
                  "re\u200bspite"]:
        assert remove_known_runs(f"Ask {typed}.", known, lengths)[0] == f"Ask {REMOVED}."


# --- the plain rule, whatever the words around it -------------------------------------------

_AROUND = st.lists(st.sampled_from(["the", "bus", "late", "kierowca", "szkoła", "الحافلة",
                                    "again", "Zielona", "12", "Adamson"]),
                   max_size=6).map(" ".join)
_INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"]


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _without_diacritics(text: str) -> str:
    text = text.translate(str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻأإآ", "acelnoszzACELNOSZZااا"))
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))


@st.composite
def _spelled(draw, name: str) -> str:
    text = draw(st.sampled_from([name, name.upper(), name.lower(), _without_diacritics(name)]))
    if draw(st.booleans()) and text.isascii():
        text = _full_width(text)
    if draw(st.booleans()):
        words = text.split(" ")
        i = draw(st.integers(0, len(words) - 1))
        cut = draw(st.integers(1, max(1, len(words[i]) - 1)))
        words[i] = words[i][:cut] + draw(st.sampled_from(_INVISIBLE)) + words[i][cut:]
        text = " ".join(words)
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), before=_AROUND, after=_AROUND)
def test_any_spelling_goes_and_the_words_around_stay(data, before, after):
    name = data.draw(st.sampled_from(NAMES))
    typed = data.draw(_spelled(name))
    text = f"{before} {typed} {after}".strip()
    expected = f"{before} {REMOVED} {after}".strip()
    assert remove_phrases(text, [name]) == (expected, 1)
    known, lengths = writeup_selectors.removed_known(_keys([name]))
    assert remove_known_runs(text, known, lengths) == (expected, 1)


# --- where the words removed are applied ----------------------------------------------------

NAME = "Zofia Wiśniewska"
REASON = "It named a mother who asked us to take her name out."


@pytest.fixture
def removed(published, frame, officer, forum_rep):  # noqa: F811
    """Survey 2025's write-up, with a name removed from its words as personal details."""
    late = frame.themes.get(code="late")
    late.description = f"Late buses, as {NAME} told us."
    late.save(update_fields=["description"])
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    draft = _generate(published, officer)
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=[NAME], reason=REASON,
                                             user=officer)
    writeup_services.frame_take_back(frame=frame, user=officer)
    draft.refresh_from_db()
    return draft


@pytest.mark.django_db
def test_a_comment_approved_later_loses_the_name_typed_without_diacritics(
        removed, published):  # noqa: F811
    text, n = writeup_selectors.removed_from_survey_text(
        published, "Zofia Wisniewska and ZOFIA WIŚ\u00adNIEWSKA both said it.")
    assert (text, n) == (f"{REMOVED} and {REMOVED} both said it.", 2)


@pytest.mark.django_db
def test_a_draft_pasted_back_and_a_new_theme_lose_the_name_in_any_spelling(
        removed, frame, officer):  # noqa: F811
    draft = writeup_services.write_up_edit(
        write_up=removed, user=officer, text="Thanks to zofia wisniewska.", findings={},
        revision=removed.revision)
    assert draft.text == f"Thanks to {REMOVED}."
    theme = services.theme_add(frame=frame, name="Taxi for Ｚｏｆｉａ Wisniewska",
                               description="As zofia wiś\u200bniewska said.", user=officer)
    assert theme.name == f"Taxi for {REMOVED}"
    assert theme.description == f"As {REMOVED} said."


@pytest.mark.django_db
def test_a_removal_stored_before_still_takes_the_words_out(removed, published):  # noqa: F811
    """A write-up whose removal was remembered before words were folded (its key made from
    the words with their diacritics) still takes them out, as written."""
    WriteUp.objects.filter(pk=removed.pk).update(removed_words=[
        writeup_selectors.removed_key(legacy_phrase_mark(NAME), "p")])
    text, n = writeup_selectors.removed_from_survey_text(published, f"Ask {NAME} again.")
    assert (text, n) == (f"Ask {REMOVED} again.", 1)
