"""Version comparison: which sections changed between two versions, word by word.

Plain functions over plain values. A version is a list of ``SectionText``
(block id, heading, text) in page order; sections are matched by block id, so
a section keeps its identity when it is renamed or moved. Forum comments are
anchored to block ids too, which is how a change is tied to the comments that
drove it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

_TOKEN = re.compile(r"\s+|[^\s]+")
# A StreamField block's id: a section whose heading the page's authors wrote.
_BLOCK_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def heading_is_label(block_id: str) -> bool:
    """Whether a section's heading is the interface's own label for a page field ("Title",
    "In short", "In force from"), said in the reader's language, rather than a heading the
    page's authors wrote (a StreamField block, whose id is a UUID), said in the page's."""
    return not _BLOCK_ID.match(block_id or "")

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
ADDED, REMOVED, CHANGED, UNCHANGED, MOVED = "added", "removed", "changed", "unchanged", "moved"


@dataclass(frozen=True)
class SectionText:
    block_id: str
    heading: str
    text: str


@dataclass(frozen=True)
class Piece:
    op: str  # equal, insert or delete
    text: str


@dataclass(frozen=True)
class SectionDiff:
    block_id: str
    status: str  # added, removed, changed, moved or unchanged
    heading: tuple[Piece, ...]
    body: tuple[Piece, ...]
    old_position: int | None = None
    new_position: int | None = None

    @property
    def heading_is_label(self) -> bool:
        """The heading is the interface's label for a field (see ``heading_is_label``)."""
        return heading_is_label(self.block_id)

    @property
    def heading_text(self) -> str:
        """The heading's words, both versions' (a label stored with a version may be the
        English one, such as a survey's "Page 1 of the survey": judged by its letters)."""
        return "".join(p.text for p in self.heading)

    @property
    def body_text(self) -> str:
        """The body's words, both versions' (to judge which language they are in: a field's
        text may be the reader's, such as a date or the checker's rules, or the page's)."""
        return "".join(p.text for p in self.body)

    @property
    def words_inserted(self) -> int:
        return sum(len(p.text.split()) for p in (*self.heading, *self.body) if p.op == INSERT)

    @property
    def words_deleted(self) -> int:
        return sum(len(p.text.split()) for p in (*self.heading, *self.body) if p.op == DELETE)


def diff_words(old: str, new: str) -> tuple[Piece, ...]:
    """Word-level differences; whitespace runs are kept so the text reads as written."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    pieces: list[Piece] = []

    def add(op: str, text: str):
        if not text:
            return
        if pieces and pieces[-1].op == op:
            pieces[-1] = Piece(op, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, text))

    opcodes = matcher.get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            text = "".join(a[i1:i2])
            between_changes = 0 < n < len(opcodes) - 1 and not text.strip()
            if not between_changes:
                add(EQUAL, text)
                continue
            # Only a space between two changes: it joins them, so "1 September 2026" to
            # "4 January 2027" reads as one "was ..., now ..." rather than word by word.
            add(DELETE, text)
            add(INSERT, text)
        else:
            add(DELETE, "".join(a[i1:i2]))
            add(INSERT, "".join(b[j1:j2]))
    return tuple(_deletions_first(pieces))


def _deletions_first(pieces: list[Piece]) -> list[Piece]:
    """Within each run of changes, what was removed before what was added, as a reader
    expects "was ... now ..."."""
    out: list[Piece] = []
    run: dict[str, str] = {}
    for piece in [*pieces, Piece(EQUAL, "")]:
        if piece.op == EQUAL:
            out += [Piece(op, run[op]) for op in (DELETE, INSERT) if run.get(op)]
            run = {}
            if piece.text:
                out.append(piece)
        else:
            run[piece.op] = run.get(piece.op, "") + piece.text
    return out


def diff_versions(old: Sequence[SectionText], new: Sequence[SectionText]) -> list[SectionDiff]:
    """Every section of either version, in the new version's order, removed ones where they were."""
    old_by_id = {s.block_id: (i, s) for i, s in enumerate(old)}
    new_ids = {s.block_id for s in new}
    result: list[SectionDiff] = []
    removed_after: dict[int, list[SectionDiff]] = {}
    for i, section in enumerate(old):
        if section.block_id not in new_ids:
            removed_after.setdefault(i, []).append(
                SectionDiff(section.block_id, REMOVED,
                            (Piece(DELETE, section.heading),), (Piece(DELETE, section.text),),
                            old_position=i)
            )
    old_order = [s.block_id for s in old if s.block_id in new_ids]
    new_order = [s.block_id for s in new if s.block_id in old_by_id]
    stay = _longest_common_subsequence(old_order, new_order)
    emitted_removed: set[int] = set()
    for j, section in enumerate(new):
        if section.block_id in old_by_id:
            i, before = old_by_id[section.block_id]
            # Removed sections that stood before this one in the old version go first.
            for k in sorted(removed_after):
                if k < i and k not in emitted_removed:
                    result.extend(removed_after[k])
                    emitted_removed.add(k)
            heading = diff_words(before.heading, section.heading)
            body = diff_words(before.text, section.text)
            edited = any(p.op != EQUAL for p in (*heading, *body))
            if edited:
                status = CHANGED
            elif section.block_id not in stay:
                status = MOVED
            else:
                status = UNCHANGED
            result.append(SectionDiff(section.block_id, status, heading, body, i, j))
        else:
            result.append(SectionDiff(section.block_id, ADDED, (Piece(INSERT, section.heading),),
                                      (Piece(INSERT, section.text),), new_position=j))
    for k in sorted(removed_after):
        if k not in emitted_removed:
            result.extend(removed_after[k])
    return result


