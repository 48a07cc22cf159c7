"""Polish grammar the portal's sentences need, as plain rules (no Django).

"On Tuesday" in Polish is "we wtorek": the preposition "w" takes the accusative, and
becomes "we" before a word starting with "w" plus a consonant, where "w wtorek" could not
be said; weekday names are written in lower case (Rada Języka Polskiego; Wielki słownik
ortograficzny PWN, rules 18.9 and 59).
"""

from __future__ import annotations

#: Each weekday (Monday first, as ``datetime.date.weekday``) in the accusative.
WEEKDAYS_ACCUSATIVE = ("poniedziałek", "wtorek", "środę", "czwartek", "piątek", "sobotę",
                       "niedzielę")
_VOWELS = set("aąeęioóuy")


def with_w(word: str) -> str:
    """``word`` after the preposition "w": "we" before "w" or "f" followed by a consonant
    ("we wtorek", "we wrześniu", "we Wrocławiu"), "w" otherwise ("w środę", "w piątek")."""
    lower = word.lower()
    if len(lower) > 1 and lower[0] in "wf" and lower[1] not in _VOWELS:
        return f"we {word}"
    return f"w {word}"


def on_weekday(weekday: int) -> str:
    """"On <weekday>" for ``weekday`` 0 (Monday) to 6 (Sunday): "w poniedziałek",
    "we wtorek", "w środę". Raises ``IndexError`` outside 0 to 6."""
    if not 0 <= weekday <= 6:
        raise IndexError(f"No weekday {weekday}: 0 is Monday, 6 is Sunday.")
    return with_w(WEEKDAYS_ACCUSATIVE[weekday])
