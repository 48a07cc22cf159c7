"""The jargon rule on plain strings: no database."""

from core.jargon import Term, build_matcher, explain_first_uses, terms_used

EHCP = Term(slug="ehcp", term="EHCP", aliases=("EHC plan",), explanation="A support plan.")
SEND = Term(slug="send", term="SEND", explanation="Special educational needs and disabilities.")
PTB = Term(slug="ptb", term="personal travel budget", aliases=("personal travel budgets",),
           explanation="Money to arrange travel yourself.")


def mark(term: Term, text: str) -> str:
    return f"[{term.slug}:{text}]"


def test_only_the_first_use_on_the_page_is_explained():
    out, explained = explain_first_uses(
        ["<p>Your EHCP matters.</p>", "<p>Another EHCP here.</p>"], [EHCP], mark
    )
    assert out == ["<p>Your [ehcp:EHCP] matters.</p>", "<p>Another EHCP here.</p>"]
    assert explained == [EHCP]


def test_an_alias_counts_as_a_use_of_its_term():
    out, _ = explain_first_uses(["<p>An EHC plan, then an EHCP.</p>"], [EHCP], mark)
    assert out == ["<p>An [ehcp:EHC plan], then an EHCP.</p>"]


def test_acronyms_match_only_in_capitals():
    out, explained = explain_first_uses(["<p>Please send the form about SEND.</p>"], [SEND], mark)
    assert out == ["<p>Please send the form about [send:SEND].</p>"]
    assert explained == [SEND]


def test_phrases_match_in_any_case_and_the_longest_spelling_wins():
    out, _ = explain_first_uses(["<p>Personal travel budgets help.</p>"], [PTB], mark)
    assert out == ["<p>[ptb:Personal travel budgets] help.</p>"]


def test_words_inside_other_words_are_not_matched():
    out, explained = explain_first_uses(["<p>SENDIASS and SEND-related.</p>"], [SEND], mark)
    assert out == ["<p>SENDIASS and SEND-related.</p>"]
    assert explained == []


def test_text_inside_links_headings_and_attributes_is_left_alone():
    html = '<h3>EHCP</h3><p><a href="/x" title="EHCP">EHCP</a> then EHCP.</p>'
    out, _ = explain_first_uses([html], [EHCP], mark)
    assert out == ['<h3>EHCP</h3><p><a href="/x" title="EHCP">EHCP</a> then [ehcp:EHCP].</p>']


def test_no_terms_returns_the_fragments_unchanged():
    assert explain_first_uses(["<p>x</p>"], [], mark) == (["<p>x</p>"], [])


def test_terms_used_lists_terms_in_order_of_first_use():
    text = "A personal travel budget, not SEND transport, needs an EHCP."
    assert terms_used(text, [EHCP, SEND, PTB]) == [PTB, SEND, EHCP]


def test_matcher_can_be_built_once_and_reused():
    matcher = build_matcher([EHCP])
    first, _ = explain_first_uses(["EHCP"], [EHCP], mark, matcher=matcher)
    second, _ = explain_first_uses(["EHCP"], [EHCP], mark, matcher=matcher)
    assert first == second == ["[ehcp:EHCP]"]
