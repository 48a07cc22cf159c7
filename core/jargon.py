"""The jargon rule: explain each glossary term where it is first used on a page.

Plain functions over plain values (no Django, no Wagtail). The page passes the
HTML fragments it is about to show, in reading order, and a function that
renders one explained use; it gets back the fragments with the first use of
each term wrapped, and the terms that were explained. A page shown untranslated in
another language is also found by the reader's names of the terms it uses
(``reader_names``).

Below every app: the public site explains terms with it, and the co-production engine
(``charter.search``) indexes its own pages' untranslated copies with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

# Text inside these elements is never annotated: a link or an abbreviation is
# already interactive or explained, a heading should stay short.
_SKIP_ELEMENTS = frozenset({"a", "abbr", "dfn", "code", "pre", "script", "style", "button",
                            "h1", "h2", "h3", "h4", "h5", "h6", "summary", "textarea"})
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source"})


@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    aliases: tuple[str, ...] = ()
    explanation: str = ""

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def build_matcher(terms: Sequence[Term]) -> tuple[re.Pattern[str] | None, dict[str, Term]]:
    """One regular expression for all spellings, longest first, with a lookup back to the term.

    Acronyms match only in capitals ("SEND", not "send"); other words match in
    any case. Matching is on whole words.
    """
    lookup: dict[str, Term] = {}
    alternatives: list[tuple[str, str]] = []
    for term in terms:
        for spelling in term.spellings:
            spelling = spelling.strip()
            if not spelling:
                continue
            if _is_acronym(spelling):
                key, pattern = spelling, re.escape(spelling)
            else:
                key = spelling.casefold()
                pattern = "(?i:" + re.escape(spelling) + ")"
            if key not in lookup:
                lookup[key] = term
                alternatives.append((spelling, pattern))
    if not alternatives:
        return None, lookup
    alternatives.sort(key=lambda item: len(item[0]), reverse=True)
    regex = re.compile(r"(?<![\w-])(?:" + "|".join(p for _, p in alternatives) + r")(?![\w-])")
    return regex, lookup


def _term_for(match: str, lookup: dict[str, Term]) -> Term | None:
    return lookup.get(match) or lookup.get(match.casefold())


def explain_first_uses(
    fragments: Sequence[str],
    terms: Sequence[Term],
    render: Callable[[Term, str], str],
    *,
    matcher: tuple[re.Pattern[str] | None, dict[str, Term]] | None = None,
) -> tuple[list[str], list[Term]]:
    """Wrap the first use of each term across ``fragments`` with ``render(term, text)``.

    ``fragments`` are trusted HTML (rendered rich text). Only text outside tags,
    and outside links, headings and the like, is touched. ``render`` must
    return safe HTML; the matched text it receives is still escaped HTML text.
    Returns the new fragments and the terms explained, in order of first use.
    """
    regex, lookup = matcher if matcher is not None else build_matcher(terms)
    if regex is None:
        return list(fragments), []
    explained: dict[str, Term] = {}
    result: list[str] = []
    for fragment in fragments:
        skip_depth = 0
        out: list[str] = []
        for piece in _TAG.split(fragment):
            if not piece:
                continue
            if piece.startswith("<"):
                m = _TAG_NAME.match(piece)
                if m:
                    closing, name = m.group(1) == "/", m.group(2).lower()
                    if name in _SKIP_ELEMENTS and name not in _VOID and not piece.endswith("/>"):
                        skip_depth = max(0, skip_depth - 1) if closing else skip_depth + 1
                out.append(piece)
                continue
            if skip_depth:
                out.append(piece)
                continue

            def replace(m: re.Match[str]) -> str:
                term = _term_for(m.group(0), lookup)
                if term is None or term.slug in explained:
                    return m.group(0)
                explained[term.slug] = term
                return render(term, m.group(0))

            out.append(regex.sub(replace, piece))
        result.append("".join(out))
    return result, list(explained.values())


def terms_used(text: str, terms: Sequence[Term]) -> list[Term]:
    """The terms that appear in plain ``text``, in order of first appearance."""
    regex, lookup = build_matcher(terms)
    if regex is None:
        return []
    seen: dict[str, Term] = {}
    for m in regex.finditer(text):
        term = _term_for(m.group(0), lookup)
        if term is not None and term.slug not in seen:
            seen[term.slug] = term
    return list(seen.values())


def reader_names(text: str, terms: Sequence[Term],
                 names: Mapping[str, Sequence[str]]) -> list[str]:
    """The names, in a reader's language, of the terms that plain ``text`` uses: what an
    untranslated copy of a page is also indexed under, so a reader who searches in their own
    language finds it ("الاستئناف" finds the English appeals policy shown on the Arabic site,
    as it uses "appeal").

    ``terms`` are the jargon buster's terms in the language ``text`` is written in, each
    keyed by its ``slug``; ``names`` maps a key to that term's name and other spellings in
    the reader's language. In the order the terms are first used; a name written as one of
    the term's own spellings ("SEND" kept as "SEND") adds nothing and is left out."""
    found = []
    for used in terms_used(text, terms):
        own = {s.casefold() for s in used.spellings}
        found += [name for name in names.get(used.slug, ()) if name.casefold() not in own]
    return found