def _longest_common_subsequence(a: list[str], b: list[str]) -> set[str]:
    """Ids that kept their relative order; the others moved."""
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    kept: set[str] = set()
    for block in matcher.get_matching_blocks():
        kept.update(a[block.a:block.a + block.size])
    return kept


@dataclass(frozen=True)
class CommentRef:
    """A forum comment as the comparison needs it."""

    comment_id: int
    block_id: str
    disposition: str
    reason: str
    changed_in_version: int | None
    #: When the answer was given (a datetime), and when the forum decided if that was
    #: before the answer (None otherwise): an answer the forum did not read.
    answered_at: object = None
    after_decision: object = None


@dataclass(frozen=True)
class AnnotatedSection:
    diff: SectionDiff
    comments: tuple[CommentRef, ...] = field(default_factory=tuple)


def annotate(diffs: Iterable[SectionDiff], comments: Iterable[CommentRef], *,
             from_version: int, to_version: int) -> list[AnnotatedSection]:
    """Attach to each changed section the comments whose change landed between the versions.

    A comment counts when it is anchored to that section and the version that
    made its change is after ``from_version`` and no later than ``to_version``.
    """
    by_block: dict[str, list[CommentRef]] = {}
    for c in comments:
        if c.changed_in_version is not None and from_version < c.changed_in_version <= to_version:
            by_block.setdefault(c.block_id, []).append(c)
    return [
        AnnotatedSection(d, tuple(by_block.get(d.block_id, ())) if d.status != UNCHANGED else ())
        for d in diffs
    ]


def version_carrying(revision_id: int, published: Sequence[tuple[int, int]]) -> int | None:
    """The first version published from ``revision_id`` or a later revision.

    ``published`` is (revision id, version number) for each version. Revision
    ids grow over time, so the change in a revision reaches the public in the
    first version whose revision is that one or newer. None if not yet published.
    """
    from bisect import bisect_left

    ordered = sorted(published)
    i = bisect_left([r for r, _ in ordered], revision_id)
    return ordered[i][1] if i < len(ordered) else None


# Fields of a saved page revision that record where and how it was saved, not what it
# says: two saves of the same words differ only in these.
BOOKKEEPING_FIELDS = frozenset({
    "pk", "id", "path", "depth", "numchild", "url_path", "live", "has_unpublished_changes",
    "first_published_at", "last_published_at", "live_revision", "latest_revision",
    "latest_revision_created_at", "draft_title", "locked", "locked_at", "locked_by", "owner",
    "expired", "content_type", "page_ptr", "locale", "translation_key", "alias_of",
    "wagtail_admin_comments", "search_description", "show_in_menus",
})


def same_content(a: dict, b: dict) -> bool:
    """True when two revisions' content (Wagtail's ``Revision.content`` dicts) say the same
    thing: every field an editor writes is equal, whatever the bookkeeping around it.

    Used so that pressing "Save draft" without changing anything does not count as a new
    draft for the forum (the rule: compare content, not revision ids).
    """
    keys = (set(a) | set(b)) - BOOKKEEPING_FIELDS
    return all(a.get(key) == b.get(key) for key in keys)


# --- what a reader sees, as comparable text ------------------------------------------
#
# The comparison is word by word, so everything a reader sees that is not a word is
# written out as words. Lists and headings inside the text mark the start of their line
# ("• ", "1. ", "[heading] "); emphasis and links are listed under the line they are in
# ("[bold: 2 miles]", "[link: appeal → /policies/appeals/]"), so the words of the line
# compare as before and a change to a link's target or to what is bold is a changed line
# of its own that a reader can follow: was "… → /policies/old/]", now "… → /policies/new/]".

