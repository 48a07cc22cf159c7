"""The small-number rule in words an officer types: a write-up must not say "4 families
said…", because a count under the minimum (10, ``surveys.statistics``) could identify
someone, which is why the counts themselves hide it.

Standard library only, plain values in and out (tested without a database).

The check errs on the side of flagging: a number is skipped only when it is clearly not a
count of people.

- A **count** is a whole number from 1 to ``minimum - 1``, in digits ("4", "4.0", "٤",
  "4families") or in English words ("four", "half a dozen"), that is not part of a longer
  number ("2025", "4.5", "14", "7:40"), not a share ("4%", "4 %", "4 per cent"), and not an
  ordinal or a measure typed onto it ("2nd", "9am", "3km").
- A number **followed by a word for people** ("4 families", "3 parents", "one mum", "one of
  the carers") is always a count, whatever comes before it ("This year 3 parents…", "In
  the north area 4 families…").
- Otherwise a number is skipped when a **label** is directly before it ("route 4", "routes 4
  and 7", "year 6", "question 3", "aged 8", "children under 8", "May 5"), or a **measure or
  a month** directly after it ("3 miles", "2 weeks", "5 March"; a month only with its
  capital, so "3 may not get a seat" is a count).
- "one" is so common in plain English ("one answer can raise several") that, with no word
  for people after it, it is a count only before a word of saying ("one said", "one told
  us").
- English ways of saying one or two without a number before people are counts too: "one"
  set off by a comma or a dash ("One, a grandmother, said"; not "no one," or "for one,"),
  "the only one", "just one" or "only one" at the end of a phrase or before people or a
  word of saying, a subtraction from everyone ("all bar one", "everyone but one", "every
  family except two", "all agreed but one."), "a couple" ("a couple said"; "a couple of"
  only before people), "both" (unless it joins two things: "both the bus and the taxi"),
  "a pair" before people or saying, and "a single", "a lone" or "a sole" before people
  ("a single father").
- **Two or more people named one by one** are a count: "a mum and a dad said", "a
  mother, a father and a grandparent", "a grandparent and an aunt" (each with its own
  "a", "an", "one" or "another": always; "or" joins no one, "a parent or a carer" is one
  person), and "a mum and dad" sharing one "a" before a word of saying or the end of a
  phrase ("a mum and dad said", "from a mother and father."; not "a parent and carer
  forum"). Polish and Arabic have no "a": two such words for one person joined by "i",
  "oraz" or "و" ("mama i tata", "أم وأب") are a count when a word of saying is straight
  after or before them ("mama i tata napisali", "قالت أم وأب").
- Words inside a **closed** quotation (“…”, "…" or ‘…’, opened and closed in the same
  paragraph; a straight or single one on the same line) are a respondent's, not the
  council's count, and are skipped (shown as “…” in the sentence listed). A quote mark
  left open skips nothing: the rest of the text is still checked.

``small_numbers(text, minimum=10)`` lists each sentence with such a count, once, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19, "twenty": 20}

#: Polish number words from one to nine with their common forms (gender, case, the
#: collective "dwoje"/"troje", "dwóch"/"trzech" for men and mixed groups).
POLISH_WORDS = {
    **dict.fromkeys(["jeden", "jedna", "jedno", "jednego", "jednej", "jednemu", "jedną",
                     "jednym"], 1),
    **dict.fromkeys(["dwa", "dwie", "dwóch", "dwoje", "dwaj", "dwu", "dwojga", "dwom",
                     "dwóm", "dwoma", "dwiema"], 2),
    **dict.fromkeys(["trzy", "trzech", "troje", "trzej", "trojga", "trzem", "trzema"], 3),
    **dict.fromkeys(["cztery", "czterech", "czworo", "czterej", "czworga", "czterem",
                     "czterema"], 4),
    **dict.fromkeys(["pięć", "pięciu", "pięcioro", "pięciorga", "piec", "piecioro"], 5),
    **dict.fromkeys(["sześć", "sześciu", "sześcioro", "sześciorga", "szesc"], 6),
    **dict.fromkeys(["siedem", "siedmiu", "siedmioro", "siedmiorga"], 7),
    **dict.fromkeys(["osiem", "ośmiu", "ośmioro", "ośmiorga", "osmiu"], 8),
    **dict.fromkeys(["dziewięć", "dziewięciu", "dziewięcioro", "dziewięciorga",
                     "dziewiec"], 9),
}

#: Arabic number words from one to nine, masculine and feminine, and the case forms of
#: two ("اثنين"), with and without hamza.
ARABIC_WORDS = {
    **dict.fromkeys(["واحد", "واحدة"], 1),
    **dict.fromkeys(["اثنان", "اثنين", "اثنتان", "اثنتين", "إثنان", "إثنين", "إثنتان",
                     "إثنتين"], 2),
    **dict.fromkeys(["ثلاثة", "ثلاث", "ثلاثه"], 3),
    **dict.fromkeys(["أربعة", "أربع", "اربعة", "اربع", "أربعه", "اربعه"], 4),
    **dict.fromkeys(["خمسة", "خمس", "خمسه"], 5),
    **dict.fromkeys(["ستة", "ست", "سته"], 6),
    **dict.fromkeys(["سبعة", "سبع", "سبعه"], 7),
    **dict.fromkeys(["ثمانية", "ثماني", "ثمان", "ثمانيه"], 8),
    **dict.fromkeys(["تسعة", "تسع", "تسعه"], 9),
}

#: Every number word the check reads, in English, Polish and Arabic.
NUMBER_WORDS = {**WORDS, **POLISH_WORDS, **ARABIC_WORDS}

#: The words for "one": so common that, with no word for people after them, they are a
#: count only before a word of saying ("one said", "jedna napisała").
ONE_WORDS = {"one", *(w for w, n in {**POLISH_WORDS, **ARABIC_WORDS}.items() if n == 1)}

#: Words for people: a number before one of these is a count, whatever comes before it.
PEOPLE = {"family", "families", "parent", "parents", "carer", "carers", "person", "people",
          "respondent", "respondents", "child", "children", "pupil", "pupils", "school",
          "schools", "household", "households", "mother", "mothers", "father", "fathers",
          "respondent's", "family's", "parent's", "mum", "mums", "mom", "moms", "dad", "dads",
          "grandparent", "grandparents", "grandmother", "grandmothers", "grandfather",
          "grandfathers", "gran", "grandma", "grandad", "granddad", "nan", "guardian",
          "guardians", "kid", "kids", "son", "sons", "daughter", "daughters", "boy", "boys",
          "girl", "girls", "sibling", "siblings", "brother", "brothers", "sister", "sisters",
          "student", "students", "teenager", "teenagers", "learner", "learners", "man", "men",
          "woman", "women", "resident", "residents", "neighbour", "neighbours", "driver",
          "drivers", "escort", "escorts", "assistant", "assistants", "teacher", "teachers",
          "member", "members", "user", "users", "customer", "customers",
          # Polish
          "rodzina", "rodziny", "rodzin", "rodzic", "rodzice", "rodziców", "rodzicow",
          "osoba", "osoby", "osób", "osob", "dziecko", "dzieci", "matka", "matki", "matek",
          "mama", "mamy", "mam", "ojciec", "ojców", "tata", "ojcowie", "opiekun",
          "opiekunka", "opiekunowie", "opiekunów", "szkoła", "szkoły", "szkół", "uczeń",
          "uczniów", "uczniowie", "respondentów", "respondenci", "mieszkańców",
          # Arabic
          "عائلة", "عائلات", "أسرة", "أسر", "اسرة", "اسر", "عوائل", "والد", "والدة",
          "والدين", "أولياء", "آباء", "أمهات", "أم", "أب", "طفل", "أطفال", "اطفال", "شخص",
          "أشخاص", "اشخاص", "مدرسة", "مدارس", "طالب", "طلاب", "تلميذ", "تلاميذ", "أمور"}

#: Words for one person (English): two or more named one by one ("a mum and a dad") are a
#: count. Their plurals are in ``PEOPLE``.
ONE_PERSON = {"family", "parent", "carer", "person", "respondent", "child", "pupil", "school",
              "household", "mother", "father", "mum", "mom", "dad", "grandparent",
              "grandmother", "grandfather", "gran", "granny", "grandma", "grandad", "granddad",
              "grandpa", "nan", "nana", "guardian", "kid", "son", "daughter", "boy", "girl",
              "sibling", "brother", "sister", "student", "teenager", "learner", "man", "woman",
              "resident", "neighbour", "neighbor", "driver", "escort", "assistant", "teacher",
              "member", "user", "customer", "aunt", "auntie", "aunty", "uncle", "cousin",
              "niece", "nephew", "stepmother", "stepfather", "stepmum", "stepdad", "husband",
              "wife", "partner", "friend", "grandson", "granddaughter", "childminder"}
PEOPLE |= {"aunts", "aunties", "uncles", "cousins", "nieces", "nephews", "stepmothers",
           "stepfathers", "stepmums", "stepdads", "husbands", "wives", "partners", "friends",
           "grandsons", "granddaughters", "grannies", "grandmas", "grandads", "granddads",
           "grandpas", "nans", "childminders", "neighbors"}
#: Polish words for one person ("mama i tata napisali": a count).
POLISH_ONE_PERSON = {"matka", "mama", "ojciec", "tata", "babcia", "babka", "dziadek", "ciocia",
                     "ciotka", "wujek", "wuj", "opiekun", "opiekunka", "rodzic", "dziecko",
                     "syn", "córka", "brat", "siostra", "uczeń", "uczennica", "nauczyciel",
                     "nauczycielka", "kierowca", "sąsiad", "sąsiadka", "osoba", "rodzina",
                     "mieszkaniec", "mieszkanka", "macocha", "ojczym", "wnuk", "wnuczka",
                     "kuzyn", "kuzynka", "przyjaciel", "przyjaciółka", "mąż", "żona",
                     "partner", "partnerka", "babci", "dziadka"}
#: Arabic words for one person, with and without "the" (ال) and the common spellings of
#: their first alif and last letter ("أم وأب", "الأم والأب").
_ARABIC_ONE = ["أم", "ام", "أب", "اب", "والد", "والدة", "والده", "جد", "جدة", "جده", "عم",
               "عمة", "عمه", "خال", "خالة", "خاله", "ابن", "ابنة", "ابنه", "بنت", "ولد", "أخ",
               "اخ", "أخت", "اخت", "طفل", "طفلة", "طفله", "شخص", "طالب", "طالبة", "طالبه",
               "تلميذ", "تلميذة", "معلم", "معلمة", "معلمه", "سائق", "مرافق", "مرافقة", "جار",
               "جارة", "زوج", "زوجة", "زوجه", "أسرة", "اسرة", "عائلة", "عائله", "وصي", "ولي",
               "مربية", "حاضنة"]
ARABIC_ONE_PERSON = {*_ARABIC_ONE, *("ال" + w for w in _ARABIC_ONE)}

#: Words of saying: "one" before one of these ("one said") is a count of a person.
SAYING = {"said", "says", "told", "tells", "wrote", "writes", "mentioned", "asked", "felt",
          "described", "raised", "added", "explained", "complained", "reported", "commented",
          "suggested", "noted", "shared", "called", "rang", "phoned", "replied", "answered",
          "wanted", "thinks", "thought", "feels", "believes", "worried",
          # Polish
          "powiedział", "powiedziała", "napisał", "napisała", "stwierdził", "stwierdziła",
          "zgłosił", "zgłosiła", "uważa", "skarżył", "skarżyła", "wspomniał", "wspomniała",
          "zadzwonił", "zadzwoniła", "odpowiedział", "odpowiedziała",
          # Arabic
          "قال", "قالت", "كتب", "كتبت", "ذكر", "ذكرت", "أفاد", "أفادت", "اشتكى", "اشتكت",
          "أخبرنا", "أخبرتنا", "يقول", "تقول"}

#: Words of saying for two or more (Polish and Arabic agree the verb with the people:
#: "mama i tata napisali", "أم وأب قالا").
SAYING |= {
    # Polish
    "powiedzieli", "powiedziały", "napisali", "napisały", "stwierdzili", "stwierdziły",
    "zgłosili", "zgłosiły", "uważają", "skarżyli", "skarżyły", "wspomnieli", "wspomniały",
    "zadzwonili", "zadzwoniły", "odpowiedzieli", "odpowiedziały", "mówią", "piszą",
    "pisali", "pisały", "mówili", "mówiły", "twierdzą", "dodali", "dodały", "zauważyli",
    "zauważyły", "opowiedzieli", "opowiedziały", "powiedziała", "napisała",
    # Arabic
    "قالا", "قالتا", "قالوا", "كتبا", "كتبتا", "كتبوا", "ذكرا", "ذكرتا", "ذكروا", "أفادا",
    "أفادتا", "أفادوا", "اشتكيا", "اشتكتا", "اشتكوا", "أخبرانا", "أخبرونا", "يقولان",
    "تقولان", "يقولون", "أشارا", "أشارتا", "أشاروا", "أشار", "أشارت"}

#: Measures after a number that make it something other than a count of people.
MEASURES = {"percent", "per", "mile", "miles", "km", "minute", "minutes", "min", "mins",
            "hour", "hours", "hrs", "day", "days", "week", "weeks", "month", "months", "year",
            "years", "am", "pm", "a.m", "p.m", "o'clock", "oclock", "times", "time", "stops",
            "pounds", "pence", "p", "£", "metres", "meters", "m", "yards", "seconds",
            "x",
            # Polish
            "procent", "proc", "mil", "mila", "minut", "minuty", "minutę", "godzin",
            "godziny", "godzinę", "dni", "dzień", "tygodnie", "tygodni", "tydzień",
            "miesiące", "miesięcy", "lata", "lat", "razy", "raz", "przystanki", "przystanków",
            "zł", "złotych", "funtów", "funty", "metrów", "sekund",
            # Arabic
            "بالمئة", "بالمائة", "دقائق", "دقيقة", "ساعات", "ساعة", "أيام", "ايام",
            "يوم", "أسابيع", "أسبوع", "اسابيع", "أشهر", "شهور", "شهر", "سنوات", "سنة",
            "أميال", "ميل", "كيلومتر", "كم", "مرات", "مرة", "جنيهات", "جنيه", "محطات", "أمتار",
            "ثوان"}

#: Months, a measure (or, before a number, a label) only as written with their capital:
#: "5 March", "May 5"; "3 may not get a seat" is a count.
MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
          "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}

#: Words between a number and the people it counts: "4 young carers", "one of the parents"
#: (a determiner only after "of": "route 4 the driver" names a route).
_LINKS = {"of", "young", "other", "more", "single", "lone", "foster", "working", "local",
          "older", "younger", "new", "different", "disabled", "adult", "grown", "step",
          "parent"}
_DETERMINERS = {"the", "these", "those", "our", "their", "its", "my", "your"}
#: Words after which a number names something (a route, a year group) rather than counts.
LABELS = {"route", "routes", "bus", "buses", "number", "numbers", "no", "nos", "no.", "year",
          "years", "room", "page", "question", "questions", "stop", "step", "class", "zone",
          "band", "level", "phase", "version", "section", "table", "key", "stage", "ks",
          "grade", "ward", "area", "line", "age", "aged", "ages", "size", "item", "point",
          "points", "chapter", "part", "paragraph", "figure", "option", "options", "score",
          "scored", "rated", "rating", "top", "bottom",
          # Polish
          "trasa", "trasy", "linia", "linii", "autobus", "autobusu", "numer", "nr", "rok",
          "roku", "klasa", "klasy", "klasie", "pytanie", "pytania", "pytaniu", "przystanek",
          "wiek", "wieku", "strona", "punkt", "etap", "poziom", "sala",
          # Arabic
          "رقم", "خط", "الخط", "السؤال", "سؤال", "الصف", "صف", "الحافلة", "حافلة", "المسار",
          "مسار", "الصفحة", "صفحة", "العمر", "عمر", "سن", "المرحلة", "المستوى"}
#: "under 8", "over 5": ages only straight after a word for children ("children under 8").
_AGE_WORDS = {"under", "over"}
_CHILDREN = {"child", "children", "pupils", "kids", "those", "aged", "ages", "age"}

_LAST_WORDS = re.compile(r"([\w.]+)[\s#]*(?:([\w.]+)[\s#]*)?$")
_LIST_GAP = re.compile(r"\s*(?:,|and|or|&|to|-|–)\s*")
# A quotation opened and closed in one paragraph: an opening mark not straight after a
# letter or digit ('7"' is inches), a closing mark not straight before one ("don’t"). A
# curly one may run over a line break (an answer quoted as typed), never over a blank line
# or another opening mark.
_QUOTED = re.compile(r"(?<![\w])“(?:[^“”\n]|\n(?![ \t]*\n))*”|(?<![\w])\"[^\"\n]*\"(?!\w)"
                     r"|(?<![\w])‘(?:[^’\n]|’(?=\w))*’(?!\w)")
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(r"(?<![\w.,:£$€/-])(?:(\d+)(?:\.(\d+))?([^\W\d_]*)|([^\W\d_]+))"
                     r"(?![\w])(?![.,:]\d)(\s*%)?")
_NEXT_WORD = re.compile(r"\s*([£\w'’.]+)")
_DOZEN = re.compile(r"\bhalf\s+a\s+dozen\b|\ba\s+couple\s+of\b", re.IGNORECASE)
# English ways of giving one or two (see the module doc), each found case-blind.
_ONE_SET_OFF = re.compile(r"(?<![\w'’-])(\w+\s+)?(one)\s*[,;:–—]|(?<![\w'’-])(\w+\s+)?(one)\s+-\s",
                          re.IGNORECASE)
_NOT_A_COUNT_BEFORE_ONE = {"no", "for", "at", "any", "every", "each", "which", "this", "that",
                           "another", "and", "or", "than"}
_THE_ONLY_ONE = re.compile(r"\bthe\s+(?:only|sole)\s+one\b", re.IGNORECASE)
_JUST = re.compile(r"\b(?:just|only|merely)\s+(one|two)\b", re.IGNORECASE)
_EXCEPT = re.compile(r"\b(?:but|bar|except(?:\s+for)?|save|apart\s+from|other\s+than|barring)"
                     r"\s+(\d+|[^\W\d_]+)\b", re.IGNORECASE)
_EVERYONE = re.compile(r"\b(?:all|every\w*|each)\b", re.IGNORECASE)
_A_COUPLE = re.compile(r"\ba\s+couple\b(?!\s+of\b)", re.IGNORECASE)
_BOTH = re.compile(r"\bboth\b", re.IGNORECASE)
_A_PAIR = re.compile(r"\ba\s+pair\b", re.IGNORECASE)
_A_SINGLE = re.compile(r"\b(?:a|an|one|the)\s+(?:single|lone|sole|solitary)\b", re.IGNORECASE)
_PHRASE_END = re.compile(r"\s*(?:[.!?,;:–—)]|-\s|$)")
# People named one by one (see the module doc). A person: "a", "an", "one" or "another",
# any linking words ("young", "foster"), then a word for one person.
_ARTICLE = r"(?:a|an|one|another)"
_LINKED = r"(?:(?:" + "|".join(sorted(_LINKS, key=len, reverse=True)) + r")\s+)*"
_ONE_PERSON = r"(?:" + "|".join(sorted(ONE_PERSON, key=len, reverse=True)) + r")"
_A_PERSON = rf"\b{_ARTICLE}\s+{_LINKED}{_ONE_PERSON}\b"
_AND = r"(?:and|&|plus|as\s+well\s+as)"
_PEOPLE_ONE_BY_ONE = re.compile(
    rf"{_A_PERSON}(?:\s*,\s*{_A_PERSON})*\s*,?\s+{_AND}\s+{_A_PERSON}", re.IGNORECASE)
_A_PERSON_AND_PERSON = re.compile(
    rf"\b(?:a|an)\s+{_LINKED}{_ONE_PERSON}\s+{_AND}\s+{_LINKED}{_ONE_PERSON}\b",
    re.IGNORECASE)
_PERSON_IN_LIST = re.compile(_A_PERSON, re.IGNORECASE)
_POLISH_PAIR = re.compile(
    r"(?<!\w)(" + "|".join(sorted(POLISH_ONE_PERSON, key=len, reverse=True))
    + r")\s+(?:i|oraz|a\s+także)\s+("
    + "|".join(sorted(POLISH_ONE_PERSON, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)
_ARABIC_PAIR = re.compile(
    r"(?<!\w)(" + "|".join(sorted(ARABIC_ONE_PERSON, key=len, reverse=True))
    + r")\s+و\s*(" + "|".join(sorted(ARABIC_ONE_PERSON, key=len, reverse=True))
    + r")(?!\w)")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")


@dataclass(frozen=True)
class SmallNumber:
    """A sentence of the write-up with a count under the minimum, and the count as typed."""

    sentence: str
    typed: str
    value: int


def _value(match: re.Match) -> int | None:
    digits, decimals, suffix, word = match.group(1, 2, 3, 4)
    if word is not None:
        return NUMBER_WORDS.get(word.lower())
    if len(digits) > 3 or (decimals and decimals.strip("0")):
        return None  # "2025", "4.5": not a count
    if suffix and suffix.lower() not in PEOPLE:
        return None  # "2nd", "9am", "3km"
    return int(digits)


def _words_after(text: str, at: int, count: int = 4) -> list[str]:
    """Up to ``count`` words straight after ``at``, stopping at any punctuation."""
    words = []
    for _n in range(count):
        found = _NEXT_WORD.match(text, at)
        if not found:
            break
        words.append(found.group(1).rstrip("."))
        if found.group(1).endswith("."):
            break
        at = found.end()
    return words


def _before_people(text: str, at: int, suffix: str = "") -> bool:
    """Whether a word for people follows ``at`` ("families", "of the parents", "foster
    carers"), or is typed onto the number ("4families")."""
    if suffix and suffix.lower() in PEOPLE:
        return True
    previous = ""
    for word in _words_after(text, at):
        word = word.lower().removesuffix("'s").removesuffix("’s").rstrip("'’")
        if word in PEOPLE:
            return True
        if word not in _LINKS and not (word in _DETERMINERS and previous == "of"):
            return False
        previous = word
    return False


def _labelled(bare: str, start: int) -> bool:
    """Whether a label is directly before the number at ``start`` ("route 4", "May 5",
    "children under 8")."""
    before = _LAST_WORDS.search(bare, 0, start)
    if not before:
        return False
    last = before.group(2) or before.group(1)
    previous = before.group(1) if before.group(2) else ""
    if last.lower() in LABELS or last in MONTHS:
        return True
    return last.lower() in _AGE_WORDS and previous.lower() in _CHILDREN


def _said_or_people(bare: str, at: int) -> bool:
    """Whether a word for people, a word of saying, or the end of a phrase follows ``at``."""
    if _PHRASE_END.match(bare, at) or _before_people(bare, at):
        return True
    after = _words_after(bare, at, 1)
    return bool(after) and after[0].lower() in SAYING


def _saying_beside(bare: str, start: int, end: int) -> bool:
    """Whether a word of saying is straight before ``start`` or straight after ``end``."""
    after = _words_after(bare, end, 1)
    before = _WORD_BEFORE.search(bare, 0, start)
    return bool(after and after[0].lower() in SAYING
                or before and before.group(1).lower() in SAYING)


def _one_by_one(bare: str):
    """People named one by one: (words, how many) for each (module doc)."""
    for match in _PEOPLE_ONE_BY_ONE.finditer(bare):
        yield match.group(0), len(_PERSON_IN_LIST.findall(match.group(0)))
    for match in _A_PERSON_AND_PERSON.finditer(bare):
        if _said_or_people(bare, match.end()):
            yield match.group(0), 2
    for pattern in (_POLISH_PAIR, _ARABIC_PAIR):
        for match in pattern.finditer(bare):
            if _saying_beside(bare, match.start(), match.end()):
                yield match.group(0), 2


def _idioms(bare: str, minimum: int):
    """The English ways of giving one or two with no number before people (module doc), and
    people named one by one in English, Polish and Arabic."""
    for typed, value in _one_by_one(bare):
        if value < minimum:
            yield typed, value
    for match in _ONE_SET_OFF.finditer(bare):
        before = (match.group(1) or match.group(3) or "").strip().lower()
        if before not in _NOT_A_COUNT_BEFORE_ONE:
            yield (match.group(2) or match.group(4)), 1
    for match in _THE_ONLY_ONE.finditer(bare):
        yield match.group(0), 1
    for match in _JUST.finditer(bare):
        if _said_or_people(bare, match.end()):
            yield match.group(0), NUMBER_WORDS[match.group(1).lower()]
    for match in _EXCEPT.finditer(bare):
        typed = match.group(1)
        value = int(typed) if typed.isdigit() else NUMBER_WORDS.get(typed.lower())
        if value is None or not 0 < value < minimum:
            continue
        if _EVERYONE.search(bare, 0, match.start()) or _PHRASE_END.match(bare, match.end()):
            yield match.group(0), value
    for match in _A_COUPLE.finditer(bare):
        after = _words_after(bare, match.end(), 1)
        if not (after and after[0].lower() in MEASURES):
            yield match.group(0), 2
    for match in _BOTH.finditer(bare):
        joined = {"and", "or", "&"} & {w.lower() for w in _words_after(bare, match.end(), 5)}
        if _before_people(bare, match.end()) or not joined:
            yield match.group(0), 2
    for match in _A_PAIR.finditer(bare):
        if _said_or_people(bare, match.end()):
            yield match.group(0), 2
    for match in _A_SINGLE.finditer(bare):
        if _before_people(bare, match.end()):
            yield match.group(0), 1


def _counts(bare: str, minimum: int):
    yield from _idioms(bare, minimum)
    for match in _DOZEN.finditer(bare):
        words = match.group(0).lower().split()
        if words[0] == "half" or _before_people(bare, match.end()):
            yield match.group(0), 6 if words[0] == "half" else 2
    labelled_until = -1
    for match in _NUMBER.finditer(bare):
        value = _value(match)
        if value is None:
            continue
        token, percent = match.group(0).rstrip("% "), match.group(5)
        people = _before_people(bare, match.end(), match.group(3) or "")
        in_list = labelled_until >= 0 and _LIST_GAP.fullmatch(bare, labelled_until,
                                                                match.start())
        if not people and (_labelled(bare, match.start()) or in_list):
            labelled_until = match.end()  # "routes 4 and 7": names, not counts
            continue
        labelled_until = -1
        if not 0 < value < minimum or percent:
            continue
        if people:
            yield token, value
            continue
        after = _words_after(bare, match.end(), 1)
        word = after[0] if after else ""
        if word.lower() in MEASURES or word in MONTHS:
            continue
        if match.group(4) and match.group(4).lower() in ONE_WORDS and word.lower() not in SAYING:
            continue
        yield token, value


def small_numbers(text: str, *, minimum: int = 10) -> list[SmallNumber]:
    """Each sentence of ``text`` that gives a count under ``minimum`` (see the module doc),
    with the first such count in it; [] when there is none."""
    found = []
    # A respondent's words, however many sentences, are taken out before splitting; a
    # quotation is closed in its own paragraph or it is not one.
    for sentence in _SENTENCES.split(_QUOTED.sub("“…”", text or "")):
        sentence = sentence.strip()
        for token, value in _counts(sentence, minimum):
            found.append(SmallNumber(sentence, token, value))
            break
    return found
