"""Whether a piece of text on a page is English in another language's page (WCAG 3.1.2).

Plain functions over plain values (no Django, no Wagtail). A Polish or Arabic page shows
English where nothing is translated yet: a page that is only an alias of the English one,
or a string its translator left in English. Such text is marked ``lang="en" dir="ltr"`` so
a screen reader switches voice and punctuation lands on the right side.
"""

from __future__ import annotations

import re
import unicodedata

from portal.search_text import english_words

# Languages written in a script with no Latin letters: Latin-only text shown in them is a
# string left in English (a word such as "SEND" or "EHCP" inside Arabic is not: the run
# holds Arabic letters too).
_NON_LATIN_SCRIPTS = {"ar": "ARABIC"}


# Letters a language has and English has not: text holding one of them, on a page in that
# language, is in that language.
_OWN_LETTERS = {"pl": frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")}
# A word of two letters or more with a small letter in it (not an acronym such as "EHCP").
_LATIN_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")


def mostly_english_words(text: str) -> bool:
    """True when more than half of the words of ``text`` (Latin words of two letters or more
    with a small letter: acronyms are left out) are English dictionary words
    (``portal.search_text.english_words``), or when it has no such words at all. "Podsumowanie",
    "Rok" or "Dobrze, zgoda" are not English; "The taxi was late" is."""
    words = [w for w in _LATIN_WORD.findall(text) if len(w) >= 2]
    if not words:
        return True
    known = english_words()
    return sum(w.lower() in known for w in words) * 2 > len(words)


def has_own_letters(text: str, *, language: str) -> bool:
    """True when ``text`` holds a letter of ``language`` that English has not: a Polish "ą",
    "ł", "ż"..., or any letter of the Arabic script. Such text is not English; text without
    them may be either (Polish shares its other letters with English)."""
    base = (language or "").split("-")[0]
    script = _NON_LATIN_SCRIPTS.get(base)
    own = _OWN_LETTERS.get(base, frozenset())
    for char in text or "":
        if char in own or (script and char.isalpha()
                           and unicodedata.name(char, "").startswith(script)):
            return True
    return False


def typed_in_english(text: str, *, language: str) -> bool:
    """True when ``text`` that a person typed (a forum comment, a position, the council's
    answer), shown on a page in ``language``, is English: it has Latin letters, none of the
    language's own script (Arabic) or of its own letters (Polish "ą", "ł", "ż"...), and its
    words are mostly English dictionary words (``mostly_english_words``), so Polish typed
    without its letters ("Dobrze, zgoda", "Podsumowanie") is not taken for English. Never
    true on an English page."""
    if not language or language.split("-")[0] == "en" or not text:
        return False
    base = language.split("-")[0]
    if base in _NON_LATIN_SCRIPTS:
        return is_english(text, language=language)
    own = _OWN_LETTERS.get(base)
    if own is None:
        return False
    latin = False
    for char in text:
        if char in own:
            return False
        if char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
            latin = True
    return latin and mostly_english_words(text)


def written_in(text: str, *, language: str) -> bool:
    """True when ``text`` (a page title, an FAQ question, a glossary term, a promoted
    search) reads as written in ``language`` ("en-gb", "pl", "ar"): Arabic by its letters;
    Polish when it has no Arabic letters and is not English (``typed_in_english``: "Pomoc w
    dojazdach" is Polish, "Travel policies" is not); English when it has neither Arabic nor
    Polish letters and its words are mostly English ("taxi late"; an acronym alone, "EHCP",
    counts), so "skarga" and "تاكسي" are not English. An acronym alone ("EHCP", "SEND") is
    written in Polish as much as in English."""
    base = (language or "en").split("-")[0]
    if base == "ar":
        return has_own_letters(text, language="ar")
    if has_own_letters(text, language="ar"):
        return False
    if base == "pl":
        return (not typed_in_english(text, language="pl")
                or not any(len(w) >= 2 for w in _LATIN_WORD.findall(text)))
    return typed_in_english(text, language="pl")


def is_english(text: str, *, language: str, untranslated: bool = False) -> bool:
    """True when ``text`` shown on a page in ``language`` (a language code such as "pl",
    "ar" or "en-gb") is English.

    ``untranslated`` says the page itself is the English page shown in another language (a
    wagtail-localize alias): everything it holds is English. Otherwise, in a language whose
    script has no Latin letters, text with Latin letters and none of that script is English.
    """
    if not language or language.split("-")[0] == "en":
        return False
    if untranslated:
        return True
    script = _NON_LATIN_SCRIPTS.get(language.split("-")[0])
    if script is None or not text:
        return False
    latin = native = False
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("LATIN"):
            latin = True
        elif name.startswith(script):
            native = True
            break
    return latin and not native


_BRACKETED = re.compile(r"\(([^()]+)\)")


def english_runs(text: str, *, language: str, untranslated: bool = False,
                 english_phrases: tuple[str, ...] = ()) -> list[tuple[str, bool]]:
    """``text`` (a glossary explanation shown on a page in ``language``) cut into runs,
    each with whether it is English. The whole text is one English run when it is English:
    ``untranslated`` (the English words left in a language copy), or by its letters in a
    language whose script has no Latin letters (``is_english``). Otherwise a bracketed run
    that is one of ``english_phrases`` (the English original's words, which a translation
    quotes: "Plan edukacji (Education, Health and Care plan)") or, in such a script, is in
    Latin letters alone, is an English run of its own; its brackets stay with the text
    around it. Never any English run on an English page. Shape: ``[(run, is_english)]``,
    the runs joined giving ``text``."""
    if not text:
        return []
    if not language or language.split("-")[0] == "en":
        return [(text, False)]
    if untranslated or is_english(text, language=language):
        return [(text, True)]
    known = {p.casefold().strip() for p in english_phrases if p.strip()}
    runs: list[tuple[str, bool]] = []
    at = 0
    for match in _BRACKETED.finditer(text):
        inner = match.group(1)
        if inner.casefold().strip() not in known and not is_english(inner, language=language):
            continue
        runs += [(text[at:match.start(1)], False), (inner, True)]
        at = match.end(1)
    runs.append((text[at:], False))
    return [(run, english) for run, english in runs if run]


_DIRECTIONS = {"ar": "rtl"}


def text_language(text: str) -> str | None:
    """The language ``text`` (a best answer's words, a typed search) is written in, judged
    by its letters alone, whatever page shows it: "ar" when it holds an Arabic letter; "pl"
    when it holds a Polish letter ("ą", "ł"...: "Nie jesteś zadowolony"); "en" when its
    words are mostly English dictionary words ("Transport not turned up?"). None when its
    letters cannot tell: no word to judge by (an acronym alone, "EHCP", or a number), or
    Latin words that are neither ("skarga", a misspelt "apeal")."""
    if not text:
        return None
    if has_own_letters(text, language="ar"):
        return "ar"
    if has_own_letters(text, language="pl"):
        return "pl"
    if not any(len(w) >= 2 for w in _LATIN_WORD.findall(text)):
        return None
    return "en" if mostly_english_words(text) else None


def marks_for(text: str, *, page_language: str) -> tuple[str, str] | None:
    """``(lang, dir)`` for ``text`` shown on a page in ``page_language`` ("en-gb", "pl",
    "ar") when it is written in another language (``text_language``): Polish on an Arabic
    page is ``("pl", "ltr")``, Arabic on an English or Polish page ``("ar", "rtl")``,
    English on a Polish or Arabic page ``("en", "ltr")`` (WCAG 3.1.2). None when it is in
    the page's language or cannot be told, except Latin words on an Arabic page, which are
    not Arabic whatever they are, and are marked English (``is_english``)."""
    written = text_language(text)
    page = (page_language or "en").split("-")[0]
    if written is None and is_english(text, language=page):
        written = "en"
    if written is None or written == page:
        return None
    return written, _DIRECTIONS.get(written, "ltr")


# A word as a search reads it, with an apostrophe or hyphen inside ("didn't", "e-mail").
_TYPED_WORD = re.compile(r"\w+(?:['’-]\w+)*")


# A word English and the Polish pages both have ("transport", "nie", "autobus" is not): its
# language is the one around it, or the page's.
_BOTH = "en|pl"


def _word_language(word: str, polish, *, both: bool = True, english_pages=None) -> str | None:
    """The language one typed word is written in; ``_BOTH`` for a Latin word the Polish
    pages hold (``polish(word)``) that is also an English dictionary word ("transport",
    "nie"); None when its letters and the dictionaries cannot tell (a number, an acronym, a
    short English word the Polish pages lack: "bus", "taxi"). With ``both`` False, an English
    dictionary word is not looked up in the Polish pages (it is then never ``_BOTH``). A word
    no dictionary knows that the Polish pages and the English pages both hold
    (``english_pages(word)``: an acronym, "EHCP", "SENCo", "PaCC") is ``_BOTH`` too, so
    typed on the English site it is English (r13k F5)."""
    if has_own_letters(word, language="ar"):
        return "ar"
    if has_own_letters(word, language="pl"):
        return "pl"
    if not _LATIN_WORD.fullmatch(word.replace("'", "").replace("’", "").replace("-", "")):
        return None
    english = word.lower() in english_words()
    held = polish is not None and (both or not english) and polish(word)
    if english:
        if held:
            return _BOTH
        # Short words are words of both ("nie", "na", "do", "bus" are in the dictionary).
        return "en" if len(word) >= 5 else None
    if held and english_pages is not None and english_pages(word):
        return _BOTH
    return "pl" if held else None


def typed_runs(text: str, *, polish=None, page: str = "",
               english_pages=None) -> list[tuple[str, str | None]]:
    """What a person typed (a search), cut into runs of one language each, in order: each
    ``(run, language)``, ``language`` "en", "pl", "ar" or None where nothing tells; the runs
    joined give ``text``. A word is Arabic by its letters, Polish by its own letters ("ł",
    "ó"...) or, typed without them, when ``polish(word)`` says the Polish pages hold it
    ("taksowka", "spozniona"); English when it is an English dictionary word of five letters
    or more the Polish pages do not hold. A word of both (the Polish pages hold it and it is
    an English word: "transport", "nie"; or ``english_pages(word)`` says the English pages
    hold it too: "EHCP", "SENCo") is of the language of the words around it, or, with
    none that tells, of ``page`` (the language of the site it was typed on, "pl", "en-gb",
    "ar") when it is one of the two: "transport nie" typed on the Polish site is Polish, on
    the English site English; elsewhere English when five letters or more. A word that cannot
    tell (a short word, a number, an acronym) goes with the run before it, or the one after;
    spaces and punctuation between two runs stay outside both, but leading and trailing
    punctuation ("?") go with the first and last run. "taxi الباص" is two runs; "taksowka
    spozniona" one, Polish; "apeal" one, None. On the Polish site (``page`` "pl", with
    ``english_pages``), an English dictionary word the English pages do not hold
    ("telefon"), a Latin word no English dictionary lists ("adres") and the dictionary's
    words beside it ("problem z taksowka") are Polish, the page's language; words the
    English pages hold, with nothing Polish beside them ("policy", "travel help"), stay
    English."""
    text = text or ""
    words = list(_TYPED_WORD.finditer(text))
    if not words:
        return [(text, None)] if text else []
    site = (page or "").split("-")[0]
    # A word of both languages matters on the Polish site, or beside a word English lacks
    # (which the Polish pages are asked about anyway): English words alone typed elsewhere
    # ask nothing of the Polish pages.
    both = site == "pl" or any(
        m.group(0).lower() not in english_words() and re.search("[A-Za-z]", m.group(0))
        for m in words)
    found = [_word_language(m.group(0), polish, both=both, english_pages=english_pages)
             for m in words]
    polish_site = site == "pl" and english_pages is not None
    if polish_site:
        # On the Polish site a word only the English dictionary claims ("telefon",
        # "problem", "email"), which the English pages do not use either, tells nothing:
        # Polish writes it too, so it takes the language around it, or the page's.
        found = [None if language == "en" and not english_pages(m.group(0)) else language
                 for m, language in zip(words, found, strict=True)]
        # A Latin word no English dictionary lists ("adres", "wniosku") is Polish there,
        # and then the dictionary's words beside it are too ("problem z taksowka").
        found = ["pl" if language is None and _LATIN_WORD.fullmatch(m.group(0))
                 and len(m.group(0)) >= 3 and not m.group(0).isupper()
                 and m.group(0).lower() not in english_words() else language
                 for m, language in zip(words, found, strict=True)]
        if "pl" in found:
            found = [None if language == "en" else language for language in found]
    either = [language == _BOTH for language in found]
    found = [None if language == _BOTH else language for language in found]
    if any(either) and not any(language in ("en", "pl") for language in found):
        # Nothing else typed tells English from Polish: the site's language decides, and
        # with neither, a long word is English, as before such words were known Polish.
        for n, match in enumerate(words):
            if either[n]:
                found[n] = site if site in ("en", "pl") else (
                    "en" if len(match.group(0)) >= 5 else None)
    latin = [bool(re.search("[A-Za-z]", m.group(0))) for m in words]
    known = [n for n, language in enumerate(found) if language]
    for n, language in enumerate(found):
        if language is not None:
            continue
        # A Latin word takes a Latin neighbour's language, never Arabic ("late الباص");
        # a number or a sign takes either neighbour's.
        near = [k for k in known if not latin[n] or found[k] != "ar"]
        before = [k for k in near if k < n]
        if near:
            found[n] = found[before[-1]] if before else found[near[0]]
        elif polish_site and latin[n]:
            found[n] = "pl"
    runs: list[list] = []  # [start, end, language]
    for match, language in zip(words, found, strict=True):
        if runs and runs[-1][2] == language:
            runs[-1][1] = match.end()
        else:
            runs.append([match.start(), match.end(), language])
    runs[0][0], runs[-1][1] = 0, len(text)
    out: list[tuple[str, str | None]] = []
    at = 0
    for start, end, language in runs:
        if start > at:
            out.append((text[at:start], None))
        out.append((text[start:end], language))
        at = end
    return out


def direction_of(language: str) -> str:
    """"rtl" for Arabic, "ltr" for the others."""
    return _DIRECTIONS.get((language or "").split("-")[0], "ltr")
