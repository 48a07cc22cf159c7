"""Version comparison on plain values: no database."""

from charter.versions import (
    ADDED,
    CHANGED,
    DELETE,
    EQUAL,
    INSERT,
    MOVED,
    REMOVED,
    UNCHANGED,
    CommentRef,
    Piece,
    SectionText,
    annotate,
    diff_versions,
    diff_words,
)


def test_word_level_insertions_and_deletions():
    pieces = diff_words("Children under 8 walk 2 miles.", "Children under 8 walk up to 2 miles.")
    assert pieces == (
        Piece(EQUAL, "Children under 8 walk "),
        Piece(INSERT, "up to "),
        Piece(EQUAL, "2 miles."),
    )


def test_replaced_words_show_deletion_then_insertion():
    pieces = diff_words("Answer in 10 working days.", "Answer in 20 working days.")
    assert [p.op for p in pieces] == [EQUAL, DELETE, INSERT, EQUAL]
    assert pieces[1].text == "10" and pieces[2].text == "20"


def test_identical_text_is_one_equal_piece():
    assert diff_words("Same.", "Same.") == (Piece(EQUAL, "Same."),)


def test_sections_are_matched_by_block_id_not_heading():
    old = [SectionText("a", "Walking", "Two miles."), SectionText("b", "Buses", "A pass.")]
    new = [SectionText("a", "Walking distances", "Two miles."),
           SectionText("b", "Buses", "A pass.")]
    diffs = diff_versions(old, new)
    assert [(d.block_id, d.status) for d in diffs] == [("a", CHANGED), ("b", UNCHANGED)]
    assert diffs[0].words_inserted == 1 and diffs[0].words_deleted == 0


def test_added_removed_and_moved_sections():
    old = [SectionText("a", "A", "x"), SectionText("b", "B", "y"), SectionText("c", "C", "z")]
    new = [SectionText("c", "C", "z"), SectionText("a", "A", "x"), SectionText("d", "D", "new")]
    statuses = {d.block_id: d.status for d in diff_versions(old, new)}
    assert statuses == {"a": UNCHANGED, "b": REMOVED, "c": MOVED, "d": ADDED}


def test_removed_section_is_listed_where_it_stood():
    old = [SectionText("a", "A", "x"), SectionText("b", "B", "y"), SectionText("c", "C", "z")]
    new = [SectionText("a", "A", "x"), SectionText("c", "C", "z")]
    assert [d.block_id for d in diff_versions(old, new)] == ["a", "b", "c"]


def test_comments_are_attached_to_the_sections_they_changed_in_range():
    old = [SectionText("a", "A", "old"), SectionText("b", "B", "same")]
    new = [SectionText("a", "A", "new"), SectionText("b", "B", "same")]
    comments = [
        CommentRef(1, "a", "accepted", "", changed_in_version=3),
        CommentRef(2, "a", "partly", "Cost", changed_in_version=5),  # later than the compare
        CommentRef(3, "b", "accepted", "", changed_in_version=3),  # section did not change
        CommentRef(4, "a", "not_accepted", "Law", changed_in_version=None),
    ]
    annotated = annotate(diff_versions(old, new), comments, from_version=2, to_version=3)
    assert [c.comment_id for c in annotated[0].comments] == [1]
    assert annotated[1].comments == ()


def test_a_change_reaches_the_public_in_the_first_version_from_its_revision_or_later():
    from charter.versions import version_carrying

    published = [(10, 1), (25, 2), (40, 3)]
    assert version_carrying(25, published) == 2  # published from that very revision
    assert version_carrying(26, published) == 3  # a later draft, published in version 3
    assert version_carrying(5, published) == 1
    assert version_carrying(41, published) is None  # not published yet


# --- what a reader sees, written out --------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from charter.versions import INSERT as _INSERT  # noqa: E402
from charter.versions import link_refs, reader_text, resolve_links  # noqa: E402

_words = st.lists(st.sampled_from(["a", "b", "c", "2", "miles.", " ", "\n", "  "]), max_size=12)


@given(_words, _words)
def test_the_pieces_give_back_both_texts(old, new):
    old, new = "".join(old), "".join(new)
    pieces = diff_words(old, new)
    assert "".join(p.text for p in pieces if p.op != _INSERT) == old
    assert "".join(p.text for p in pieces if p.op != "delete") == new


def test_a_changed_date_reads_as_was_and_now():
    assert [(p.op, p.text) for p in diff_words("1 September 2026", "4 January 2027")] == [
        ("delete", "1 September 2026"), ("insert", "4 January 2027")]


def test_rich_text_is_written_out_as_a_reader_sees_it():
    text = reader_text(
        '<h3>Appeals</h3><p>You can <b>appeal</b> <a linktype="page" id="7">online</a> or '
        '<a href="mailto:transport@example.org">by email</a>.</p>'
        '<ol><li>Fill in <a linktype="document" id="3">the form</a>.</li><li>Send it.</li></ol>'
        '<ul><li><i>Keep</i> a copy.</li></ul>')
    assert link_refs([text]) == ({7}, {3})
    assert resolve_links(text, {7: "/policies/appeals/"}, {}).splitlines() == [
        "[heading] Appeals",
        "You can appeal online or by email.",
        "[bold: appeal]",
        "[link: online → /policies/appeals/]",
        "[link: by email → email transport@example.org]",
        "1. Fill in the form.",
        "[link: the form → a removed document (3)]",
        "2. Send it.",
        "• Keep a copy.",
        "[italic: Keep]",
    ]
