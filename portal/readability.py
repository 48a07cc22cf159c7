"""The plain-language rule: how hard is this text to read?

Plain functions over plain strings (no Django, no Wagtail), so the editor
panel, the publish record and the trend reports all score text the same way.

Reading age is approximate: the Flesch-Kincaid US grade plus five, the usual
conversion to a UK reading age. Text is scored as a reader hears it (see
``prose_sentences``): headings are left out, and a list of short items is one
sentence with its lead-in ("We think about: your child's age, their needs.").
Flesch-Kincaid is an English formula, so pages in other languages get no
reading age (``ReadabilityReport.measured`` is False). GOV.UK content design aims for a reading age
of nine. textstat is pinned to 0.7.8, the last release that bundles its
syllable dictionary instead of downloading one at run time.

When a text is above the target, the advice follows the formula's own terms
(``what_raises_the_score``): Flesch-Kincaid grade is 0.39 × words per sentence + 11.8 ×
syllables per word − 15.59, so a text of short sentences and long words is told to use
shorter words (naming its longest ones, with a plainer word from ``PLAINER_WORDS`` where
there is one), and a text of long sentences is told to split them (quoting the longest).
A term is named only when it adds a year or more to the reading age (``NOTABLE_YEARS``) or
adds the most, so a long sentence of plain words is told only to split; and splitting is
never advised because the long words are ones to keep (names, everyday or explained words:
``KEPT_WORDS``).

The panel's status ("meets the target", "within the target, but look at", "needs work",
"above the target only because of long words to keep") and the reasons under it, part by
part, come from one function, ``page_verdict``, which the rows' advice comes from too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import textstat

from core.jargon import Term, terms_used

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(
    r"</(p|li|h[1-6]|div|tr|td|th|dd|dt|blockquote|figcaption|caption|section|aside)>"
    r"|<br\s*/?>", re.IGNORECASE)
# A sentence ends at . ! or ? followed by space and a capital, digit or quote,
# or at a line break (``prose_sentences`` then joins list items and drops headings).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(A-Z0-9])|\n+")
# A word in any script (Polish, Arabic...), so a page in any language counts its words.
_WORD = re.compile(r"[^\W_][\w'’-]*")
_HEADING = re.compile(r"<(h[1-6])\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# A block a reader hears as a sentence of its own: a paragraph, a quote, a table cell, a box.
_PARAGRAPH = re.compile(
    r"<(p|blockquote|td|th|dd|dt|figcaption|caption|aside|div)\b[^>]*>(.*?)</\1\s*>",
    re.IGNORECASE | re.DOTALL)
# A list, with the paragraph that leads into it when that paragraph ends in ":".
_LIST = re.compile(
    r"(?:<p\b[^>]*>(?P<lead>(?:(?!</?p\b).)*?:)\s*</p\s*>\s*)?"
    r"<(?P<tag>ul|ol)\b[^>]*>(?P<items>(?:(?!<(?:ul|ol)\b).)*?)</(?P=tag)\s*>",
    re.IGNORECASE | re.DOTALL)
_ITEM = re.compile(r"<li\b[^>]*>(.*?)</li\s*>", re.IGNORECASE | re.DOTALL)
# A line with no closing punctuation, on its own before more text, is taken for a heading
# only when it is as short as headings are; a longer one is a paragraph whose writer left
# off the full stop, and is read (and scored) as a sentence.
HEADING_WORDS = 8
_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?)(?![\w-])")
# "Education, Health and Care Plan (EHCP)": the acronym is explained where it is introduced.
_INTRODUCED = re.compile(r"\(\s*([A-Z][A-Z0-9]*[A-Z])s?\s*\)")
# Capitals that are ordinary words or that no family needs explained.
_NOT_ACRONYMS = frozenset({"I", "A", "OK", "UK", "AM", "PM", "TV", "ID"})
# A line ending in one of these is a whole sentence (a quote or bracket may close it).
_CLOSED = tuple(".!?\"'”’)")
# Languages the Flesch-Kincaid reading age applies to.
MEASURED_LANGUAGES = frozenset({"en"})

# Flesch-Kincaid grade level (Kincaid et al. 1975), computed by ``score_text`` from
# ``formula_terms``:
# grade = 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
FK_SENTENCE_WEIGHT = 0.39
FK_WORD_WEIGHT = 11.8
FK_CONSTANT = 15.59
# Syllables per word of plain, everyday English: the demo's own policies, which meet
# reading age 9, average 1.21; GOV.UK-style short words sit between 1.2 and 1.3. Words
# longer than this on average are what raise a score, whatever the sentence length.
PLAIN_SYLLABLES_PER_WORD = 1.25
# A term of the formula is named as a cause when it adds at least this many years to the
# reading age beyond its plain reference (or adds the most): see ``what_raises_the_score``.
NOTABLE_YEARS = 1.0
SENTENCES, WORDS = "sentences", "words"
# Above the target because of long words, when none of them is one to change: each is an
# everyday word, part of a name, or explained by the jargon buster.
KEPT_WORDS = "kept_words"

# Plainer words for long ones officers often write, after GOV.UK's "words to avoid" and the
# Plain English Campaign's "A to Z of alternative words". Keys are lower case; a plural
# ("arrangements") is looked up by its singular too.
PLAINER_WORDS = {
    "accommodate": "fit in", "accordance": "under", "additional": "extra", "additionally":
    "also", "alternative": "other", "alternatively": "or", "applicable": "that applies",
    "appropriate": "right", "approximately": "about", "arrangement": "plan",
    "assistance": "help", "commence": "start", "communicate": "tell", "communication":
    "message", "consequently": "so", "considerable": "large", "demonstrate": "show",
    "determine": "decide", "determined": "decided", "difficulty": "problem",
    "documentation": "papers", "eligible": "able to get", "eligibility": "who can get it",
    "equivalent": "the same", "establish": "set up", "evaluate": "check", "facilitate":
    "help", "frequently": "often", "identify": "find", "immediately": "straight away",
    "individual": "person", "individually": "one by one", "initial": "first",
    "locality": "area", "necessary": "needed", "notification": "letter", "numerous": "many",
    "obligation": "duty", "opportunity": "chance", "participate": "take part",
    "particular": "this", "previously": "before", "prioritise": "put first", "provision":
    "help", "regarding": "about", "representative": "person who speaks for",
    "representatives": "people who speak for",
    "requirement": "need", "residence": "home", "satisfaction": "how happy",
    "subsequently": "later", "sufficient": "enough", "temporary": "for now",
    "transportation": "transport", "utilise": "use", "variation": "change",
}
# Little words inside a proper name: "Department for Education", "Children and Families Act".
_NAME_JOINERS = frozenset({"of", "and", "for", "the", "on", "in", "to", "&"})


@dataclass(frozen=True)
class ReadabilityReport:
    """The score of one text (a page, its introduction or a section) and what it flags."""

    words: int
    sentences: int
    flesch_reading_ease: float
    reading_age: float
    long_sentences: tuple[str, ...] = ()
    glossary_terms: tuple[str, ...] = ()
    words_to_avoid: tuple[str, ...] = ()
    unexplained_acronyms: tuple[str, ...] = ()
    # When the reading age is above target: what raises it (``causes``: SENTENCES and/or
    # WORDS, the weightier first, see ``what_raises_the_score``), and the examples to change:
    # the longest sentences when they are long, the longest words (with ``plainer`` words
    # where ``PLAINER_WORDS`` has one) when the words are.
    hardest_sentences: tuple[str, ...] = ()
    hardest_words: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    plainer: tuple[tuple[str, str], ...] = ()
    # The formula's two terms on the prose scored (``formula_terms``).
    words_per_sentence: float = 0.0
    syllables_per_word: float = 0.0
    # False for languages the English formula does not fit: no score is shown.
    measured: bool = True

    @property
    def is_empty(self) -> bool:
        return self.words == 0

    @property
    def unexplained_count(self) -> int:
        return len(self.words_to_avoid) + len(self.unexplained_acronyms)

    @property
    def advice(self) -> tuple[str, ...]:
        """What raises the score, in the order of ``causes``: SENTENCES (the longest are in
        ``hardest_sentences``), WORDS when some long words are ones to change
        (``hardest_words``), KEPT_WORDS when the words are long but none is one to change
        (each is everyday, part of a name or explained by the jargon buster). Empty within
        the target."""
        return tuple(KEPT_WORDS if kind == WORDS and not self.hardest_words else kind
                     for kind in self.causes)

    @property
    def long_sentences_unquoted(self) -> tuple[str, ...]:
        """``long_sentences`` not already quoted in the advice to split (``hardest_sentences``,
        shown when long sentences are a cause), so a row quotes each sentence once."""
        quoted = set(self.hardest_sentences) if SENTENCES in self.advice else set()
        return tuple(s for s in self.long_sentences if s not in quoted)

    @property
    def words_to_avoid_with_plainer(self) -> tuple[tuple[str, str], ...]:
        """Each of ``words_to_avoid`` with a plainer word (``plainer_word``), or "" where none
        is listed: "commence" is offered "start" where it is flagged."""
        return tuple((word, plainer_word(word)) for word in self.words_to_avoid)

    @property
    def hardest_words_with_plainer(self) -> tuple[tuple[str, str], ...]:
        """Each of ``hardest_words`` with its plainer word, or "" where none is listed."""
        plainer = dict(self.plainer)
        return tuple((word, plainer.get(word, "")) for word in self.hardest_words)

    def above(self, reading_age_target: float) -> bool:
        """True when the reading age is measured and over the target."""
        return self.measured and not self.is_empty and self.reading_age > reading_age_target

    def meets(self, reading_age_target: float) -> bool:
        return self.is_empty or not self.measured or (
            self.reading_age <= reading_age_target
            and not self.long_sentences
            and not self.unexplained_count
        )


@dataclass(frozen=True)
class SectionReport:
    key: str
    heading: str
    report: ReadabilityReport


@dataclass(frozen=True)
class PageReport:
    """The page as a whole, each section, and the introduction on its own (``intro``: None
    when the page has none), so a long sentence in the introduction is quoted too."""

    whole: ReadabilityReport
    sections: tuple[SectionReport, ...] = field(default_factory=tuple)
    intro: ReadabilityReport | None = None


def html_to_text(value: str) -> str:
    """Rich text to plain text, keeping paragraph and list-item breaks as new lines."""
    value = _BLOCK_END.sub("\n", value or "")
    value = _TAG.sub(" ", value)
    value = html.unescape(value)
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


def _paragraph_as_sentence(match: re.Match) -> str:
    """One block as the sentence(s) a reader hears: its broken lines run on (a line with
    no closing punctuation is followed by a comma, as an address is read out), and a full
    stop at its end when its writer left it off."""
    lines = html_to_text(match.group(2)).splitlines()
    if not lines:
        return ""
    text = ""
    for line in lines:
        text += line if not text else (" " if _is_closed(text) or text.endswith(":")
                                       else ", ") + line
    if not _is_closed(text) and not text.endswith(":"):
        text += "."
    return "<p>" + html.escape(text, quote=False) + "</p>"


def heard_list(items: Sequence[str], lead: str = "") -> list[str]:
    """A list (rich-text list items, a summary box's points) as a reader hears it, as lines
    each ending in a full stop or similar: items that are whole sentences stay sentences of
    their own; otherwise the items make one sentence, after their lead-in when there is one
    ("We think about: your child's age, their needs."). Nothing is dropped: a single short
    item is a sentence, not a heading."""
    items = [" ".join(item.split()) for item in items if item and item.strip()]
    if not items:
        return [lead] if lead else []
    if all(_is_closed(item) for item in items):
        return ([lead] if lead else []) + items
    joined = ", ".join(item.rstrip(",;.") for item in items)
    joined = joined if _is_closed(joined) else joined + "."
    return [f"{lead} {joined}" if lead else joined]


def _list_as_sentence(match: re.Match) -> str:
    items = [" ".join(html_to_text(item).split()) for item in _ITEM.findall(match["items"])]
    lead = " ".join(html_to_text(match["lead"] or "").split())
    lines = heard_list(items, lead)
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)


# A paragraph wholly in bold: how many editors make a heading ("<p><strong>Who can get
# help</strong></p>"). Left out as a heading when it is a heading's length.
_BOLD_PARAGRAPH = re.compile(
    r"<p\b[^>]*>\s*<(strong|b)\b[^>]*>((?:(?!</?(?:p|strong|b)\b).)*)</\1\s*>\s*</p\s*>",
    re.IGNORECASE | re.DOTALL)


def _bold_heading(match: re.Match) -> str:
    words = html_to_text(match.group(2))
    return "\n" if count_words(words) <= HEADING_WORDS and not _is_closed(words) \
        else match.group(0)


def html_to_prose(value: str) -> str:
    """Rich text to the plain text a reader hears: as ``html_to_text``, without headings
    (only real ``<h1>``-``<h6>`` headings are left out), each list read as ``heard_list``
    reads it, and each paragraph, quote, table cell or box a sentence even when its writer
    left off the full stop. Every line it gives ends in a full stop or similar (or ":"),
    so ``prose_lines`` takes none of them for a heading. A short paragraph wholly in bold
    (``_BOLD_PARAGRAPH``) is a heading too."""
    value = _BOLD_PARAGRAPH.sub(_bold_heading, _HEADING.sub("\n", value or ""))
    while True:  # innermost lists first, so a list inside a list item is read as its items
        joined = _LIST.sub(_list_as_sentence, value)
        if joined == value:
            break
        value = joined
    return html_to_text(_PARAGRAPH.sub(_paragraph_as_sentence, value))


def measured_language(language: str) -> bool:
    """True when the reading age applies to text in ``language`` (a locale code such as
    "en-gb", "pl" or "ar"); an empty code counts as English."""
    return (language or "en").lower().split("-")[0] in MEASURED_LANGUAGES


# Titles and abbreviations whose full stop ends no sentence ("Mr. Khan", "e.g. A bus pass").
_ABBREVIATION = re.compile(r"\b(Mr|Mrs|Ms|Mx|Dr|Prof|St|e\.g|i\.e|approx)\.(?=\s)",
                           re.IGNORECASE)
_HELD_STOP = "\u2024"  # ONE DOT LEADER: stands for an abbreviation's stop while splitting


def split_sentences(text: str) -> list[str]:
    """``text``'s sentences: each ends at . ! or ? before a capital, digit or quote, or at a
    line break; not at a title's or an abbreviation's stop ("Mr.", "Dr.", "e.g.", "i.e.")."""
    held = _ABBREVIATION.sub(lambda m: m.group(1).replace(".", _HELD_STOP) + _HELD_STOP,
                             text or "")
    return [s.strip().replace(_HELD_STOP, ".") for s in _SENTENCE_END.split(held)
            if s and s.strip()]


def _is_closed(line: str) -> bool:
    return line.endswith(_CLOSED)


def _heading_like(line: str) -> bool:
    return count_words(line) <= HEADING_WORDS and len(split_sentences(line)) == 1


def prose_lines(text: str) -> list[str]:
    """The text's lines as a reader hears them, each ending in a full stop or similar.

    - A run of lines with no closing punctuation after a line ending in ":" is a
      list: the lead-in and its items make one sentence ("We think about: your
      child's age, their needs.").
    - Two or more such lines with no lead-in are a list heard as one sentence.
    - One such line followed by more text is a heading, and is left out, when it is a
      heading's length (``HEADING_WORDS`` or fewer, and no sentence ends inside it); a
      longer one is a paragraph without its full stop, and is a sentence.
    - Lines that end in . ! or ? (paragraphs, full-sentence list items) stay as they are.

    So no words a reader reads are dropped from the score for a missing full stop: hard
    text cannot score as easy by leaving out its punctuation.
    """
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_closed(line) or line.endswith(":") and i + 1 >= len(lines):
            out.append(line)
            i += 1
            continue
        run = [line] if not line.endswith(":") else []
        lead = line if line.endswith(":") else ""
        j = i + 1
        while j < len(lines) and not _is_closed(lines[j]) and not lines[j].endswith(":"):
            run.append(lines[j])
            j += 1
        if lead and run:
            out.append(f"{lead} {', '.join(run)}.")
        elif lead:
            out.append(lead)
        elif len(run) >= 2 or j >= len(lines) and not out:
            out.append(", ".join(run) + ".")
        elif j >= len(lines) or not _heading_like(run[0]):
            out.append(run[0] + ".")  # a paragraph without its full stop
        # else: a single short line before more text: a heading, not read as a sentence.
        i = j
    return out


def prose_sentences(text: str) -> list[str]:
    """The sentences of ``text`` read as prose (see ``prose_lines``)."""
    return [s for line in prose_lines(text) for s in split_sentences(line)]


def count_words(text: str) -> int:
    return len(_WORD.findall(text or ""))


def reading_age_from_grade(grade: float) -> float:
    """UK reading age from a US school grade: grade plus five, never below five."""
    return round(max(5.0, grade + 5.0), 1)


def _without_explained(text: str, explained: frozenset[str]) -> str:
    """``text`` with every use of a term the jargon buster explains taken out, plural or
    not, longest spelling first: the words inside "statutory school age" or "risk
    assessments" are explained there, so neither is a word to avoid or to change."""
    for spelling in sorted(explained, key=len, reverse=True):
        text = re.sub(r"(?<![\w-])" + re.escape(spelling) + r"(?:e?s)?(?![\w-])", " ", text,
                      flags=re.IGNORECASE)
    return text


def _words_to_avoid_found(
    text: str, words_to_avoid: Iterable[str], explained: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Words to avoid used in ``text``, except those the jargon buster explains
    (``explained``: casefolded spellings), which readers see explained, and those used only
    inside an explained term (``_without_explained``)."""
    text = _without_explained(text, explained)
    found = []
    for phrase in words_to_avoid:
        phrase = phrase.strip()
        if phrase.casefold() in explained:
            continue
        if phrase and re.search(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text, re.I):
            found.append(phrase)
    return tuple(found)


def _unexplained_acronyms(text: str, glossary: Sequence[Term]) -> tuple[str, ...]:
    known = {s for t in glossary for s in t.spellings}
    introduced = set(_INTRODUCED.findall(text))
    found: dict[str, None] = {}
    for match in _ACRONYM.finditer(text):
        word = match.group(1)
        bare = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
        if bare in _NOT_ACRONYMS or word in known or bare in known or bare in introduced:
            continue
        found.setdefault(bare)
    return tuple(found)


def _everyday(word: str) -> bool:
    """True for a word most readers know however many syllables it has ("everyone",
    "family", "holiday"): one on the Dale-Chall list of words known to most 10-year-olds
    (textstat's ``is_easy_word``), or a plural, "-ly", "-ing" or "-ed" form of one."""
    word = word.lower().strip("'’-")
    forms = {word}
    for ending, instead in (("ies", "y"), ("es", ""), ("s", ""), ("ly", ""), ("ily", "y"),
                            ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("ied", "y")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            forms.add(word[: -len(ending)] + instead)
    return any(textstat.is_easy_word(form, syllable_threshold=1) for form in forms)


def plain_sentence_words(reading_age_target: float) -> float:
    """The average sentence length (in words) that meets ``reading_age_target`` when the
    words are plain (``PLAIN_SYLLABLES_PER_WORD``): the Flesch-Kincaid formula solved for
    words per sentence. About 12.4 for a reading age of 9; never below one word."""
    grade = reading_age_target - 5.0
    return max(1.0, (grade + FK_CONSTANT - FK_WORD_WEIGHT * PLAIN_SYLLABLES_PER_WORD)
               / FK_SENTENCE_WEIGHT)


def what_raises_the_score(words_per_sentence: float, syllables_per_word: float,
                          reading_age_target: float) -> tuple[str, ...]:
    """Which of the formula's two terms puts a text above ``reading_age_target``, the
    weightier first; empty for a text within the target.

    Each term's excess is what it adds to the grade beyond its plain reference: sentences
    longer on average than ``plain_sentence_words``, words longer on average than
    ``PLAIN_SYLLABLES_PER_WORD``. The two excesses add up to exactly how far the text is
    above the target. A term is named when its excess is at least ``NOTABLE_YEARS`` (a
    year of reading age), or when it is the larger one (so a text above the target always
    has a cause). A 51-word sentence of 1.29-syllable words is told to split, not also to
    use shorter words: its words add under half a year to a score 15 years too high.
    """
    grade = FK_SENTENCE_WEIGHT * words_per_sentence + FK_WORD_WEIGHT * syllables_per_word \
        - FK_CONSTANT
    if reading_age_from_grade(grade) <= reading_age_target:
        return ()
    excess = {
        SENTENCES: FK_SENTENCE_WEIGHT * (words_per_sentence
                                         - plain_sentence_words(reading_age_target)),
        WORDS: FK_WORD_WEIGHT * (syllables_per_word - PLAIN_SYLLABLES_PER_WORD),
    }
    ranked = sorted(excess, key=excess.get, reverse=True)
    causes = [kind for kind in ranked
              if excess[kind] > 0 and (excess[kind] >= NOTABLE_YEARS or kind == ranked[0])]
    # Only when the target is so low that a one-word sentence is already too long.
    return tuple(causes) or (SENTENCES,)


def _in_names(sentence: str) -> list[tuple[str, bool]]:
    """The words of ``sentence``, each with whether it is part of a proper name (the name of
    an Act, an organisation, a document): a capitalised word after the sentence's first, or
    a first word that another capitalised word follows ("Education Act", "Department for
    Education"). "Education is..." at the start of a sentence is an ordinary word."""
    words = _WORD.findall(sentence)
    capital = [w[:1].isupper() and w != "I" for w in words]
    # "Additionally, Amaze can help.": a first word closed by a comma starts no name.
    first_alone = bool(words) and re.match(r"\W*" + re.escape(words[0]) + r"\s*[,;:]",
                                            sentence)
    out = []
    for i, word in enumerate(words):
        named = capital[i] and i > 0
        if capital[i] and i == 0 and not first_alone:
            j = 1
            while j < len(words) and not capital[j] and words[j].lower() in _NAME_JOINERS:
                j += 1
            named = j < len(words) and capital[j]
        out.append((word, named))
    return out


def plainer_word(word: str) -> str:
    """A plainer word for ``word`` from ``PLAINER_WORDS``, or "". A plural not listed is
    looked up by its singular, and a one-word alternative made plural ("arrangements":
    "plans")."""
    lower = word.lower()
    if lower in PLAINER_WORDS:
        return PLAINER_WORDS[lower]
    single = PLAINER_WORDS.get(lower[:-1], "") if lower.endswith("s") else ""
    return single + "s" if single and " " not in single else ""


def _hardest_words(sentences: Sequence[str], explained: frozenset[str]) -> tuple[str, ...]:
    """Up to five of the longest words (three syllables or more, most syllables first, then
    in reading order) that a shorter word could replace: not everyday words (``_everyday``),
    nor words the jargon buster explains (``explained``: casefolded spellings), which readers
    see explained, nor words inside a proper name ("Education" in "the Education Act"),
    which an editor cannot change."""
    found: dict[str, int] = {}
    for sentence in sentences:
        for word, named in _in_names(_without_explained(sentence, explained)):
            lower = word.lower()
            if named or lower in explained or lower in found:
                continue
            syllables = textstat.syllable_count(word)
            if syllables >= 3 and not _everyday(word):
                found[lower] = syllables
    return tuple(sorted(found, key=found.get, reverse=True)[:5])


# Flesch reading ease (Flesch 1948): 206.835 − 1.015 × words per sentence − 84.6 × syllables
# per word.
FRE_BASE, FRE_SENTENCE_WEIGHT, FRE_WORD_WEIGHT = 206.835, 1.015, 84.6


def formula_terms(prose: str, sentences: int) -> tuple[float, float]:
    """(words per sentence, syllables per word) of ``prose`` (one string of whole sentences),
    with words and syllables as textstat counts them and ``sentences`` as the portal splits
    them. textstat's own sentence count leaves out every sentence of one or two words
    ("Phone us.", "Yes."), which made a page of short sentences read as if they were long:
    every sentence a reader reads is counted here. (0.0, 0.0) for no words."""
    words = textstat.lexicon_count(prose)
    if not words or not sentences:
        return 0.0, 0.0
    return words / sentences, textstat.syllable_count(prose) / words


def _to_fix(report: ReadabilityReport, sentences: Sequence[str], prose: str,
            explained: frozenset[str], reading_age_target: float) -> ReadabilityReport:
    """``report`` (above the target) with what raises its score and the examples to change."""
    per_sentence, per_word = formula_terms(prose, len(sentences))
    causes = what_raises_the_score(per_sentence, per_word, reading_age_target)
    words = _hardest_words(sentences, explained) if WORDS in causes else ()
    # Splitting is advised only when the sentences are what is long, never because the long
    # words are ones the editor should keep (names, everyday words, explained words).
    longest = ()
    if SENTENCES in causes:
        longest = tuple(sorted(sentences, key=count_words, reverse=True)[:2])
    return replace(
        report, causes=causes, hardest_sentences=longest, hardest_words=words,
        plainer=tuple((w, plainer_word(w)) for w in words if plainer_word(w)),
        words_per_sentence=round(per_sentence, 1), syllables_per_word=round(per_word, 2))


def score_text(
    text: str,
    *,
    glossary: Sequence[Term] = (),
    words_to_avoid: Iterable[str] = (),
    long_sentence_words: int = 25,
    language: str = "en",
    reading_age_target: float | None = None,
) -> ReadabilityReport:
    """Score plain text as a reader hears it. Returns an empty report (zero words) for
    blank text, and an unmeasured one (``measured`` False, no reading age, nothing
    flagged) for a ``language`` the English formula does not fit ("pl", "ar").

    When ``reading_age_target`` is given and the text is above it, the report says what
    raises the score and names the sentences or words to change (``_to_fix``), so "above
    target" always comes with what to fix.
    """
    text = (text or "").strip()
    lines = prose_lines(text)
    prose_text = "\n".join(lines)
    words = count_words(prose_text)
    if not words:
        return ReadabilityReport(words=0, sentences=0, flesch_reading_ease=0.0, reading_age=0.0)
    sentences = [s for line in lines for s in split_sentences(line)]
    if not measured_language(language):
        return ReadabilityReport(words=words, sentences=len(sentences), flesch_reading_ease=0.0,
                                 reading_age=0.0, measured=False)
    prose = " ".join(s if s[-1] in ".!?" else s + "." for s in sentences)
    used = terms_used(text, glossary)
    explained = frozenset(s.casefold() for t in used for s in t.spellings)
    per_sentence, per_word = formula_terms(prose, len(sentences))
    grade = FK_SENTENCE_WEIGHT * per_sentence + FK_WORD_WEIGHT * per_word - FK_CONSTANT
    ease = FRE_BASE - FRE_SENTENCE_WEIGHT * per_sentence - FRE_WORD_WEIGHT * per_word
    report = ReadabilityReport(
        words=words,
        sentences=len(sentences),
        flesch_reading_ease=round(ease, 1),
        reading_age=reading_age_from_grade(grade),
        long_sentences=tuple(s for s in sentences if count_words(s) > long_sentence_words),
        glossary_terms=tuple(t.term for t in used),
        words_to_avoid=_words_to_avoid_found(text, words_to_avoid, explained),
        unexplained_acronyms=_unexplained_acronyms(text, glossary),
    )
    if reading_age_target is not None and report.above(reading_age_target):
        report = _to_fix(report, sentences, prose, explained, reading_age_target)
    return report


def score_sections(
    sections: Sequence[tuple[str, str, str]],
    *,
    intro: str = "",
    glossary: Sequence[Term] = (),
    words_to_avoid: Iterable[str] = (),
    long_sentence_words: int = 25,
    language: str = "en",
    reading_age_target: float | None = None,
) -> PageReport:
    """Score each (key, heading, text) section, the introduction, and the page as a whole
    (intro plus sections).

    Section headings are never scored: they are not read as sentences. Each part is read as
    prose on its own (``prose_lines``) before the parts are joined, so the last line of one
    part is never taken for a heading because another part follows it.
    """
    options = {
        "glossary": glossary,
        "words_to_avoid": tuple(words_to_avoid),
        "long_sentence_words": long_sentence_words,
        "language": language,
        "reading_age_target": reading_age_target,
    }
    intro = "\n".join(prose_lines(intro))
    parts = ["\n".join(prose_lines(text)) for _, _, text in sections]
    whole = "\n".join(part for part in (intro, *parts) if part)
    return PageReport(
        whole=score_text(whole, **options),
        sections=tuple(
            SectionReport(key=key, heading=heading, report=score_text(text, **options))
            for key, heading, text in sections
        ),
        intro=score_text(intro, **options) if intro.strip() else None,
    )


# What the panel says about a page as a whole (``Verdict.status``).
MEETS = "meets"  # within the target, nothing flagged anywhere
WITHIN = "within"  # within the target, but a part is above it or has something flagged
NEEDS_WORK = "needs_work"  # above the target, with something the editor can change
ABOVE_KEPT = "above_kept"  # above the target only because of long words to keep
# Findings besides the causes of a score above the target (SENTENCES, WORDS, KEPT_WORDS).
LONG_SENTENCE, AVOID, ACRONYM = "long_sentence", "avoid", "acronym"
# The part a finding is about: the page as a whole, its introduction, or a section's key.
WHOLE_PAGE, INTRO = "page", "intro"


@dataclass(frozen=True)
class Finding:
    """One thing to look at in one part of a page: ``cause`` (SENTENCES, WORDS or
    KEPT_WORDS when the part is above the target; LONG_SENTENCE, AVOID or ACRONYM at any
    score) and its ``examples`` (the sentences or words)."""

    part: str
    heading: str
    cause: str
    examples: tuple[str, ...] = ()
    # For a whole-page finding that is the same as some parts' (each part's key, INTRO or a
    # section's, with its heading): the reason is said once, naming those parts.
    within: tuple[tuple[str, str], ...] = ()
    # For SENTENCES: how many sentences of the part are over the length limit, said with the
    # reason ("long sentences" and "1 sentence over 25 words" are one reason, said once).
    over: int = 0


@dataclass(frozen=True)
class Row:
    """A row of the panel's table: a part of the page, its report and its findings."""

    key: str
    heading: str
    report: ReadabilityReport
    findings: tuple[Finding, ...] = ()

    def above(self, reading_age_target: float) -> bool:
        """True when the part's own reading age is above the target."""
        return self.report.above(reading_age_target)


@dataclass(frozen=True)
class Verdict:
    """The panel's status for a page and why: the one place the status line, the list of
    reasons under it and each row's advice come from (``page_verdict``)."""

    status: str
    findings: tuple[Finding, ...] = ()
    rows: tuple[Row, ...] = ()

    @property
    def meets(self) -> bool:
        return self.status == MEETS


def report_findings(report: ReadabilityReport, reading_age_target: float, *, part: str,
                    heading: str = "") -> tuple[Finding, ...]:
    """What to look at in one part: first why it is above the target (``advice``, with
    the longest sentences or the words to change), then its sentences over the length
    limit, its words to avoid and its unexplained acronyms.

    Each reason once: a part above the target because of long sentences says how many are
    over the limit in that finding (``Finding.over``), not again as LONG_SENTENCE."""
    if report.is_empty or not report.measured:
        return ()
    out = []
    if report.above(reading_age_target):
        for kind in report.advice:
            examples = {SENTENCES: report.hardest_sentences, WORDS: report.hardest_words}
            over = len(report.long_sentences) if kind == SENTENCES else 0
            out.append(Finding(part, heading, kind, examples.get(kind, ()), over=over))
    split = any(f.cause == SENTENCES for f in out)
    for cause, examples in ((LONG_SENTENCE, () if split else report.long_sentences),
                            (AVOID, report.words_to_avoid),
                            (ACRONYM, report.unexplained_acronyms)):
        if examples:
            out.append(Finding(part, heading, cause, examples))
    return tuple(out)


# A part's findings that give the same reason as the whole page's: its long sentences are
# why the page's sentences are too long.
_SAME_REASON = {SENTENCES: (SENTENCES, LONG_SENTENCE), WORDS: (WORDS,),
                KEPT_WORDS: (KEPT_WORDS,)}


def _said_once(own: tuple[Finding, ...], parts: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The whole page's findings, then the parts', each reason said once: when parts have
    the same reason as the whole page (its long sentences are there), the whole page's
    finding names them (``Finding.within``, in page order) and theirs are not repeated in
    the list (each part's row in the table still says what to fix)."""
    merged, dropped = [], set()
    for finding in own:
        same = [f for f in parts if f.cause in _SAME_REASON.get(finding.cause, ())]
        if same:
            # A section not yet saved (the live check) has no key: "section" stands for it.
            within = tuple(dict.fromkeys((f.part or "section", f.heading) for f in same))
            heading = within[0][1] if len(within) == 1 else ""
            finding = replace(finding, heading=heading, within=within)
            dropped.update(id(f) for f in same)
        merged.append(finding)
    return tuple(merged) + tuple(f for f in parts if id(f) not in dropped)


def page_verdict(page: PageReport, reading_age_target: float) -> Verdict:
    """The page's status and every reason for it, part by part.

    - MEETS: the page is within the target and no part has anything to look at;
    - WITHIN: the page is within the target, but a part is above it or has a long
      sentence, a word to avoid or an unexplained acronym (never "needs work");
    - NEEDS_WORK: the page is above the target and something can be changed;
    - ABOVE_KEPT: the page is above the target only because of long words to keep.

    The page's own findings say why the whole is above the target; sentences, words and
    acronyms are reported in the rows (introduction, sections) where they are, or on the
    page when it has no rows.
    """
    whole = page.whole
    rows = []
    if page.intro is not None:
        rows.append(Row(INTRO, "", page.intro,
                        report_findings(page.intro, reading_age_target, part=INTRO)))
    for section in page.sections:
        rows.append(Row(section.key, section.heading, section.report,
                        report_findings(section.report, reading_age_target, part=section.key,
                                        heading=section.heading)))
    own = report_findings(whole, reading_age_target, part=WHOLE_PAGE)
    if rows:
        own = tuple(f for f in own if f.cause in (SENTENCES, WORDS, KEPT_WORDS))
    findings = _said_once(own, tuple(f for row in rows for f in row.findings))
    if whole.above(reading_age_target):
        changeable = any(f.cause != KEPT_WORDS for f in findings)
        status = NEEDS_WORK if changeable else ABOVE_KEPT
    else:
        status = WITHIN if findings else MEETS
    return Verdict(status, findings, tuple(rows))
