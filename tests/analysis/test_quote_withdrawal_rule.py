"""Withdrawing a quote from a write-up, as a rule without a database
(``analysis.writeup.withdraw_quotes``): a quote of an answer no longer cleared goes however
it is written (over several lines, in any quotation marks, holding quotation marks of its
own, tidied by an officer), and a quote still cleared stays."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.writeup import (
    QUOTE_RUN,
    REMOVED,
    ThemeSummary,
    draft,
    quotations,
    redact,
    withdraw_quotes,
)

ANSWER = "My son Adam Nowak goes to Oakfield Primary.\nThe new driver shouted at him."
DETAILS = "Adam Nowak"
STYLES = [("“", "”"), ('"', '"'), ("„", "”"), ("„", "“"), ("‘", "’"), ("«", "»"),
          ("»", "«"), ("‚", "‘")]


def _public(answer=ANSWER, details=DETAILS):
    return [redact(answer, [details])]


def test_the_drafts_own_quote_over_two_lines_is_withdrawn_once_details_are_removed():
    _intro, (finding,) = draft([ThemeSummary("1", "Told about changes", 12, 20, [ANSWER])],
                               base=20, minimum=10)
    assert "\n“My son" in finding.text and "shouted at him.”" in finding.text
    shown, lost = withdraw_quotes(finding.text, typed=[ANSWER], public=_public())
    assert lost == 1
    assert shown == "Told about changes: 12 of 20 people (60 %)."


@pytest.mark.parametrize(("opens", "closes"), STYLES)
def test_a_quote_in_any_quotation_marks_is_withdrawn(opens, closes):
    text = f"Told about changes.\n{opens}{ANSWER}{closes}\nMost were told in time."
    shown, lost = withdraw_quotes(text, typed=[ANSWER], public=_public())
    assert lost == 1 and "Nowak" not in shown and "shouted" not in shown
    assert shown == "Told about changes.\nMost were told in time."


@pytest.mark.parametrize(("opens", "closes"), STYLES)
def test_a_quote_still_cleared_stays_in_any_quotation_marks(opens, closes):
    text = f"Told.\n{opens}{_public()[0]}{closes}"
    assert withdraw_quotes(text, typed=[ANSWER], public=_public()) == (text, 0)


def test_a_quote_holding_its_own_quotation_marks_is_withdrawn_whole():
    answer = ("The letter said “not eligible” but Adam Nowak at Oakfield Primary has "
              "epilepsy and cannot walk.")
    public = [redact(answer, ["Adam Nowak at Oakfield Primary"])]
    shown, lost = withdraw_quotes(f"Left at the stop.\n“{answer}”", typed=[answer],
                                  public=public)
    assert (shown, lost) == ("Left at the stop.", 1)
    assert quotations(f"x “{answer}” y") == [(2, len(answer) + 4)]


@pytest.mark.parametrize("tidied", [
    "“My son Adam Nowak goes to Oakfield Primary!”",
    "“my son, Adam Nowak, goes to Oakfield Primary”",
    "“My son Adam Nowak goes to … Primary. The new driver shouted.”",
    "“The new driver shouted at Adam Nowak”",
    "“My  son Adam\nNowak goes to Oakfield”",
])
def test_a_quote_an_officer_tidied_is_withdrawn_all_the_same(tidied):
    shown, lost = withdraw_quotes(f"Told.\n{tidied}", typed=[ANSWER], public=_public(),
                                  removed=[DETAILS])
    assert lost == 1 and "Nowak" not in shown


def test_removed_words_outside_quotation_marks_are_removed_too():
    shown, lost = withdraw_quotes("Told. Adam  nowak's mother wrote twice.", typed=[ANSWER],
                                  public=_public(), removed=[DETAILS])
    assert lost == 1 and shown == f"Told. {REMOVED}'s mother wrote twice."


def test_a_common_word_removed_from_one_answer_does_not_take_out_other_quotes():
    other = "The bus is always late and the driver is kind."
    text = f"Told.\n“{other}”\nThe end."
    assert withdraw_quotes(text, typed=[ANSWER, other], public=[other, redact(ANSWER, ["The"])],
                           removed=["The"]) == (text, 0)


def test_an_answer_pasted_without_quotation_marks_goes_with_its_line():
    text = "Told.\nMy son Adam Nowak goes to Oakfield Primary and the driver shouted.\nEnd."
    shown, lost = withdraw_quotes(text, typed=[ANSWER], public=[])
    assert (shown, lost) == ("Told.\nEnd.", 1)


def test_a_quote_recorded_from_an_answer_since_changed_is_withdrawn_by_its_source():
    """The officer changed the answer's own text to take the name out: the quote, with the
    name, is in no answer now, but the draft recorded where it came from (``gone``)."""
    now = "My son goes to Oakfield Primary.\nThe new driver shouted at him."
    text = f"Told.\n“{ANSWER}”"
    assert withdraw_quotes(text, typed=[now], public=[now])[1] == 0
    assert withdraw_quotes(text, typed=[now], public=[now], gone=[ANSWER]) == ("Told.", 1)


def test_apostrophes_and_words_in_quotation_marks_that_are_no_ones_answer_stay():
    text = "Parents don’t say “always late”, and it’s the council’s ‘best’ route."
    assert withdraw_quotes(text, typed=[ANSWER], public=[]) == (text, 0)


def test_a_quotation_left_open_runs_to_the_end_of_its_paragraph():
    text = f"Told.\n“{ANSWER}\n\nThe second paragraph."
    assert quotations(text) == [(6, 6 + 1 + len(ANSWER))]
    shown, lost = withdraw_quotes(text, typed=[ANSWER], public=[])
    assert lost == 1 and "Nowak" not in shown and "The second paragraph." in shown


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyząćęłńóśźżابتث", min_size=2, max_size=8)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(_word, min_size=QUOTE_RUN + 1, max_size=30),
       breaks=st.sets(st.integers(min_value=1, max_value=29), max_size=3),
       style=st.sampled_from(STYLES), upper=st.booleans(), end=st.sampled_from(".!?…"))
def test_no_run_of_a_withdrawn_answers_words_is_left(words, breaks, style, upper, end):
    """Whatever its words, line breaks, quotation marks, case and last mark, a quote of an
    answer no one may quote leaves none of its runs of ``QUOTE_RUN`` words behind."""
    answer = "".join(w + ("\n" if i in breaks else " ") for i, w in enumerate(words))
    answer = answer.strip() + "."
    quoted = answer.upper() if upper else answer
    opens, closes = style
    text = f"A theme: 12 of 20 people.\n{opens}{quoted[:-1]}{end}{closes}"
    shown, lost = withdraw_quotes(text, typed=[answer], public=[])
    assert lost == 1
    assert shown == "A theme: 12 of 20 people."


@settings(max_examples=60, deadline=None)
@given(words=st.lists(_word, min_size=1, max_size=20), style=st.sampled_from(STYLES))
def test_a_quote_of_a_cleared_answer_is_never_withdrawn(words, style):
    answer = " ".join(words)
    opens, closes = style
    text = f"A theme.\n{opens}{answer}{closes}"
    assert withdraw_quotes(text, typed=[answer], public=[answer]) == (text, 0)


# --- quotes the British way, other marks, and short lines pasted without marks -------------

WITHHELD = ("Tell the morning driver, Kevin, to stop playing loud music. My son has sensory "
            "needs and arrives in tears.")
CLEARED = "The escort is lovely and always on time."
SAFE = "A safe, calm journey: 12 of 30 people (40 %)."


@pytest.mark.parametrize("line", [
    "A parent told us their son 'arrives in tears' because of the music.",
    "Another said: 'stop playing loud music' – and we agree.",
    "‟Sensory needs and arrives in tears”",
    "‛Sensory needs and arrives in tears’",
    "「stop playing loud music」",
    "＂stop playing loud music＂",
    "— My son has sensory needs, arrives in tears.",
    "My son has sensory needs",
    "arrives in tears",
    "- Kevin, stop playing loud music!",
])
def test_the_reviewers_lines_leave_however_they_are_marked(line):
    text = f"{SAFE}\n{line}\nMost families want a quieter bus."
    shown, lost = withdraw_quotes(text, typed=[WITHHELD, CLEARED], public=[CLEARED])
    assert lost == 1, line
    assert "tears" not in shown and "loud music" not in shown
    assert SAFE in shown and "Most families want a quieter bus." in shown


@pytest.mark.parametrize("text", [
    "Parents don't say 'always late', and the council's 'best' route isn't.",
    "The parents' views: 'The escort is lovely and always on time.'",
    "Drivers' hours and the children's 'quiet bus' were raised.",
    "He said so.\nIn tears.",  # fewer than LINE_WORDS words: anyone's
    "Sensory needs matter to families.",  # not wholly the answer's words
    "— The escort is lovely, always on time.",  # a cleared answer's words
    "Some families would like the music turned down.",
])
def test_apostrophes_ordinary_lines_and_cleared_words_stay(text):
    assert withdraw_quotes(text, typed=[WITHHELD, CLEARED], public=[CLEARED]) == (text, 0)


def test_a_straight_single_quote_holding_an_apostrophe_is_one_quotation():
    text = "A mum said 'he doesn't want to go' and left."
    assert quotations(text) == [(11, 34)]
    shown, lost = withdraw_quotes(text, typed=["He doesn't want to go on the bus."], public=[])
    assert lost == 1 and "want to go" not in shown


_dash = st.sampled_from(["", "— ", "- ", "– ", "* ", "• "])


@settings(max_examples=80, deadline=None)
@given(words=st.lists(_word, min_size=6, max_size=30), data=st.data(), dash=_dash,
       end=st.sampled_from(["", ".", "!", "…", "?"]), upper=st.booleans())
def test_a_line_wholly_of_a_withdrawn_answers_words_goes_however_short(
        words, data, dash, end, upper):
    """Any run of three or more of a withdrawn answer's words, a word or so left out, with
    punctuation, a dash before it or its case changed, pasted as a line of its own, goes."""
    answer = " ".join(words) + "."
    start = data.draw(st.integers(min_value=0, max_value=len(words) - 3))
    stop = data.draw(st.integers(min_value=start + 3, max_value=len(words)))
    run = words[start:stop]
    inner = range(1, len(run) - 1)
    dropped = data.draw(st.sets(st.sampled_from(list(inner)), max_size=len(run) // 4)
                        if len(run) > 4 else st.just(set()))
    kept = [w for i, w in enumerate(run) if i not in dropped]
    line = dash + ", ".join([" ".join(kept[:2]), " ".join(kept[2:])]) + end
    line = line.upper() if upper else line
    text = f"A theme: 12 of 20 people.\n{line}\nThe end of it."
    shown, lost = withdraw_quotes(text, typed=[answer], public=[])
    assert lost == 1
    assert shown == "A theme: 12 of 20 people.\nThe end of it."


@settings(max_examples=60, deadline=None)
@given(words=st.lists(_word, min_size=3, max_size=20), dash=_dash)
def test_a_line_of_a_cleared_answers_words_stays(words, dash):
    answer = " ".join(words)
    text = f"A theme.\n{dash}{answer}."
    assert withdraw_quotes(text, typed=[answer], public=[answer]) == (text, 0)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(_word, min_size=2, max_size=12),
       style=st.sampled_from([("'", "'"), ("‟", "”"), ("‛", "’"), ("「", "」"), ("＂", "＂")]))
def test_a_withdrawn_answer_in_the_other_marks_goes(words, style):
    answer = " ".join(words)
    opens, closes = style
    text = f"A theme: 12 of 20 people.\nOne said {opens}{answer}{closes} to us."
    shown, lost = withdraw_quotes(text, typed=[answer], public=[])
    assert lost == 1 and shown == "A theme: 12 of 20 people.\nOne said  to us."
