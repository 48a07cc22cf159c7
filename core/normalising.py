"""Words as people type them on a phone, folded to one form: the rule that what is indexed
and what is searched share.

Plain functions over plain strings (no Django, no Wagtail), below every app: the public
site's search (``portal.search_text``), the co-production engine's pages
(``charter.search``) and the page apps' indexes all fold words through here, so the
database's own full-text search (PostgreSQL's or SQLite's FTS5) only has to compare equal
words, on either database.

- Polish: diacritics folded (ą→a, ć→c, ę→e, ł→l, ń→n, ó→o, ś→s, ź/ż→z), then
  the Snowball Polish stemmer cuts the ending, so "odleglosci" and "odległości",
  "taksowka" and "taksówki", "przyjechal" and "przyjechała" meet (stemming first
  would cut "przyjechał" but not "przyjechal", as typed on a phone).
- Arabic: tashkeel and tatweel removed, alif forms (أ إ آ ٱ) → ا, ة → ه,
  ى → ي, ؤ → و, ئ → ي, the common prefixes (و ف, then ب ل ك, then ال) cut when
  at least three letters remain; a word in one of the common derived patterns of a
  three-letter root (the verbal nouns تفعّل, تفعيل, تفاعل, افتعال, انفعال, استفعال,
  مفاعلة and the participle متفعّل, with a plural ات or ة cut first) is folded to its root,
  so "النقل", "التنقل", "التنقلات" and "انتقال" meet (``arabic_root``); any other word
  goes through the Snowball Arabic light stemmer.
- English (and any other Latin-script word): accents folded, Snowball English
  stemmer, so "turned" finds "turn" on SQLite too.
- English negations as typed on a phone ("didn't", "didnt", "hasnt") become "not", so
  "my taxi didnt come" and "taxi did not come" meet.
- Promoted searches: an officer's phrase matches a search that contains all its words, in
  any order and form ("taxi late" matches "my taxi is late again").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_POLISH = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
# Harakat, tanwin, shadda, sukun, superscript alif and Quranic marks; tatweel. Public: the
# search page drops them from what it hands the backend (``portal.search_text``).
TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
})
# A letter of the Arabic block, and a word: public, as the search page's rules read words
# the way this module does.
ARABIC = re.compile("[\u0600-\u06ff]")
WORD = re.compile(r"\w+")
# "didn't", "didnt", "hasn’t", "didn t": the negation as its own word, however the apostrophe
# is typed (straight, curly, a backtick or an accent from a phone keyboard, a space, or none).
_APOSTROPHE = "['’‘`´ʼ]|\\s"
# Misplaced or mistyped as often on a phone: "did'nt", "has'nt", "didn;t" (";" sits next to
# "'" on many phone keyboards), "didint".
_NEGATION = re.compile(
    r"\b(did|does|do|has|have|had|is|was|are|were|could|would|should|must|need)"
    rf"(?:n(?:{_APOSTROPHE}|;)?t|(?:{_APOSTROPHE})nt|int)\b",
    re.IGNORECASE)
# "dint": "didn't" with two letters left out, as said and typed.
_DINT = re.compile(r"\bdint\b", re.IGNORECASE)
# The three that change the word before "not": "won't"/"wont", "can't"/"cant", "ain't"/"aint".
_IRREGULAR_NEGATION = re.compile(rf"\b(won|can|ain)(?:{_APOSTROPHE})?t\b", re.IGNORECASE)
_IRREGULAR = {"won": "will", "can": "can", "ain": ""}
_MIN_STEM = 3
_STEMMERS = {"pl": "polish", "ar": "arabic", "en": "english"}


def language_of(code: str) -> str:
    """Two-letter language of a locale code ("en-gb" → "en"); unknown codes count as English."""
    code = (code or "en").lower().split("-")[0]
    return code if code in _STEMMERS else "en"


@lru_cache(maxsize=4)
def _stemmer(language: str):
    return snowballstemmer.stemmer(_STEMMERS[language])


def fold_polish(text: str) -> str:
    """Polish letters without diacritics, and any other Latin accent dropped."""
    text = text.translate(_POLISH)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) or ARABIC.match(c))


# Arabic presentation forms (Unicode's contextual shapes and ligatures: "ﺍﻟﺤﺎﻓﻠﺔ" as copied
# from some PDFs), which NFKC turns into the ordinary letters they draw.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]+")


def normalise_arabic_letters(text: str) -> str:
    """Arabic without tashkeel or tatweel, with one form of alif, ha, ya and waw, and
    presentation forms as the ordinary letters (NFKC: "ﺍﻟﺤﺎﻓﻠﺔ" is "الحافلة", the ligature
    "ﻻ" is "لا")."""
    text = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    return TASHKEEL.sub("", text).translate(_ARABIC_LETTERS)


def strip_arabic_prefixes(word: str) -> str:
    """Cut the conjunction (و ف), then a preposition (ب ل ك), then the article ال.

    Each cut is made only when at least three letters remain, so short words
    that merely start with these letters are kept.
    """
    for prefixes in (("و", "ف"), ("ب", "ل", "ك")):
        if word[:1] in prefixes and len(word) - 1 >= _MIN_STEM:
            word = word[1:]
    if word.startswith("ال") and len(word) - 2 >= _MIN_STEM:
        word = word[2:]
    elif word.startswith("ل") and len(word) - 1 >= _MIN_STEM:
        # "للمدرسة": li + al, written with one lam.
        word = word[1:]
    return word


# Derived forms of a three-letter root, written with its letters ف ع ل (Form V, II, VI,
# VIII, VII and X verbal nouns; Form III's مفاعلة once its ة is cut; Form V's participle).
# The first that fits decides: "انتقال" is افتعال (root نقل), not انفعال; "متأخر" is متفعّل
# (root أخر, left alone: see ``arabic_root``), not مفاعل.
_ARABIC_PATTERNS = ("استفعال", "افتعال", "انفعال", "تفعيل", "تفاعل", "متفعل", "مفاعل", "تفعل")
_ROOT_LETTERS = "فعل"
# Endings cut before a pattern is looked for: the plural ات and ta marbuta (as ه).
_ARABIC_ENDINGS = ("ات", "ه")


def arabic_root(word: str) -> str:
    """The three-letter root of ``word`` (normalised, its prefixes cut) when it is one of the
    common derived patterns (``_ARABIC_PATTERNS``: "تنقل" → "نقل", "انتقال" → "نقل",
    "تسجيل" → "سجل", "مواصلات" → "وصل"), else "". A root that starts with alif is left
    alone: once hamza forms are folded it would meet unrelated words ("تأخر", delay, would
    meet "آخر", last)."""
    candidates = [word] + [word[: -len(end)] for end in _ARABIC_ENDINGS
                           if word.endswith(end) and len(word) - len(end) >= 4]
    for candidate in candidates:
        for pattern in _ARABIC_PATTERNS:
            if len(candidate) != len(pattern):
                continue
            root = "".join(c for c, p in zip(candidate, pattern, strict=True)
                           if p in _ROOT_LETTERS)
            fixed = all(c == p for c, p in zip(candidate, pattern, strict=True)
                        if p not in _ROOT_LETTERS)
            if fixed:
                return "" if root.startswith("ا") else root
    return ""


# Broken plurals (the plural made inside the word, not by an ending) of the words the site's
# Arabic pages use and families type, each with its singular: "الشكاوى" finds "الشكوى",
# "المدارس" finds "المدرسة". Written as people write them; looked up once the letters are
# normalised and the prefixes cut (``_BROKEN_PLURALS``). Sound plurals (طلبات, سيارات,
# حافلات) are left to the stemmer, which cuts their ending.
BROKEN_PLURALS = {
    "شكاوى": "شكوى", "شكاوي": "شكوى", "مدارس": "مدرسة", "أطفال": "طفل", "أولاد": "ولد",
    "أسئلة": "سؤال", "أسابيع": "أسبوع", "أسباب": "سبب", "أقساط": "قسط", "أميال": "ميل",
    "أنواع": "نوع", "أولياء": "ولي", "أعمار": "عمر", "رسائل": "رسالة", "رسوم": "رسم",
    "قواعد": "قاعدة", "نوادي": "نادي", "شباب": "شاب", "ظروف": "ظرف", "نصائح": "نصيحة",
    "دروس": "درس", "تذاكر": "تذكرة", "مشاكل": "مشكلة", "مواعيد": "موعد", "طرق": "طريق",
    "أيام": "يوم", "شهور": "شهر", "أشهر": "شهر", "مناطق": "منطقة", "أرقام": "رقم",
    "نماذج": "نموذج", "مراحل": "مرحلة", "مقاعد": "مقعد", "أسر": "أسرة", "دقائق": "دقيقة",
    "قوانين": "قانون", "أماكن": "مكان", "خطط": "خطة", "أوليا": "ولي",
    "سواق": "سائق", "قرارات": "قرار", "مرافقين": "مرافق", "منسقين": "منسق",
}
# ذ typed as ز and ظ as ض, as many people say and so type them ("تزكرة" for "تذكرة"): both
# folded to one letter, on what is indexed and on what is searched. Checked against the
# site's own Arabic words (tests/portal/test_search_text.py): no two of them meet that did
# not before.
_ARABIC_CONFUSIONS = str.maketrans({"ذ": "ز", "ظ": "ض"})


def _normalised_plurals() -> dict[str, str]:
    out = {}
    for plural, singular in BROKEN_PLURALS.items():
        out[normalise_arabic_letters(plural).translate(_ARABIC_CONFUSIONS)] = (
            normalise_arabic_letters(singular).translate(_ARABIC_CONFUSIONS))
    return out


_BROKEN_PLURALS = _normalised_plurals()


# Everyday words families type, each with the word the site's pages use for it: folded to
# that word on what is indexed and on what is searched, so "الباص" (the bus, as it is said)
# finds the pages saying "الحافلة", "الطعن" (appeal, the search page's own example) those
# saying "الاستئناف", and "kosztuje" (costs, the verb) "Koszty". One word for one word: a
# phrase ("تاكسي" for "سيارة أجرة") is left to officers' promoted searches, as a word of it
# alone ("أجرة", fare) would be found too. Arabic words are keyed as ``normalise_word``
# sees them (letters normalised, prefixes cut); Polish words folded, lower case.
SYNONYMS = {
    "ar": {"باص": "حافلة", "باصات": "حافلة", "اوتوبيس": "حافلة", "أتوبيس": "حافلة",
           "اتوبيس": "حافلة", "طعن": "استئناف", "طعون": "استئناف",
           # "كم يكلف" (how much does it cost), "التكاليف" (the costs: the FAQ's topic).
           "يكلف": "تكلفة", "تكلف": "تكلفة", "يكلفني": "تكلفة", "تكلفني": "تكلفة",
           "تكاليف": "تكلفة", "كلفة": "تكلفة"},
    "pl": {"kosztuje": "koszty", "kosztuja": "koszty", "kosztowac": "koszty",
           "kosztow": "koszty", "kosztowal": "koszty", "kosztowalo": "koszty"},
}


def _arabic_key(word: str) -> str:
    return strip_arabic_prefixes(normalise_arabic_letters(word)).translate(_ARABIC_CONFUSIONS)


# Keyed as typed too: "باصات" would lose its first letter as the preposition ب.
_ARABIC_SYNONYMS = {key: v for k, v in SYNONYMS["ar"].items()
                    for key in (_arabic_key(k), normalise_arabic_letters(k))}


# Synonyms matched only as typed, with their article: "الباس" (the bus, as many say it) is
# "الحافلة", but "باس" alone is also "بأس" with its hamza dropped ("لا بأس", no harm).
_ARABIC_WHOLE_SYNONYMS = {normalise_arabic_letters(f"{prefix}{word}"): meaning
                          for word, meaning in (("الباس", "حافلة"),)
                          for prefix in ("", "و", "ب", "ف", "ل")}
_ARABIC_WHOLE_SYNONYMS[normalise_arabic_letters("للباس")] = "حافلة"


@lru_cache(maxsize=65536)
def normalise_word(word: str, language: str) -> str:
    """One word in its folded, stemmed form (lower case).

    Cached: the Snowball stemmers are pure Python, and indexing a page normalises the same
    everyday words over and over (about 80,000 calls to load the demo, most of them repeats).
    """
    word = word.lower()
    if ARABIC.search(word):
        if (whole := normalise_arabic_letters(word)) in _ARABIC_WHOLE_SYNONYMS:
            return normalise_word(_ARABIC_WHOLE_SYNONYMS[whole], language)
        word = strip_arabic_prefixes(normalise_arabic_letters(word))
        word = word.translate(_ARABIC_CONFUSIONS)
        if word in _ARABIC_SYNONYMS:
            return normalise_word(_ARABIC_SYNONYMS[word], language)
        word = _BROKEN_PLURALS.get(word, word)
        if root := arabic_root(word):
            return root
        if word.endswith("ات") and len(word) - 2 >= _MIN_STEM:
            # The sound feminine plural: "سيارات" and "سيارة" meet ("طلبات" and "طلب").
            # The stemmer alone cuts it unevenly ("سيارات" to "يارا").
            word = word[:-2]
        return (_stemmer("ar").stemWord(word) if len(word) > _MIN_STEM else word).lower()
    if language == "pl":
        # Folded first, so a word typed without its diacritics meets the same stem:
        # the stemmer cuts "przyjechał" to "przyjech" but leaves "przyjechal" whole.
        word = fold_polish(word)
        if word in SYNONYMS["pl"]:
            return normalise_word(SYNONYMS["pl"][word], language)
    if len(word) > _MIN_STEM:
        # Short words ("się", "bus") are left whole: stemmers cut them inconsistently.
        word = _stemmer("pl" if language == "pl" else "en").stemWord(word)
    # Lower case again at the end: folding and stemming may turn a letter such as
    # MATHEMATICAL DOUBLE-STRUCK A into a plain capital.
    return fold_polish(word).lower()


def _negations_spelt_out(text: str) -> str:
    """``text`` with Arabic letters normalised and each English negation typed on a phone
    written out ("didnt" → "did not", "cant" → "can not")."""
    text = normalise_arabic_letters(text or "")
    text = _NEGATION.sub(r"\1 not", text)
    text = _DINT.sub("did not", text)
    return _IRREGULAR_NEGATION.sub(lambda m: f"{_IRREGULAR[m.group(1).lower()]} not", text)


def search_words(text: str, language: str = "en") -> list[str]:
    """The normalised words of ``text``, in order (``language`` is a locale code)."""
    language = language_of(language)
    return [normalise_word(w, language) for w in WORD.findall(_negations_spelt_out(text))]


def typed_words(text: str) -> list[str]:
    """The words of ``text`` as typed, in order, only evened out: lower case, Polish
    diacritics and Latin accents dropped, Arabic letters normalised (``normalise_arabic_letters``),
    English negations written out ("didn't" → "did", "not"). Never stemmed nor synonyms
    swapped, so "odwołany" (cancelled) and "odwołanie" (appeal), or "stop" and "stopped",
    stay apart: what a phrase that depends on its exact words is matched against."""
    return [fold_polish(w).lower() for w in WORD.findall(_negations_spelt_out(text))]


def matching_phrases(query: str, phrases: list[str], language: str = "en") -> list[int]:
    """The positions in ``phrases`` (officers' promoted searches, each a word or a few) whose
    normalised words all occur in ``query``'s, most words first (the more specific phrase
    first), then in the order given. ``language`` is the reader's locale code.

    "taxi late" and "late" both match "my taxi is late"; "taxi late" comes first.
    """
    wanted = set(search_words(query, language))
    if not wanted:
        return []
    found = []
    for position, phrase in enumerate(phrases):
        words = set(search_words(phrase, language))
        if words and words <= wanted:
            found.append((-len(words), position))
    return [position for _, position in sorted(found)]


def normalise(text: str, language: str = "en") -> str:
    """``text`` as the index holds it: normalised words joined by spaces."""
    return " ".join(search_words(text, language))


def query_words(query: str, language: str = "en") -> str:
    """What to send to the search backend: the words as typed, then each normalised form
    not already among them (so exact words still rank, and folded ones still match)."""
    typed = WORD.findall(normalise_arabic_letters(query or ""))
    seen: dict[str, None] = {w.lower(): None for w in typed}
    for word in search_words(query, language):
        seen.setdefault(word)
    return " ".join(seen)


# Characters that show nothing but split a word for a computer: the soft hyphen, the
# zero-width space, non-joiner and joiner, the word joiner and the byte order mark (a
# zero-width no-break space). Pasted from a phone or a word processor, "re\u00adspite" reads
# as "respite".
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff"
                      # The combining grapheme joiner, the invisible separator, the Mongolian
                      # vowel separator and the variation selectors (an emoji's U+FE0F).
                      "\u034f\u2063\u180e" + "".join(map(chr, range(0xFE00, 0xFE10))))


# Marks that set the direction of the text around them and show nothing: the left-to-right
# and right-to-left marks, the Arabic letter mark, and the embedding, override and isolate
# controls. Phones put them into Arabic text, so "محمد\u200f أحمد" is the name removed.
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                            "\u2066\u2067\u2068\u2069")
#: Invisible characters that may be the only break between two words ("Jan\u200bZieliński",
#: "محمد\u200cأحمد", "Jan\u200eZieliński") as well as stand inside one: read both ways by
#: ``folded_with_positions``'s ``breaks``.
BREAKS = frozenset("\u200b\u200c\u200e\u200f\u061c\u2063\u180e")
# Apostrophes and dashes as typed on phones and pasted from word processors, as the plain
# ones: "O’Brien" is "O'Brien", "Anna–Maria" (en dash) or "Anna\u2011Maria" (non-breaking
# hyphen) "Anna-Maria". Before NFKC, which would split the acute accent "´" into a space.
_PUNCTUATION = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02b9": "'", "`": "'", "\u00b4": "'",
    "\u2032": "'", "\uff07": "'",
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58"
                    "\ufe63\uff0d", "-")})
# Letters a Persian or Urdu keyboard types for the Arabic ones that look the same: kaf,
# yeh (with and without dots) and heh goal. "کریم" typed on such a keyboard is "كريم".
_KEYBOARD_LETTERS = str.maketrans({"\u06a9": "\u0643", "\u06cc": "\u064a",
                                   "\u06d2": "\u064a", "\u06c1": "\u0647"})


@lru_cache(maxsize=4096)
def _folded_char(char: str) -> str:
    if (char in INVISIBLE or char in DIRECTION_MARKS or char == "\u0640"
            or unicodedata.combining(char)):
        return ""
    char = char.translate(_KEYBOARD_LETTERS).translate(_PUNCTUATION)
    # NFKC first (full-width "ｒ" → "r", the ligature "ﬁ" → "fi"), then the search's own
    # folds: Polish and other Latin diacritics, Arabic alif, ha, ya and waw forms; lower case.
    # The keyboard letters again after NFKC: a presentation form ("ﯾ" U+FBFE, "ﮐ" U+FB90)
    # becomes the Persian letter, not the Arabic one.
    char = unicodedata.normalize("NFKC", char).translate(_KEYBOARD_LETTERS)
    return normalise_arabic_letters(fold_polish(char)).casefold()


def folded_with_positions(text: str, *, breaks: bool = False) -> tuple[str, list[int]]:
    """``text`` as removed words are matched against it, and where each of its characters
    came from: (the folded text, for each of its characters the index in ``text`` of the
    character it was folded from).

    Folded character by character as the site's search reads words (``fold_polish``,
    ``normalise_arabic_letters``) after NFKC (full-width letters and ligatures become
    plain ones), in lower case (``str.casefold``); tashkeel, tatweel, any other combining
    mark, the ``INVISIBLE`` characters (soft hyphen, zero-width spaces and joiners,
    U+FEFF) and the ``DIRECTION_MARKS`` are dropped; Persian-keyboard kaf and yeh are the
    Arabic letters. "Jan Zieliński", "jan zielinski", "JAN ZIELIN\u0301SKI" and
    "Jan Zieli\u00adński" fold alike; so do "مُحَمَّد أَحْمَد" and "محمد احمد". Never stemmed: a word
    matched is the word removed, in any spelling, not its family. A match found in the
    folded text from ``i`` to ``j`` is the span ``positions[i]`` to ``positions[j - 1] + 1``
    of ``text``.

    With ``breaks``, a zero-width space, a zero-width non-joiner, a direction mark or
    another of ``BREAKS`` is read as a space instead (the only break between two words:
    "Jan\u200bZieliński", "محمد\u200cأحمد" are two words); callers look both ways, as such a
    character may also stand inside one word ("re\u200bspite", "می\u200cخواهم").
    Curly apostrophes and other dashes fold to the plain ones ("O’Brien" is "o'brien")."""
    out: list[str] = []
    positions: list[int] = []
    for at, char in enumerate(text):
        folded = " " if breaks and char in BREAKS else _folded_char(char)
        out.append(folded)
        positions.extend([at] * len(folded))
    return "".join(out), positions


def fold_for_matching(text: str) -> str:
    """``text`` folded as ``folded_with_positions`` folds it (the text alone)."""
    return folded_with_positions(text)[0]