LINK_REF = re.compile(r"\[\[(page|document):(\d+)\]\]")

_EMPHASIS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BREAKS = {"p", "div", "br", "blockquote"}


class _ReaderText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.notes: list[str] = []  # emphasis and links of the current line
        self.open: list[list] = []  # [tag, label, words so far] of open emphasis and links
        self.lists: list[list] = []  # [kind, items seen] of each open list

    def _flush(self):
        text = " ".join("".join(self.line).split())
        if text:
            self.lines.append(text)
        self.lines.extend(self.notes)
        self.line, self.notes = [], []

    def handle_starttag(self, tag, attrs):
        if tag in _BREAKS or tag in _HEADINGS or tag == "li":
            self._flush()
        if tag in _HEADINGS:
            self.line.append("[heading] ")
        elif tag in _EMPHASIS:
            self.open.append([tag, _EMPHASIS[tag], []])
        elif tag == "a":
            self.open.append([tag, _link_target(dict(attrs)), []])
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li":
            if self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                self.line.append(f"{self.lists[-1][1]}. ")
            else:
                self.line.append("• ")

    def handle_endtag(self, tag):
        if tag in _EMPHASIS or tag == "a":
            for i in range(len(self.open) - 1, -1, -1):
                if self.open[i][0] == tag:
                    _, label, words = self.open.pop(i)
                    words = " ".join("".join(words).split())
                    if tag == "a":
                        self.notes.append(f"[link: {words} → {label}]" if label
                                          else f"[link: {words}]")
                    elif words:
                        self.notes.append(f"[{label}: {words}]")
                    break
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self._flush()
        elif tag in _BREAKS or tag in _HEADINGS or tag == "li":
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.line.append(" ")

    def handle_data(self, data):
        self.line.append(data)
        for item in self.open:
            item[2].append(data)


def _link_target(attrs: dict) -> str:
    """Where a link goes, as words; Wagtail's stored links to pages and documents become a
    reference that ``resolve_links`` turns into their address or title."""
    linktype, ref = attrs.get("linktype"), attrs.get("id")
    if linktype in ("page", "document") and ref and ref.isdigit():
        return f"[[{linktype}:{ref}]]"
    href = (attrs.get("href") or "").strip()
    if href.startswith("mailto:"):
        return f"email {href[len('mailto:'):]}"
    if href.startswith("tel:"):
        return f"phone {href[len('tel:'):]}"
    return href


def reader_text(html: str) -> str:
    """Rich text (Wagtail's stored HTML) as the words a reader sees, one line per paragraph,
    heading or list item, with what is not a word written out: "[heading] " or "• " or
    "1. " at the start of a line, and under each line its emphasis and links, one a line:
    "[bold: words]", "[italic: words]", "[link: words → where]" (an address, "email x",
    or ``[[page:ID]]`` / ``[[document:ID]]`` for ``resolve_links`` to name).
    """
    parser = _ReaderText()
    parser.feed(html or "")
    parser.close()
    parser._flush()
    return "\n".join(parser.lines)


def link_refs(texts: Iterable[str]) -> tuple[set[int], set[int]]:
    """The page ids and document ids that ``reader_text`` left to resolve in ``texts``."""
    pages: set[int] = set()
    documents: set[int] = set()
    for text in texts:
        for kind, ref in LINK_REF.findall(text or ""):
            (pages if kind == "page" else documents).add(int(ref))
    return pages, documents


def resolve_links(text: str, pages: Mapping[int, str], documents: Mapping[int, str]) -> str:
    """Replace ``[[page:ID]]`` with the page's address and ``[[document:ID]]`` with
    "document: TITLE"; a page or document that no longer exists says so."""

    def one(match: re.Match) -> str:
        kind, ref = match.group(1), int(match.group(2))
        if kind == "page":
            return pages.get(ref) or f"a removed page ({ref})"
        found = documents.get(ref)
        return f"document: {found}" if found else f"a removed document ({ref})"

    return LINK_REF.sub(one, text or "")


def listed(lines: Iterable[str], *, bullet: str = "• ") -> str:
    """Lines as a list, one per line, blank ones left out."""
    return "\n".join(f"{bullet}{line}" for line in lines if line and str(line).strip())


def field_lines(fields: Iterable[tuple[str, object]],
                show: Callable[[object], str] = str) -> str:
    """"Label: value" lines for page fields a reader sees (dates, audiences, choices), so a
    change to one shows as "Label: <del>old</del> <ins>new</ins>"."""
    return "\n".join(f"{label}: {show(value) if value not in (None, '') else '–'}"
                     for label, value in fields)
