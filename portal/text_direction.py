"""Whether a piece of text on a page is English in another language's page (WCAG 3.1.2).

Plain functions over plain values (no Django, no Wagtail). A Polish or Arabic page shows
English where nothing is translated yet: a page that is only an alias of the English one,
or a string its translator left in English. Such text is marked ``lang="en" dir="ltr"`` so
a screen reader switches voice and punctuation lands on the right side.
"""

from __future__ import annotations

import unicodedata

# Languages written in a script with no Latin letters: Latin-only text shown in them is a
# string left in English (a word such as "SEND" or "EHCP" inside Arabic is not: the run
# holds Arabic letters too).
_NON_LATIN_SCRIPTS = {"ar": "ARABIC"}


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
