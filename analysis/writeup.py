"""Plain rules for the write-up of written answers: taking personal details out of a quote,
keeping spreadsheet cells inert, and the "What people told us" draft in plain words.

Standard library and the site's plain word rules (``core.normalising``) only, plain values
in and out (tested without a database).

- **Redaction**: each removed phrase is replaced, wherever it occurs and whatever its case,
  by ``REMOVED``; the answer itself is kept as written elsewhere. An officer's chosen
  personal details are taken out of the write-up's own words the same way, as whole words
  (``remove_phrases``).
- **CSV cells**: a cell a spreadsheet would read as a formula (its first character that is not
  white space, a no-break space, a tab or a line break is ``=``, ``+``, ``-`` or ``@``, or their
  full-width forms; or it begins with a tab or a carriage return) is prefixed with an
  apostrophe (OWASP's advice on CSV injection), so typed words are shown, never run: an
  importer that trims cells (a spreadsheet's "trim white space", a data tool's round trip)
  would otherwise find the formula at the start.
- **The draft**: one finding per theme with a shown, non-zero count, most raised first,
  with its count, its base and its share in whole per cent, and up to ``quotes`` quotes
  (only those the caller may show: consent given, personal details removed). A hidden
  count is never written as a number, and every hidden count is written the same way,
  ``HELD_BACK`` with the rule (``HELD_BACK_WHY``), whether it is itself under the minimum
  or hidden so that a smaller one cannot be worked out: the tables label both "held back",
  and words telling them apart ("fewer than 10" beside "not given") would give back what
  the tables hide (``analysis.counting``). A theme no one raised is left out.
- **Withdrawn quotes**: a write-up the forum agreed keeps its words, but a quote in it whose
  answer may no longer be quoted (set to "Do not publish", words removed, consent gone) is
  taken out wherever it is shown (``withdraw_quotes``), without a new round: in any
  quotation marks, and a line of such an answer's words pasted without them. Words the
  council itself wrote (the question as asked, a theme's name) are never a respondent's,
  whoever repeated them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from core.normalising import ARABIC, BREAKS, INVISIBLE, fold_for_matching, folded_with_positions

REMOVED = "[personal details removed]"
#: How the draft names a hidden count: the one label of every table ("held back").
HELD_BACK = "held back"
#: Why, in the draft's words (``minimum`` filled in).
HELD_BACK_WHY = ("We give no number under {minimum}, or one from which such a number could be "
                 "worked out, so that nobody can be recognised.")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A cell that a trimming importer would read as a formula: after any white space (spaces,
#: no-break spaces, tabs, line breaks: ``\s`` in Unicode), one of ``=+-@`` or their full-width
#: forms.
_FORMULA = re.compile(r"^[\s\u200b\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]")


def redact(text: str, phrases: Iterable[str]) -> str:
    """``text`` with every phrase of ``phrases`` replaced by ``REMOVED``, as
    ``remove_phrases`` finds it: as whole words (removing "Ali" leaves "quality", "Jan"
    leaves "January" and "Adam" "Adamson"), in any spelling the matching knows, with its
    endings and joins. Longer phrases first, so a name inside a longer removed phrase goes
    with it. Blank phrases are ignored. A phrase found no such way (a removal kept from
    before, part of a word: "Kowal" of "Kowalski") takes the whole words holding it."""
    phrases = {p.strip() for p in phrases if p.strip()}
    if not phrases:
        return text
    # A removal kept from before quotes were matched as whole words may be part of a word
    # ("Kowal" of "Kowalski"): where it is found no other way, the words holding it go, so
    # nothing once removed shows again (new removals are only taken as whole words).
    partial = [p for p in phrases if not remove_phrases(text, [p], answer=True)[1]]
    text = remove_phrases(text, phrases, answer=True)[0]
    for phrase in sorted(partial, key=len, reverse=True):
        pieces = text.split(REMOVED)
        text = REMOVED.join(_words_holding(piece, phrase) for piece in pieces)
    return text


def _in_word(char: str) -> bool:
    """Whether ``char`` is part of the word it stands in: a letter, digit or "_", a
    combining mark, or an invisible character that is no break between words (a soft
    hyphen, a joiner: ``INVISIBLE`` but not ``BREAKS``)."""
    return (char.isalnum() or char == "_" or bool(unicodedata.combining(char))
            or (char in INVISIBLE and char not in BREAKS))


def _words_holding(text: str, phrase: str) -> str:
    """``text`` with each run of whole words holding ``phrase`` (folded, as
    ``remove_phrases`` reads both; found at a word's start, ending inside a word) replaced
    by ``REMOVED``."""
    words = fold_for_matching(phrase).split()
    if not words:
        return text
    # From a word's start only: a removal kept from before is a word's beginning ("Kowal"
    # of "Kowalski"), and "ola" inside "szkoła" is no name (review r15p, F4).
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words))
    folded, positions = folded_with_positions(text)
    spans = []
    for m in pattern.finditer(folded):
        start, end = positions[m.start()], positions[m.end() - 1] + 1
        # The whole word, also across a soft hyphen or a joiner inside it ("Ali\u00adce"),
        # never across a break between words (a zero-width space).
        while start > 0 and _in_word(text[start - 1]):
            start -= 1
        while end < len(text) and _in_word(text[end]):
            end += 1
        spans.append((start, end))
    for start, end in reversed(_merged(spans)):
        text = text[:start] + REMOVED + text[end:]
    return text


#: Dashes read as a space between removed words ("Jan-Zieliński" is "Jan Zieliński"), as
#: folded (NFKC makes the full-width and small hyphen-minus "-").
_DASHES = "\\-\u2010-\u2015\u2212\u2e3a\u2e3b"
_BETWEEN = f"[\\s{_DASHES}]+"
#: The fewest letters of a removed word whose endings go with it; shorter words ("Jan",
#: "Ann", "Adam") only as written or with a possessive "'s", so "Annual", "Anne" and
#: "Adamson" stay; but a short Polish name takes its own case endings written with a
#: capital ("Anna": "Anny", "Annie", "Annę"; "Jan": "Jana", "Janie"; ``_short_name_forms``).
INFLECTED_FROM = 5
#: Letters of an ending after a removed word's stem: Polish case endings ("-iego", "-iej",
#: "-ami"), English plurals ("-s", "-es"); "Łukaszewicz" (five more) is another name. An
#: ending starts with a vowel or is the plural "s": "Jaydenson" is another name too.
ENDING_LETTERS = 4
_ENDING = f"(?:[aeiouy][^\\W\\d_]{{0,{ENDING_LETTERS - 1}}}|s)?"
_VOWELS = "aeiouy"
_POSSESSIVE = "(?:['\u2019]s)?"
#: Polish stems that change in other forms (as folded: "ł" reads "l"). A surname's stem
#: ending "-sk", "-ck" or "-dzk" ("Kowalski", "Nowicka") has the family's plural with "c"
#: ("Kowalscy", "Nowiccy", "Zawadzcy"): ``_PLURAL_FAMILY``. A name ending "-ek" or "-eł"
#: after a consonant loses its mobile "e" before an ending ("Marek", "Markiem"; "Paweł",
#: "Pawła"; "Tomek", "Tomka"; "Jacek", "Jacka"): only the case endings below follow, so
#: "Markus" and "Marks" stay.
_PLURAL_FAMILY = re.compile(r"(?:s|c|dz)k$")
_MOBILE_E = re.compile(r"[^aeiouy]e[klc]$")
_MOBILE_E_ENDINGS = "(?:a|u|owi|iem|em|e|owie|ow|om|ami|ach)"
#: The consonants of a Polish stem that change before the "-e" of the dative and locative
#: (as folded: "ś" reads "s"), longest first: "Agnieszka", "Agnieszce"; "Olga", "Oldze";
#: "Marta", "Marcie"; "Magda", "Magdzie"; "Barbara", "Barbarze"; "Krysta", "Kryście". A
#: name ending in a consonant changes the same way before "-e" (the locative: "Piotr",
#: "Piotrze"; "Robert", "Robercie"; "Dawid", "Dawidzie"; "August", "Auguście"), but not
#: "k" and "g", whose locative is "-u" ("Franku").
_ALTERNATIONS = (("st", "sci"), ("k", "c"), ("g", "dz"), ("t", "ci"), ("d", "dzi"),
                 ("r", "rz"))
_ALTERNATING = tuple(plain for plain, _changed in _ALTERNATIONS)
_ALTERNATING_AFTER_CONSONANT = ("st", "t", "d", "r")
#: The case endings of a short Polish name ending "-a" ("Anna": "Anny", "Annie", "Annę";
#: "Ola": "Oli", "Olę"; "Ewa": "Ewy", "Ewie", "Ewę"), after its stem (the name without the
#: "a"), as folded ("ę" reads "e"); the instrumental "-ą" reads as the name itself. Only
#: after a capital (``_CAPITAL``): "Anna" never takes "annual", "Ewa" never "ewaluacja".
_SHORT_ENDINGS = "(?:y|i|ie|e)"
#: The case endings of a short Polish name ending "-ja" after a vowel, which loses its "j"
#: before "-i" ("Maja": "Mai", "Maję"; "Zoja": "Zoi"; "Kaja": "Kai"), after the stem without
#: the "j"; "Maji", written as often as it is wrong, goes too. "Mają" reads as the name.
_SHORT_J_ENDINGS = "(?:i|ji|je)"
#: The singular case endings of a short Polish name ending in a consonant (genitive and
#: accusative, dative, instrumental: "Jan": "Jana", "Janowi", "Janem"; "Adam": "Adama"),
#: with the locative after it: "-ie" after most consonants ("Janie", "Adamie"), the
#: alternated "-e" after "t", "d", "r" and "st" ("Igor": "Igorze"; ``_ALTERNATIONS``), "-u"
#: after "k", "g", "ch" and the soft "l", "j", "c", "sz", "cz" ("Eryk": "Eryku", "Erykiem";
#: "Emil": "Emilu"). A name ending "-ek", "-el" or "-ec" loses its mobile "e" instead
#: ("Olek": "Olka", "Olkiem"; ``_MOBILE_E``). A name ending in a double letter ("Ann",
#: "Bill") is left as written: its endings make other names ("Anna", "Annie").
_CONSONANT_ENDINGS = "(?:a|owi|em)"
_VELAR_ENDINGS = "(?:a|owi|iem|u)"
_ENDS_VELAR = ("k", "g")
_ENDS_SOFT = ("ch", "l", "j", "c", "sz", "cz")
#: The names of the empty groups a name's changed form opens with: the match counts only
#: when the word there is written with a capital (``_replace_folded``), so "Marek" never
#: takes "marka" (a brand), "Jan" never "jana". A short name's other cases
#: (``_CAPITAL``) also not as a sentence's first word, which has a capital whatever it is
#: ("Ale autobus" for "Ala"); a long name's stem changed by its mobile "e" or an
#: alternation (``_CAPITAL_ANYWHERE``: "Markiem", "Piotrze") counts there too, being no
#: common word but for a few ("Marka").
_CAPITAL = "capital"
_CAPITAL_ANYWHERE = "upper"
#: The Arabic letters after which the accusative's alif is not written ("محمد", "محمدًا" and
#: "محمدا"; not after "ة", "ه", "ا", "ى" or "ء"), as folded ("ة" reads "ه", the hamza forms
#: of alif "ا", "ى" "ي").
_NO_ACCUSATIVE_ALIF = "\u0627\u0629\u0647\u0649\u0621"
_ARABIC_ACCUSATIVE = "\u0627?"


#: The one-letter Arabic prefixes written joined to the next word: the conjunctions و and ف,
#: then the prepositions ب, ل and ك ("ومحمد", "لمحمد", "بمحمد"); and, before a word that
#: has the article, the article after them or "ل" for it ("والشمري", "للشمري").
_ARABIC_PREFIX = "(?:[\u0648\u0641]?[\u0628\u0644\u0643]?)"
_ARABIC_ARTICLE_PREFIX = "(?:[\u0648\u0641]?[\u0628\u0644\u0643]?\u0627|[\u0648\u0641]?\u0644)"


def _arabic_prefixed(word: str, pattern: str) -> str:
    """``pattern`` (of the Arabic ``word``, folded) with the prefixes ``_ARABIC_PREFIX``
    allowed before it."""
    if word.startswith("\u0627\u0644") and len(word) > 2:
        # "الشمري": "والشمري", "بالشمري", "للشمري" (li + al, one lam written).
        return _ARABIC_ARTICLE_PREFIX + re.escape(word[1:]) + pattern[len(re.escape(word)):]
    return _ARABIC_PREFIX + pattern


def _alternated(stem: str, endings: Sequence[str]) -> str | None:
    """``stem`` with its last consonants changed as ``_ALTERNATIONS`` changes them before
    "-e" (of those named in ``endings``), then "e"; None when it ends in none of them."""
    for plain, changed in _ALTERNATIONS:
        if plain in endings and stem.endswith(plain) and len(stem) > len(plain):
            return stem[:-len(plain)] + changed + "e"
    return None


_capitals = iter(range(1 << 62))


def _with_capital(forms: Sequence[str], capital: str | None) -> str:
    """``forms`` (patterns) as one group that opens, unless ``capital`` is None, with an
    empty group named ``capital`` (``_CAPITAL`` or ``_CAPITAL_ANYWHERE``) and a number
    (unique): only a word written with a capital counts there (``_capital_where_asked``)."""
    group = "(?:" + "|".join(forms) + ")"
    return f"(?P<{capital}{next(_capitals)}>){group}" if capital else group


def _short_name_forms(word: str) -> list[str]:
    """The patterns of a short Polish name's other cases (``word`` folded, Latin letters,
    under ``INFLECTED_FROM`` letters, three or more): a name ending "-a" with
    ``_SHORT_ENDINGS`` ("Anny", "Annie", "Annę", "Oldze", "Ani" for "Ania") or
    ``_SHORT_J_ENDINGS`` ("Mai", "Maję"); a name ending in a consonant with
    ``_CONSONANT_ENDINGS`` and its locative ("Jana", "Janowi", "Janem", "Janie"; "Igorze";
    "Eryku"), or its mobile "e" lost ("Olka"). Empty for any other word ("Ann", "Ivo",
    "Maya")."""
    if not (3 <= len(word) < INFLECTED_FROM and word.isascii() and word.isalpha()):
        return []
    if word.endswith("a") and word[-2] not in _VOWELS.replace("i", ""):
        stem = word[:-1]
        if stem.endswith("j") and stem[-2] in _VOWELS:
            return [re.escape(stem[:-1]) + _SHORT_J_ENDINGS]  # "mai", "maje"
        forms = [re.escape(stem) + _SHORT_ENDINGS]
        if stem.endswith("i"):
            forms.append(re.escape(stem))  # "Ani", "Kasi": the genitive is the stem
        alternated = _alternated(stem, _ALTERNATING)
        if alternated and not _PLURAL_FAMILY.search(stem):
            forms.append(re.escape(alternated))  # "oldze"
        return forms
    if word[-1] in _VOWELS or word[-1] == word[-2]:
        return []
    if _MOBILE_E.search(word):
        return [re.escape(word[:-2] + word[-1]) + _MOBILE_E_ENDINGS]  # "olka", "olkiem"
    if word.endswith(_ENDS_VELAR):
        return [re.escape(word) + _VELAR_ENDINGS]  # "eryka", "erykiem", "eryku"
    if word.endswith(_ENDS_SOFT):
        return [re.escape(word) + _CONSONANT_ENDINGS, re.escape(word) + "u"]  # "emilu"
    locative = _alternated(word, _ALTERNATING_AFTER_CONSONANT) or word + "ie"
    return [re.escape(word) + _CONSONANT_ENDINGS, re.escape(locative)]  # "janie", "igorze"


#: Polish case endings an officer may have typed a name with, copying it from an answer
#: ("Agnieszce", "Zielińskiego", "Markiem"), longest first, as folded: the name's stem is
#: what is left (``_typed_bases``).
_TYPED_ENDINGS = ("iego", "iemu", "ego", "emu", "iej", "ich", "ych", "imi", "ymi", "ej",
                  "owi", "iem", "em", "ami", "ach", "om", "ow", "im", "ym", "e", "y", "i",
                  "u", "a", "o")


def _typed_bases(word: str) -> list[str]:
    """The stems of the name ``word`` (folded, five letters or more) may be a case of, so
    that the name goes in its other forms too, its own first: "agnieszce" gives "agnieszk"
    ("Agnieszka", "Agnieszki"), "zielinskiego" "zielinsk" ("Zieliński"), "piotrze" "piotr",
    "markiem" "mark" and "marek" ("Marek", "Marka"). Each stem keeps four letters or more;
    an alternation before "-e" is undone (``_ALTERNATIONS``: "c" to "k", "rz" to "r") and a
    mobile "e" put back; each stem's own changed forms follow ("agnieszce" for a typed
    "Agnieszkę", "zielinscy" for "Zielińskim"). [] when ``word`` ends in none of
    ``_TYPED_ENDINGS`` (a name typed as it is)."""
    bases = []
    for ending in _TYPED_ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < 4:
            continue
        stem = word[:-len(ending)]
        if ending == "e":
            for plain, changed in _ALTERNATIONS:
                if stem.endswith(changed) and len(stem) - len(changed) >= 3:
                    bases.append(stem[:-len(changed)] + plain)
        bases.append(stem)
        if stem[-1] in "klc" and stem[-2] not in _VOWELS and stem[-3:-2] not in ("", "s"):
            bases.append(stem[:-1] + "e" + stem[-1])  # "mark": "marek"
        break
    # Each stem's own changed forms too: "agnieszk" (typed "Agnieszkę") "agnieszce";
    # "zielinsk" (typed "Zielińskim") the family's "zielinscy".
    for base in list(bases):
        alternated = _alternated(base, _ALTERNATING)
        if alternated and not _PLURAL_FAMILY.search(base):
            bases.append(alternated)
        if _PLURAL_FAMILY.search(base):
            bases.append(base[:-1] + "cy")
    return [b for b in dict.fromkeys(bases) if b != word]


def _word_pattern(word: str, *, capital: bool = True) -> str:
    """The pattern of one removed word (folded): a word of ``INFLECTED_FROM`` letters or
    more written in Latin letters matches its stem (the word without its final vowels, at
    least four letters kept) and an ending (``_ENDING``: up to ``ENDING_LETTERS`` letters
    from a vowel, or "s"), so
    "zielinski" finds "Zielińskiego" and "Zielińskim", "kowalska" "Kowalskiej", "smith"
    "Smiths"; with the Polish stems that change (``_PLURAL_FAMILY``: "Kowalscy";
    ``_MOBILE_E``: "Markiem", "Pawła"; "-iec": "Adamca"; ``_ALTERNATIONS`` before "-e":
    "Agnieszce", "Marcie", "Piotrze"); a short Polish name in its other cases
    (``_short_name_forms``: "Anny", "Oli", "Ewę", "Oldze", "Mai", "Jana", "Janie", "Olka");
    an Arabic word with the accusative's alif ("محمدا"); any word also with a possessive
    "'s" ("Ann's", "Smith's"). When ``capital`` (a word removed alone), a changed stem
    counts only written with a capital, and a short name's other cases only so inside a
    sentence (``_with_capital``: "marka", "jana" and "Ale autobus" stay); in a name of
    several words they count in any case ("Markiem Nowakiem nie było")."""
    if len(word) >= INFLECTED_FROM and word.isalpha() and word.isascii():
        stem = word
        while stem[-1] in _VOWELS and len(stem) > max(4, len(word) - 2):
            stem = stem[:-1]
        forms = [re.escape(stem) + _ENDING]
        if _PLURAL_FAMILY.search(stem):
            forms.append(re.escape(stem[:-1]) + "cy")  # "kowalscy", "nowiccy"
        changed = []
        if _MOBILE_E.search(word):
            changed.append(re.escape(word[:-2] + word[-1]) + _MOBILE_E_ENDINGS)  # "markiem"
        elif word.endswith("iec"):
            changed.append(re.escape(word[:-3] + "c") + _MOBILE_E_ENDINGS)  # "adamca"
        if not _PLURAL_FAMILY.search(word[:-1]):
            if word[-1] == "a" and word[-2] not in _VOWELS:
                alternated = _alternated(word[:-1], _ALTERNATING)
            elif word[-1] not in _VOWELS:
                alternated = _alternated(word, _ALTERNATING_AFTER_CONSONANT)
            else:
                alternated = None
            if alternated:
                changed.append(re.escape(alternated))  # "agnieszce", "piotrze"
        # A family's plural ("zielinscy") is whole: no ending after it.
        changed += [re.escape(base) + ("" if base.endswith("cy") else _ENDING)
                    for base in _typed_bases(word)]
        if changed:
            forms.append(_with_capital(changed, _CAPITAL_ANYWHERE if capital else None))
        return "(?:" + "|".join(forms) + ")" + _POSSESSIVE
    pattern = re.escape(word)
    short = _short_name_forms(word)
    if short:
        short_pattern = _with_capital(short, _CAPITAL if capital else None)
        return "(?:" + pattern + _POSSESSIVE + "|" + short_pattern + ")"
    if ARABIC.match(word) and word.isalpha() and word[-1] not in _NO_ACCUSATIVE_ALIF:
        pattern += _ARABIC_ACCUSATIVE  # "محمدا", "محمدًا" (tanween folded away)
    return pattern + _POSSESSIVE if re.search(r"\w$", word) else pattern


#: Between the parts of a name written joined, apart or with an apostrophe ("O'Brien",
#: "O Brien", "OBrien"; folding makes every apostrophe "'"): an apostrophe, spacing or
#: dashes, or nothing.
_NAME_JOIN = f"(?:'|{_BETWEEN})?"
#: After "عبد" ("servant of") an Arabic compound name is written with or without the space:
#: "عبد الله" and "عبدالله", "عبد الرحمن" and "عبدالرحمن".
_ARABIC_ABD = "\u0639\u0628\u062f"
_ARABIC_JOIN = f"[\\s{_DASHES}]*"
_ARABIC_ARTICLE = "\u0627\u0644"
#: An apostrophe inside a word before two letters or more: "o'brien", "d'angelo" (not a
#: possessive "'s").
_INNER_APOSTROPHE = re.compile(r"'(?=[^\W\d_]{2})")


def name_parts(words: Sequence[str]) -> list[tuple[str, str]]:
    """The folded ``words`` of a removed phrase as the parts a name may be written in, each
    with how it joins the part before (``"space"``: spacing, line breaks or dashes;
    ``"name"``: also an apostrophe or nothing; ``"arabic"``: spacing, dashes or nothing;
    the first part's is ``""``). A Latin word with an apostrophe inside ("o'brien") is two
    parts joined as a name, and so is a one-letter Latin word and the next ("o brien"), so
    "O'Brien", "O Brien" and "OBrien" are one name; "عبد" and the next word, or a word
    "عبد" + "ال…" ("عبدالله"), are two parts joined the Arabic way, so "عبد الله" and
    "عبدالله" are one name. Plain values: ``[("o", ""), ("brien", "name")]``."""
    parts: list[tuple[str, str]] = []
    for word in words:
        if word.startswith(_ARABIC_ABD + _ARABIC_ARTICLE) and len(word) > 5:
            pieces = [(_ARABIC_ABD, "space"), (word[len(_ARABIC_ABD):], "arabic")]
        else:
            split = _INNER_APOSTROPHE.split(word) if word.isascii() else [word]
            pieces = [(split[0], "space")] + [(piece, "name") for piece in split[1:]]
        first, join = pieces[0]
        if parts:
            before = parts[-1][0]
            if before == _ARABIC_ABD and ARABIC.match(first):
                join = "arabic"
            elif len(before) == 1 and before.isascii() and before.isalpha() and first.isascii():
                join = "name"
        parts.append((first, join if parts else ""))
        parts.extend(pieces[1:])
    return parts


_JOINS = {"": "", "space": _BETWEEN, "name": _NAME_JOIN, "arabic": _ARABIC_JOIN}
#: An Irish or Italian name typed without its apostrophe: "O" or "D" and a capital then a
#: small letter, at a word's start ("OBrien", "ONeill", "DAngelo"; not "OK", "DVLA").
_JOINED_NAME = re.compile(r"(?<![^\W\d_])([OD])(?=[A-Z][a-z])")


def phrase_pattern(phrase: str) -> re.Pattern | None:
    """The pattern ``remove_phrases`` looks for in folded text (``folded_with_positions``)
    for one removed phrase, or None for a blank one: its words, folded, as whole words,
    each with its endings (``_word_pattern``), with any spacing, line breaks or dashes
    between them; the parts of a name written joined or apart (``name_parts``: "O'Brien",
    "O Brien" and "OBrien"; "عبد الله" and "عبدالله") in each of those ways."""
    # "OBrien", "DAngelo" typed joined are the name "O'Brien", "D'Angelo": so every
    # spelling of it goes, whichever the officer typed (review r15o, F1).
    phrase = _JOINED_NAME.sub(r"\1'", phrase)
    folded = re.sub(f"[{_DASHES}]", " ", fold_for_matching(phrase))
    words = folded.split()
    if not words:
        return None
    parts = name_parts(words)
    # A name of several words is found in any case: only a word removed alone could be a
    # common word too ("Marek": "marka").
    alone = len(words) == 1
    patterns = []
    for i, (part, join) in enumerate(parts):
        last = i == len(parts) - 1 or parts[i + 1][1] != "name"
        # A part before an apostrophe ("o" of "o'brien") has no endings of its own.
        patterns.append(_JOINS[join] + (_word_pattern(part, capital=alone) if last
                                        else re.escape(part)))
    if ARABIC.match(parts[0][0]):
        patterns[0] = _arabic_prefixed(parts[0][0], patterns[0])
    pattern = "".join(patterns)
    if re.match(r"\w", words[0]):
        pattern = r"(?<!\w)" + pattern
    if re.search(r"\w$", words[-1]):
        pattern += r"(?!\w)"
    return re.compile(pattern)


def remove_phrases(text: str, phrases: Iterable[str], *,
                   answer: bool = False) -> tuple[str, int]:
    """``text`` with each of ``phrases`` (an officer's chosen personal details: a name, "the
    Okafor twins") replaced by ``REMOVED`` wherever it stands, and how many were replaced.
    A phrase is found whatever its case and however it is spaced, broken over lines or
    joined by a dash ("Jan-Zieliński") or a zero-width space, as whole words (not "Adam" in
    "Adamson"), longer phrases first; words already replaced (inside a marker) are left
    alone. Every other word is kept as it was. Blank phrases are ignored.

    Found however it is spelled, as the site's search reads words
    (``core.normalising.folded_with_positions``): "Jan Zielinski" for "Jan Zieliński",
    "Lukasz" for "Łukasz", Arabic with a plain alif or with tashkeel, full-width letters, a
    soft hyphen or a zero-width space inside a word. And with its endings (``_word_pattern``:
    "Zielińskiego", "Kowalskiej", "Smith's"; words under ``INFLECTED_FROM`` letters only with
    a possessive "'s", or a short Polish name's own cases: "Jana", "Mai"). A changed form
    ("Markiem", "Janie") of a word removed alone counts only written with a capital inside
    its sentence ("marka" stays); a short name's form opening a sentence when the name is
    found elsewhere in ``text`` too ("Oli szkoła… Ola płacze."); in the ``answer`` the
    removal was made from, a long name's changed stem in any case ("z markiem"). The span
    of ``text`` as written is replaced."""
    found = 0
    for phrase in sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=len,
                         reverse=True):
        pattern = phrase_pattern(phrase)
        if pattern is None:
            continue
        pieces = text.split(REMOVED)
        for i, piece in enumerate(pieces):
            pieces[i], n = _replace_folded(piece, pattern, answer=answer)
            found += n
        text = REMOVED.join(pieces)
    return text, found


def _merged(spans: Iterable[tuple[int, int]]) -> list[list[int]]:
    """``spans`` (start, end) in order, those that overlap made one."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _foldings(text: str) -> list[tuple[str, list[int]]]:
    """``text`` folded (``folded_with_positions``) with its zero-width spaces, non-joiners
    and direction marks dropped, and, when it has any, also with them read as spaces: such
    a character may stand inside a word ("re\u200bspite") or be the only break between two
    ("Jan\u200bZieliński", "Jan\u200eZieliński", "محمد\u200cأحمد")."""
    foldings = [folded_with_positions(text)]
    if not BREAKS.isdisjoint(text):
        foldings.append(folded_with_positions(text, breaks=True))
    return foldings


def _marks_after(text: str, end: int) -> int:
    """``end`` moved past the combining marks written after it ("Zoe\u0308": the
    diaeresis goes with the "e" it sits on). The folded text drops them, so a match ends
    before them; a mark joining more letters is no word's end there (the folded text reads
    the word on)."""
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


#: What may stand between a sentence's end and its first word: spacing, opening quotes and
#: brackets.
_SENTENCE_OPENING = " \t\u00a0\"'\u201c\u201e\u2018\u00ab([-\u2013\u2014"
_SENTENCE_STOPS = ".!?:\u2026\n\r"  # a colon before a quoted sentence too


def _opens_a_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` of ``text`` is the first of its sentence (or of the
    text): written with a capital for that reason alone."""
    before = text[:start].rstrip(_SENTENCE_OPENING)
    return not before or before[-1] in _SENTENCE_STOPS


#: What ``_capital_where_asked`` finds of a match: it counts; it would, but for opening its
#: sentence; it does not.
_COUNTS, _OPENS_SENTENCE, _NOT = "counts", "opens", "not"


def _capital_where_asked(text: str, positions: Sequence[int], match: re.Match, *,
                         answer: bool = False) -> str:
    """Whether each changed form in ``match`` (a ``_CAPITAL`` or ``_CAPITAL_ANYWHERE``
    group that matched) starts, in ``text`` as written, with a capital letter; a short
    name's (``_CAPITAL``) also inside its sentence: a sentence's first word has a capital
    whatever it is ("Very unsafe", "Ale autobus", "Dane osobowe", "Mine was late" stay when
    "Vera", "Ala", "Dana" or "Mina" is removed: review r15o, F2). ``answer``: ``text`` is
    the answer the removal was made from, where a long name's changed stem counts in any
    case ("z markiem", as a removal made before this rule found it). Returns ``_COUNTS``,
    ``_OPENS_SENTENCE`` (a short name's form that counts but for opening its sentence) or
    ``_NOT``."""
    found = _COUNTS
    for name, value in match.groupdict().items():
        if value is None or not name.startswith((_CAPITAL, _CAPITAL_ANYWHERE)):
            continue
        if answer and name.startswith(_CAPITAL_ANYWHERE):
            continue
        start = positions[match.start(name)]
        if not text[start].isupper():
            return _NOT
        if name.startswith(_CAPITAL) and _opens_a_sentence(text, start):
            found = _OPENS_SENTENCE
    return found


def _replace_folded(text: str, pattern: re.Pattern, *,
                    answer: bool = False) -> tuple[str, int]:
    """``text`` with each match of ``pattern`` in its folded form (``_foldings``)
    replaced, as written, by ``REMOVED``; and how many. A short name's form opening a
    sentence ("Oli szkoła jest daleko.") counts when the name is found elsewhere in
    ``text`` too ("Ola płacze."): then it is no common word there (review r15p, F4).
    ``answer`` as for ``_capital_where_asked``."""
    found = [(positions[m.start()], _marks_after(text, positions[m.end() - 1] + 1),
              _capital_where_asked(text, positions, m, answer=answer))
             for folded, positions in _foldings(text)
             for m in pattern.finditer(folded) if m.end() > m.start()]
    sure = any(how == _COUNTS for _start, _end, how in found)
    spans = _merged((start, end) for start, end, how in found
                    if how == _COUNTS or (sure and how == _OPENS_SENTENCE))
    for start, end in reversed(spans):
        text = text[:start] + REMOVED + text[end:]
    return text, len(spans)


def phrases_held(text: str, phrases: Iterable[str]) -> list[str]:
    """Those of ``phrases`` (blank ones left out, spacing evened out) that ``text`` holds as
    ``remove_phrases`` finds them, in the order given."""
    wanted = dict.fromkeys(" ".join(p.split()) for p in phrases if p.strip())
    return [p for p in wanted if remove_phrases(text or "", [p])[1]]


def holds_phrase(text: str, phrases: Iterable[str]) -> bool:
    """Whether ``text`` holds any of ``phrases`` as ``remove_phrases`` finds them."""
    return remove_phrases(text or "", phrases)[1] > 0


def csv_cell(value) -> str:
    """One CSV cell as text that no spreadsheet runs as a formula (see the module doc)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) or _FORMULA.match(text):
        return "'" + text
    return text


def csv_row(values: Iterable) -> list[str]:
    return [csv_cell(v) for v in values]


@dataclass(frozen=True)
class ThemeSummary:
    """One theme as the draft needs it. ``count`` is None when hidden by the small-number
    rule; ``under_minimum`` is true when it is hidden because it is under the minimum (false
    when hidden only so that another cannot be worked out: the draft words both alike, see
    the module doc); ``base`` is the coded respondents (None when hidden); ``quotes`` are
    already cleared to be shown."""

    code: str
    name: str
    count: int | None
    base: int | None
    quotes: Sequence[str] = field(default_factory=tuple)
    under_minimum: bool = False


@dataclass(frozen=True)
class DraftFinding:
    """A paragraph of the draft and the theme it reports."""

    theme: str
    text: str


def _share(count: int, base: int | None) -> str:
    if not base:
        return ""
    return f" ({round(100 * count / base)} %)"


def draft(themes: Sequence[ThemeSummary], *, base: int | None, minimum: int,
          quotes: int = 2, answered: int | None = None) -> tuple[str, list[DraftFinding]]:
    """The "What people told us" draft: (introduction, findings). ``base`` is the coded
    respondents (None when hidden); ``answered`` the people who wrote an answer, coded or
    not (None: the same as ``base``). While some answers are not coded yet the introduction
    says how many people wrote one and how many of those have been coded, so nobody reads
    the coded ones as everyone's (a number under ``minimum`` is written ``HELD_BACK``, as
    the counts are). Findings follow the most raised theme first (ties in the given order);
    a hidden count gives no number (see the module doc)."""
    why = HELD_BACK_WHY.format(minimum=minimum)
    if answered is not None and answered != base and answered >= minimum:
        coded = (f"How many of them have been coded so far is {HELD_BACK}. {why}"
                 if base is None else
                 f"{base} of them have been coded so far, and the figures below are of those "
                 f"{base}; the others are still to be coded.")
        intro = (f"{answered} people wrote an answer. {coded} Each answer is read by a "
                 "person and given the themes it raised; one answer can raise several.")
    elif answered is not None and answered != base:
        intro = (f"How many people wrote an answer, and how many of them have been coded so "
                 f"far, is {HELD_BACK}: some are still to be coded. {why}")
    elif base is None:
        intro = f"We read every written answer. How many people wrote one is {HELD_BACK}. {why}"
    else:
        intro = (f"We read every written answer: {base} people wrote one. Each was read by a "
                 "person and given the themes it raised; one answer can raise several.")
    shown = [t for t in themes if t.count]
    shown.sort(key=lambda t: -t.count)
    findings = []
    for t in shown:
        text = f"{t.name}: {t.count} of {t.base} people{_share(t.count, t.base)}." \
            if t.base else f"{t.name}: {t.count} people."
        for quote in list(t.quotes)[:quotes]:
            text += f"\n“{quote}”"
        findings.append(DraftFinding(t.code, text))
    hidden = [t for t in themes if t.count is None]
    for t in hidden:
        text = f"{t.name}: {HELD_BACK}. {HELD_BACK_WHY.format(minimum=minimum)}"
        for quote in list(t.quotes)[:quotes]:
            text += f"\n“{quote}”"
        findings.append(DraftFinding(t.code, text))
    return intro, findings


#: Figures that stand for any number in an introduction's shape (``drafted_intro``).
_ANY_BASE, _ANY_ANSWERED = 7654321, 8765432


def drafted_intro(text: str, *, minimum: int) -> bool:
    """Whether ``text`` is an introduction ``draft`` writes, whatever its figures (one of its
    shapes with any whole numbers): the portal's words, which "Refresh the counts" may write
    again, not an officer's, which it must keep."""
    shapes = set()
    for base in (None, _ANY_BASE):
        for answered in (None, _ANY_ANSWERED, max(minimum - 1, 0)):
            intro, _findings = draft([], base=base, minimum=minimum, answered=answered)
            shapes.add(re.escape(intro).replace(str(_ANY_BASE), r"\d+")
                       .replace(str(_ANY_ANSWERED), r"\d+"))
    return any(re.fullmatch(shape, text.strip()) for shape in shapes)


def draft_words(minimum: int) -> list[str]:
    """The sentences ``draft`` itself writes, without their figures and names: the council's
    words, never a respondent's, however many answers repeat them (``withdraw_quotes``'s
    ``council``)."""
    return ["We read every written answer", "people wrote one",
            "Each was read by a person and given the themes it raised; one answer can raise "
            "several.", f"How many people wrote one is {HELD_BACK}.",
            HELD_BACK_WHY.format(minimum=minimum), "people wrote an answer.",
            f"How many of them have been coded so far is {HELD_BACK}.",
            "of them have been coded so far, and the figures below are of those",
            "the others are still to be coded.",
            "How many people wrote an answer, and how many of them have been coded so far, "
            f"is {HELD_BACK}: some are still to be coded.",
            "Each answer is read by a person and given the themes it raised; one answer can "
            "raise several."]


# Quotation marks: each opening mark and the marks that close it (English “…”, "…", ‘…’
# and '…', Polish „…” and „…“, ‚…‘, ‟…”, ‛…’, «…», »…«, ‹…›, 「…」, 『…』, ＂…＂). A quotation
# may run over several lines and hold quotations of its own; one left open runs to the end
# of its paragraph.
_CLOSERS = {"“": "”", "„": "”“", "«": "»", "»": "«»", "‘": "’", "‚": "‘’", "‹": "›",
            '"': '"', "'": "'", "‟": "”“", "‛": "’'", "「": "」", "『": "』", "＂": "＂"}
#: Marks that are also apostrophes (don't, don’t, the parents' bus).
_APOSTROPHES = "‘’'"
#: Where an officer cut words out of a quote ("…", "...", "[…]", ``REMOVED``).
_GAPS = re.compile(r"\[?(?:…|\.\.\.)\]?|" + re.escape(REMOVED))
_WORD = re.compile(r"\w+")
#: Consecutive words a quotation shares with an answer no longer cleared that take it out.
QUOTE_RUN = 3
#: Consecutive words an unquoted line shares with such an answer that take the line out.
LINE_RUN = 8
#: The fewest words of an unquoted line that is wholly an answer's words, in its order
#: (``_Sources.pasted``), for the line to go: shorter lines ("He said.") are anyone's.
LINE_WORDS = 3


def _words(text: str) -> list[list[str]]:
    """``text`` as compared: split where words were cut out (see ``_GAPS``), each part as its
    words in lower case, without punctuation, quotation marks or spacing."""
    return [w for w in (_WORD.findall(part.casefold()) for part in _GAPS.split(text)) if w]


def _joined(words: list[str]) -> str:
    return " " + " ".join(words) + " "


def _runs(parts: list[list[str]], size: int) -> set[tuple[str, ...]]:
    return {tuple(p[i:i + size]) for p in parts for i in range(len(p) - size + 1)}


def _apostrophe(text: str, i: int) -> bool:
    """A ’, ‘ or ' between two letters is an apostrophe (don’t, don't), not a quotation
    mark."""
    return (0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha())


def _straight_single(text: str, i: int, stack: list[tuple[str, int]]) -> str:
    """What a straight single mark at ``i`` is: "close" after a character that is not a
    space while one is open ('arrives in tears'), "open" before a word and not straight after
    one ('stop…), else "" (an apostrophe: the parents' bus, a stray mark)."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if stack and "'" in _CLOSERS[stack[-1][0]] and not before.isspace():
        return "close"
    if (after.isalnum() or after in _CLOSERS) and not before.isalnum():
        return "open"
    return ""


def quotations(text: str) -> list[tuple[int, int]]:
    """The outermost quotations of ``text`` as (start, end) offsets, marks included, in
    every style of ``_CLOSERS``, over several lines and with quotations inside them. A mark
    between two letters is an apostrophe; a straight single one opens only before a word
    and closes only after one (``_straight_single``). One left open ends where its
    paragraph ends (a blank line) or with the text: when in doubt, it is a quotation."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, c in enumerate(text):
        if stack and c == "\n" and text[i + 1:i + 2] == "\n":
            spans.append((stack[0][1], i))
            stack = []
            continue
        if c in _APOSTROPHES and _apostrophe(text, i):
            continue
        if c == "'":
            role = _straight_single(text, i, stack)
            if not role:
                continue
            if role == "open":
                stack.append((c, i))
                continue
        if stack and c in _CLOSERS[stack[-1][0]]:
            _opener, start = stack.pop()
            if not stack:
                spans.append((start, i + 1))
        elif c in _CLOSERS:
            stack.append((c, i))
    if stack:
        spans.append((stack[0][1], len(text)))
    return spans


def _starts(texts: list[list[str]]) -> dict[str, list[tuple[int, int]]]:
    """Where each word stands in ``texts``: word -> [(text, position)], for ``_within``."""
    found: dict[str, list[tuple[int, int]]] = {}
    for n, words in enumerate(texts):
        for at, word in enumerate(words):
            found.setdefault(word, []).append((n, at))
    return found


def _within(words: list[str], texts: list[list[str]],
            starts: dict[str, list[tuple[int, int]]]) -> bool:
    """Whether ``words`` are one of ``texts``' words in the same order, with at most half as
    many of its words again left out between them ("my son has sensory needs, arrives in
    tears" in "… my son has sensory needs and arrives in tears"). ``starts``: ``texts``'
    ``_starts``."""
    span = len(words) + len(words) // 2
    for n, start in starts.get(words[0], ()):
        answer = texts[n]
        at, end = 1, start + 1
        while at < len(words) and end < len(answer) and end - start < span:
            if answer[end] == words[at]:
                at += 1
            end += 1
        if at == len(words):
            return True
    return False


@dataclass(frozen=True)
class _Sources:
    """The answers compared with: as typed, as cleared now, and the words no one may quote;
    and the council's own words (``council``), which are no respondent's."""

    public: list[str]
    withheld: set[tuple[str, ...]]
    withheld_lines: set[tuple[str, ...]]
    strict: list[str]
    removed: list[list[str]]
    #: Each cleared text's words, and each answer's as typed, whole (cuts run together).
    public_words: list[list[str]] = field(default_factory=list)
    typed_words: list[list[str]] = field(default_factory=list)
    public_starts: dict = field(default_factory=dict)
    typed_starts: dict = field(default_factory=dict)
    #: Each text the council wrote (questions, theme names...), as compared, and whole.
    council: list[str] = field(default_factory=list)
    council_words: list[list[str]] = field(default_factory=list)
    council_starts: dict = field(default_factory=dict)

    @classmethod
    def of(cls, typed, public, gone, removed, council=()) -> _Sources:
        cleared = [p for text in public for p in _words(text)]
        kept = [p for text in [*typed, *gone] for p in _words(text)]
        ours = [p for text in council for p in _words(text)]
        shown = [_joined(p) for p in cleared]
        public_words = [[w for p in _words(text) for w in p] for text in public]
        typed_words = [[w for p in _words(text) for w in p] for text in [*typed, *gone]]
        council_words = [[w for p in _words(text) for w in p] for text in council]
        return cls(
            public=shown,
            # A run of words the council wrote too (a respondent repeating the question)
            # is the council's: it takes nothing out.
            withheld=_runs(kept, QUOTE_RUN) - _runs(cleared, QUOTE_RUN) - _runs(ours, QUOTE_RUN),
            withheld_lines=(_runs(kept, LINE_RUN) - _runs(cleared, LINE_RUN)
                            - _runs(ours, LINE_RUN)),
            strict=[_joined(p) for p in kept],
            # Words removed from one answer that a cleared text still has ("the", "my son")
            # identify no one: only those no cleared text has are looked for everywhere.
            removed=[w for phrase in removed for w in _words(phrase)
                     if not any(_joined(w) in t for t in shown)],
            public_words=public_words, typed_words=typed_words,
            public_starts=_starts(public_words), typed_starts=_starts(typed_words),
            council=[_joined(p) for p in ours], council_words=council_words,
            council_starts=_starts(council_words))

    def cleared(self, parts: list[list[str]]) -> bool:
        return all(any(_joined(p) in t for t in self.public) for p in parts)

    def councils(self, parts: list[list[str]]) -> bool:
        """Whether every part of these words is in a text the council wrote (a question, a
        theme's name): the council's words, whoever repeated them."""
        return bool(self.council) and all(any(_joined(p) in t for t in self.council)
                                          for p in parts)

    def pasted(self, parts: list[list[str]]) -> bool:
        """Whether an unquoted line is an answer no longer cleared, pasted without quotation
        marks however short: at least ``LINE_WORDS`` words, every one of them an answer's
        words in its order (a word or two left out, ``_within``), punctuation, dashes and
        case ignored, and not so in any cleared text nor in the council's own words (the
        question line, a theme's name: a respondent may have repeated them)."""
        words = [w for p in parts for w in p]
        if len(words) < LINE_WORDS:
            return False
        if _within(words, self.public_words, self.public_starts):
            return False
        if _within(words, self.council_words, self.council_starts):
            return False
        return _within(words, self.typed_words, self.typed_starts)

    def names_removed(self, parts: list[list[str]]) -> bool:
        whole = [_joined(p) for p in parts]
        return any(_joined(r) in w for r in self.removed for w in whole)

    def withdraws(self, quote: str) -> bool:
        """Whether a quotation's words (marks taken off) quote an answer no longer cleared:
        they hold words an officer removed, or they are not all in one cleared text (nor
        all the council's own words) and are an answer's words as typed, or share
        ``QUOTE_RUN`` words in a row with an answer that no cleared text and no text of the
        council's has (a quote tidied or cut still goes)."""
        parts = _words(quote)
        if not parts:
            return False
        if self.names_removed(parts):
            return True
        if self.cleared(parts) or self.councils(parts):
            return False
        if all(any(_joined(p) in t for t in self.strict) for p in parts):
            return True
        return bool(_runs(parts, QUOTE_RUN) & self.withheld)


def withdraw_quotes(text: str, *, typed: Iterable[str], public: Iterable[str],
                    gone: Iterable[str] = (), removed: Iterable[str] = (),
                    council: Iterable[str] = ()) -> tuple[str, int]:
    """``text`` without the quotations in it that quote an answer no longer cleared to be
    quoted, and how many were taken out.

    ``typed``: every written answer the write-up reports on, as typed; ``public``: the
    words now cleared for the public (consent given and personal details removed, or
    approved by an officer); ``gone``: quotes known to come from an answer no longer cleared
    (its source was recorded when the draft was written: consent withdrawn, the answer
    deleted or changed); ``removed``: words an officer removed from an answer (looked for
    only where no cleared text has them: a common word removed from one answer is no one's);
    ``council``: the texts the council itself wrote that the write-up may repeat (the
    questions as asked, the themes' names and descriptions, the draft's own sentences).
    Words of the council's are nobody's to withdraw: a run of words also in its texts takes
    nothing out, and a quotation or a line wholly of its words stays, however many
    respondents who may not be quoted repeated them ("How could we make transport better?"
    written back in an answer leaves the question line where it is).

    Quotations are found in every style of quotation marks, over several lines and with
    quotations inside them (``quotations``), and compared by their words alone (case,
    spacing, punctuation and quotation marks ignored; cut where "…" or ``REMOVED`` stands).
    A quotation is taken out when ``_Sources.withdraws`` says so; when in doubt, it goes.
    Then, outside quotations, words an officer removed are replaced by ``REMOVED``, and a
    line sharing ``LINE_RUN`` words in a row with an answer no longer cleared goes (an
    answer pasted without quotation marks), as does a line of ``LINE_WORDS`` words or more
    that is wholly such an answer's words, however short ("— My son has sensory needs,
    arrives in tears.", ``_Sources.pasted``). A line left empty goes too. Words in quotation
    marks that are no one's answer stay."""
    text, withdrawn, _quotes = withdraw_quotes_listed(text, typed=typed, public=public,
                                                     gone=gone, removed=removed,
                                                     council=council)
    return text, withdrawn


def withdraw_quotes_listed(text: str, *, typed: Iterable[str], public: Iterable[str],
                           gone: Iterable[str] = (), removed: Iterable[str] = (),
                           council: Iterable[str] = ()) -> tuple[str, int, list[str]]:
    """``withdraw_quotes``, and what it took out whole, in order: each quotation (marks
    included), then each line taken out as an answer pasted without quotation marks (as it
    stood once the quotations were out), for ``drop_quotations`` to know them again."""
    sources = _Sources.of(list(typed), list(public), list(gone), list(removed),
                          list(council))
    withdrawn, taken = 0, []
    # ``out``: the text without the quotations withdrawn; ``unquoted``: the same with the
    # quotations kept cut out too (they were judged as quotations: a cleared one stays),
    # line for line, for the check of words pasted without quotation marks.
    out, unquoted, at = [], [], 0
    for start, end in quotations(text):
        unquoted.append(text[at:start])
        if sources.withdraws(text[start:end]):
            out.append(text[at:start])
            taken.append(text[start:end])
            withdrawn += 1
        else:
            out.append(text[at:end])
            unquoted.append(re.sub(r"[^\n]+", " … ", text[start:end]))
        at = end
    out.append(text[at:])
    unquoted.append(text[at:])
    lines, pasted = [], []
    for line, outside in zip("".join(out).split("\n"), "".join(unquoted).split("\n"),
                             strict=True):
        parts = _words(line)
        if (_runs(parts, LINE_RUN) & sources.withheld_lines
                or sources.pasted(_words(outside))):
            withdrawn += 1
            pasted.append(line)
            continue
        if sources.names_removed(parts):
            for phrase in sources.removed:
                pattern = r"\W+".join(re.escape(w) for w in phrase)
                line, found = re.subn(rf"(?<!\w){pattern}(?!\w)", REMOVED, line,
                                      flags=re.IGNORECASE)
                withdrawn += bool(found)
        lines.append(line)
    if not withdrawn:
        return text, 0, []
    return ("\n".join(line.rstrip() for line in lines if line.strip(" \t,;:")), withdrawn,
            [*taken, *pasted])


def quote_words(quote: str) -> str:
    """A quotation as compared: its words in lower case, without marks, punctuation or
    spacing (``_words``), parts cut by "…" kept apart. Two copies of one quote, however
    typed, give the same."""
    return " | ".join(" ".join(part) for part in _words(quote))


def run_marks(text: str) -> set[str]:
    """What is kept of a deleted answer's words, to know a quote of them again however it was
    tidied (as keyed hashes, by the caller): each run of ``QUOTE_RUN`` words in a row
    (``"q3:my son has"``) and of ``LINE_RUN`` (``"l8:…"``), compared as ``_words`` reads them
    (case, punctuation and spacing ignored; parts cut by "…" kept apart). The same marks of
    the council's own words and of answers still cleared are spared (``drop_quotations``)."""
    parts = _words(text)
    return ({"q3:" + " ".join(r) for r in _runs(parts, QUOTE_RUN)}
            | {"l8:" + " ".join(r) for r in _runs(parts, LINE_RUN)})


def _runs_gone(parts: list[list[str]], gone: Callable[[str], bool], spared: set[str],
               size: int, prefix: str) -> list[bool]:
    """For each run of ``size`` words of ``parts``, whether ``gone`` knows its mark and
    ``spared`` has it not."""
    return [mark not in spared and gone(mark)
            for mark in (prefix + " ".join(r) for r in _runs(parts, size))]


def drop_quotations(text: str, gone: Callable[[str], bool], *,
                    spared: set[str] | frozenset = frozenset()) -> tuple[str, int]:
    """``text`` without what ``gone`` says was taken out before because its answer was
    deleted, and how many; the rest of the text as it was, a line left empty going.

    ``gone`` is asked of a quotation's words (``quote_words``: a copy of a quote taken out),
    of a line's words (an answer pasted without quotation marks, taken out whole:
    ``withdraw_quotes_listed``) and of the run marks of a deleted answer (``run_marks``), so
    a quotation is taken out when it shares ``QUOTE_RUN`` words in a row with a deleted
    answer (shortened, cut with "…", in other marks), and a line outside quotations when it
    shares ``LINE_RUN`` words in a row, or when it has ``LINE_WORDS`` words or more and every
    run of ``QUOTE_RUN`` in it is a deleted answer's. A run whose mark is in ``spared`` (the
    council's own words, the words of answers still cleared: ``run_marks`` of them) takes
    nothing out: the rule of ``withdraw_quotes``."""
    out, at, dropped = [], 0, 0
    for start, end in quotations(text):
        quote = text[start:end]
        if gone(quote_words(quote)) or any(
                _runs_gone(_words(quote), gone, spared, QUOTE_RUN, "q3:")):
            out.append(text[at:start])
            at = end
            dropped += 1
    out.append(text[at:])
    lines = []
    for line in "".join(out).split("\n"):
        parts = _words(line)
        short = _runs_gone(parts, gone, spared, QUOTE_RUN, "q3:")
        if parts and (gone(quote_words(line))
                      or any(_runs_gone(parts, gone, spared, LINE_RUN, "l8:"))
                      or (sum(map(len, parts)) >= LINE_WORDS and short and all(short))):
            dropped += 1
            continue
        lines.append(line)
    if not dropped:
        return text, 0
    return "\n".join(line.rstrip() for line in lines if line.strip(" \t,;:")), dropped


#: Words in a row remembered of a write-up whose every word was removed as personal details
#: (``removed_marks``).
REMOVED_RUN = 6


def phrase_mark(phrase: str) -> str:
    """What is remembered of a phrase removed as personal details ("Jane Doe" ->
    ``"2:jane doe"``): how many words, then its words as compared (case and punctuation
    ignored, folded as the site's search reads them: ``core.normalising.fold_for_matching``,
    so "Zieliński" -> "zielinski"). The caller keeps a keyed hash of it."""
    words = [w for part in _words(fold_for_matching(phrase)) for w in part]
    return f"{len(words)}:{' '.join(words)}"


def legacy_phrase_mark(phrase: str) -> str:
    """``phrase_mark`` as it was before words were folded (case and punctuation ignored,
    diacritics and letter forms kept; only the ``INVISIBLE`` characters dropped): what the
    removals made before then remember, still looked for (``remove_known_runs``)."""
    words = [w for part in _words(_visible(phrase)) for w in part]
    return f"{len(words)}:{' '.join(words)}"


def _visible(text: str) -> str:
    return "".join(c for c in text if c not in INVISIBLE)


def removed_marks(texts: Iterable[str], council: Iterable[str] = ()) -> set[str]:
    """What is remembered of words removed whole as personal details (``phrase_mark``'s
    form): each run of ``REMOVED_RUN`` words of ``texts``, and each shorter sentence of
    ``LINE_WORDS`` words or more whole; not those of the council's own words (``council``:
    the draft's sentences, the themes' names), which are nobody's personal details."""
    council = [fold_for_matching(text or "") for text in council]
    ours = {phrase_mark(" ".join(r)) for text in council for r in
            _runs(_words(text), REMOVED_RUN)}
    ours |= {phrase_mark(s) for text in council for s in _sentences(text)}
    marks: set[str] = set()
    for text in texts:
        text = fold_for_matching(text or "")
        marks |= {phrase_mark(" ".join(r)) for r in _runs(_words(text), REMOVED_RUN)}
        for sentence in _sentences(text):
            count = sum(map(len, _words(sentence)))
            if LINE_WORDS <= count < REMOVED_RUN:
                marks.add(phrase_mark(sentence))
    return marks - ours


def word_runs(text: str, size: int, *, folded: bool = True) -> list[tuple[str, ...]]:
    """Each run of ``size`` words of ``text`` in a row, as compared (``_words``, the parts
    run together; folded as ``phrase_mark`` folds them, or, with ``folded=False``, as
    ``legacy_phrase_mark`` read them): what ``remove_known_runs`` looks for."""
    text = fold_for_matching(text) if folded else _visible(text)
    words = [w for part in _words(text) for w in part]
    return [tuple(words[i:i + size]) for i in range(len(words) - size + 1)]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text or "") if s.strip()]


def remove_known_runs(text: str, known: Callable[[str], bool],
                      lengths: Iterable[int]) -> tuple[str, int]:
    """``text`` with each run of words whose ``phrase_mark`` ``known`` recognises (words
    removed as personal details before, typed or pasted back) replaced by ``REMOVED``, for
    each run length of ``lengths``; overlapping runs go as one. Words already replaced are
    left alone; every other character stays. Returns (text, how many passages).

    A run is looked for in any spelling the site's search reads alike (folded:
    ``core.normalising.folded_with_positions``; a zero-width space read both inside a word
    and as the break between two: ``_foldings``), its span as written replaced; and, for
    the removals remembered before words were folded, as those read it
    (``legacy_phrase_mark``). Words remembered are matched as they were removed, not with
    their endings (only a keyed hash of them is kept)."""
    lengths = sorted({n for n in lengths if n > 0})
    if not lengths or not text:
        return text, 0
    pieces = text.split(REMOVED)
    found = 0
    for i, piece in enumerate(pieces):
        spans: list[list[int]] = []
        for folded, positions in _foldings(piece):
            words = []
            for m in _WORD.finditer(folded):
                start, end = positions[m.start()], positions[m.end() - 1] + 1
                words.append((m.group(0), _visible(piece[start:end]).casefold(), start, end))
            for n in lengths:
                for at in range(len(words) - n + 1):
                    run = words[at:at + n]
                    if known(f"{n}:{' '.join(w[0] for w in run)}") or known(
                            f"{n}:{' '.join(w[1] for w in run)}"):
                        spans.append([run[0][2], run[-1][3]])
        if not spans:
            continue
        spans.sort()
        merged = [spans[0]]
        for start, end in spans[1:]:
            if start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        found += len(merged)
        for start, end in reversed(merged):
            piece = piece[:start] + REMOVED + piece[end:]
        pieces[i] = piece
    return REMOVED.join(pieces), found


# Number words an officer may write a count in (the draft itself writes figures).
_NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                 r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
                 r"fifty|sixty|seventy|eighty|ninety|hundred|half|quarter|third|most|"
                 r"majority|minority|few|many")
_NUMBER = re.compile(rf"\d|%|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_QUOTE_OPENS = ("“", '"', "‘", "'", "„", "«")


def sentences_with_numbers(text: str) -> list[str]:
    """The sentences of ``text`` that give a number (in figures, a per cent sign or a word such
    as "twenty" or "most"): those whose numbers may be wrong once the counts behind them
    change. Lines that open with a quotation mark are respondents' words and left out."""
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(_QUOTE_OPENS):
            continue
        found += [s.strip() for s in _SENTENCE_END.split(line) if _NUMBER.search(s)]
    return found
