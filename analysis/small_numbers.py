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
- More English ways: "the only" before a word for one person ("the only grandparent who
  wrote"), "nobody but" (or "no one except", "none other than"…) before people or a name
  ("nobody but the Smith family"), "a family, and another", "a trio", "twins" and "a
  handful" (before people, a word of saying or the end of a phrase).
- **Polish** "obie", "oboje", "obaj" (both) before people ("obie rodziny", "oboje
  rodzice") and "para" (a pair) before people ("para rodziców") are two.
- **Arabic** puts "one" after its noun ("عائلة واحدة", "أم واحدة": one), and says two
  with the dual ("والدان", "عائلتان", "أمّان", "طفلان", "الطفلين"; the dual ending -ان or
  -ين on a word for a person, ``ARABIC_DUALS``): a count of two, unless a number, "من"
  (of) or a word such as "كل" or "بعض" comes before it ("30 من الوالدين").
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

- A **share of a small base** is a count too: a proportion word ("half", "a third", "a
  quarter", "two thirds", "most", "the majority", "a minority", "nearly all"; Polish
  "połowa", "jedna trzecia", "ćwierć", "większość"; Arabic "نصف", "ثلث", "ربع", "معظم",
  "أغلبية") or a percentage ("25%", "25 per cent", "25 procent", "٢٥٪") with a base that,
  with the share, pins a count from 1 to ``minimum - 1`` or leaves that few on the other
  side ("a quarter of the 12 who wrote" is 3; "most of the 12" leaves 5 or fewer; "half of
  the 14" is 7). The base is a number in the same sentence ("of the 12", "(12 in all)"),
  or, when the sentence gives none ("25% of those who wrote"), each of the write-up's
  published bases the caller gives (``bases``). A percentage in brackets straight after
  the counts it is worked from ("20 of 24 people (83 %)", the draft's own words) restates
  them and is not read again. A share and a base only make sense together: "half of the
  families" with no base anywhere is no count.

- **One of them**: "one of the parents", Polish "jeden z rodziców", "jedna z matek", Arabic
  "أحد الآباء", "إحدى الأمهات", "واحد من الآباء" (a number word, then "of", "z" or "من", then
  people; or Arabic "أحد"/"إحدى" before a word for people) is one.
- **More people named one by one**: a pair with words between it and its word of saying
  ("Mama i tata z ulicy Dębowej napisali", "Napisali do nas mama i tata", "كتبت إلينا أم
  وجدة": up to four words after, three before); "a dad and his partner", "his mum and her
  dad" (a possessive for an article) before a word of saying or the end of a phrase;
  "grandad and grandma said" (two words for one person, no article, a word of saying
  straight after); each with a verb of their own ("A father wrote, and so did a mother",
  "Mama napisała, a tata dodał", "كتبت أم، وكتب أب": two family members in one sentence,
  each with a word of saying beside them); roles ("a taxi driver and an escort", "a
  headteacher and a SENCO", "a teacher and a social worker", "a passenger assistant");
  named families and people ("the Smith family and the Jones family", "Mrs Patel and Mr
  Khan"; one named family or titled person before a word of saying).
- **A base in words**: "twelve", Polish "dwunastu" (ten to twenty and the tens, their
  common forms), Arabic "الاثني عشر", "ثلاثة عشر" (the teens as two words, with or without
  "the"), and, for a share "of them" ("z nich", "منهم"), a base in the sentence before
  ("12 wrote. A quarter of them said so.").
- **A plain subtraction**: a base first, then a count of it ("Of the 14 schools, 12 agreed",
  "Of 24 people, 20 agreed", "12 of the 14 schools", "20 out of 24", Polish "Z 14 szkół 12…",
  Arabic "من أصل 14 مدرسة، وافقت 12") gives the others too: flagged when the two differ by
  1 to ``minimum - 1``. The draft's own "20 of 24 people" (no "the") is a theme's count of
  everyone who wrote: those who did not raise a theme are no group (``analysis.counting``).

``small_numbers(text, minimum=10, bases=())`` lists each sentence with such a count, once,
in order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
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

#: Polish number words from ten to twenty and the tens up to fifty, with their common forms:
#: never a count under the minimum, but a base ("połowa z dwunastu rodzin").
POLISH_TENS = {
    **dict.fromkeys(["dziesięć", "dziesięciu", "dziesięcioro", "dziesiec"], 10),
    **dict.fromkeys(["jedenaście", "jedenastu", "jedenaścioro"], 11),
    **dict.fromkeys(["dwanaście", "dwunastu", "dwanaścioro", "dwanascie"], 12),
    **dict.fromkeys(["trzynaście", "trzynastu", "trzynaścioro"], 13),
    **dict.fromkeys(["czternaście", "czternastu", "czternaścioro"], 14),
    **dict.fromkeys(["piętnaście", "piętnastu", "piętnaścioro"], 15),
    **dict.fromkeys(["szesnaście", "szesnastu", "szesnaścioro"], 16),
    **dict.fromkeys(["siedemnaście", "siedemnastu"], 17),
    **dict.fromkeys(["osiemnaście", "osiemnastu"], 18),
    **dict.fromkeys(["dziewiętnaście", "dziewiętnastu"], 19),
    **dict.fromkeys(["dwadzieścia", "dwudziestu", "dwadzieścioro"], 20),
    **dict.fromkeys(["trzydzieści", "trzydziestu"], 30),
    **dict.fromkeys(["czterdzieści", "czterdziestu"], 40),
    **dict.fromkeys(["pięćdziesiąt", "pięćdziesięciu"], 50),
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
NUMBER_WORDS = {**WORDS, **POLISH_WORDS, **POLISH_TENS, **ARABIC_WORDS,
                "عشرة": 10, "عشر": 10, "عشرين": 20, "عشرون": 20}

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
              "wife", "partner", "friend", "grandson", "granddaughter", "childminder",
              "headteacher", "headmaster", "headmistress", "senco", "worker", "nurse",
              "therapist", "keyworker", "caseworker", "chaperone", "councillor"}
PEOPLE |= {"headteachers", "headmasters", "headmistresses", "sencos", "workers", "nurses",
           "therapists", "keyworkers", "caseworkers", "chaperones", "councillors"}
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
    "dodał", "dodała", "pisał", "pisała", "mówił", "mówiła", "zauważył", "zauważyła",
    "poprosił", "poprosiła", "prosił", "prosiła", "zapytał", "zapytała",
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
          "parent",
          # roles: "a taxi driver", "a passenger assistant", "a social worker"
          "taxi", "bus", "minibus", "coach", "passenger", "social", "support", "key", "case",
          "head", "teaching", "class", "school", "family", "crossing"}
#: "of" in Polish and Arabic, between a number and the people it counts ("jeden z rodziców",
#: "واحد من الآباء"); a determiner may follow it ("one of the parents").
_OF_WORDS = {"of", "z", "ze", "spośród", "wśród", "من", "بين"}
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
_POSSESSIVE = r"(?:his|her|their|my|our|your)"
#: "a dad and his partner", "his mum and her dad": a possessive stands for the article.
_POSSESSED_PAIR = re.compile(
    rf"\b(?:{_ARTICLE}|{_POSSESSIVE})\s+{_LINKED}{_ONE_PERSON}\s+{_AND}\s+"
    rf"(?:{_POSSESSIVE}|a|an|another)\s+{_LINKED}{_ONE_PERSON}\b", re.IGNORECASE)
#: "Grandad and grandma said": two words for one person with no article.
_BARE_PAIR = re.compile(rf"(?<![\w'’-]){_ONE_PERSON}\s+{_AND}\s+{_ONE_PERSON}\b",
                        re.IGNORECASE)
#: Staff, who may be talked about without being respondents: not "family members" for
#: ``_own_verbs``.
_STAFF = {"driver", "escort", "assistant", "teacher", "member", "user", "customer",
          "headteacher", "headmaster", "headmistress", "senco", "worker", "nurse",
          "therapist", "keyworker", "caseworker", "chaperone", "councillor", "kierowca",
          "nauczyciel", "nauczycielka", "سائق", "مرافق", "مرافقة", "معلم", "معلمة", "معلمه"}
#: A family named ("the Smith family") or a person with a title ("Mrs Patel"), and lists
#: of them joined by "and", "&" or commas.
_NAMED_ONE = (r"(?:(?:[Tt]he\s+)?[A-Z][\w'’-]+\s+(?:family|household|twins|children)\b"
              r"|(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+[A-Z][\w'’-]+)")
_NAMED = re.compile(r"((?:[Tt]he\s+)?[A-Z][\w'’-]+\s+(?:family|household|twins|children)\b)"
                    r"|(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+([A-Z][\w'’-]+)")
_NAMED_LIST = re.compile(rf"{_NAMED_ONE}(?:\s*(?:,|,?\s+and|&)\s+{_NAMED_ONE})*")
#: Capitalised words before "family" that name no family ("The whole family", "Each").
_NOT_NAMES = {"The", "This", "That", "Each", "Every", "One", "A", "An", "Any", "Our",
              "Their", "Your", "My", "His", "Her", "Its", "Another", "Other", "Same",
              "Whole", "Foster", "Host", "Local", "Royal", "Council", "Forum", "Family",
              "SEND", "Polish", "Arabic", "English", "New", "First", "Last", "Next", "Only",
              "Young", "Extended", "Birth", "Adoptive", "Kinship", "Single", "Lone"}
#: Arabic "one of": "أحد الآباء", "إحدى الأمهات" (before a word for people).
_ARABIC_ONE_OF = re.compile(r"(?<!\w)(?:أحد|احد|إحدى|احدى|إحدي|احدي)\s+(\w+)")
# More English ways of giving one, two or a few (module doc).
_THE_ONLY_PERSON = re.compile(rf"\bthe\s+(?:only|sole|one)\s+{_LINKED}{_ONE_PERSON}\b",
                              re.IGNORECASE)
_NOBODY_BUT = re.compile(r"\b(?:nobody|no\s+one|no-one|none|not\s+one|not\s+a\s+soul)\s+"
                         r"(?:but|except(?:\s+for)?|other\s+than|apart\s+from|besides|save|"
                         r"bar)\b", re.IGNORECASE)
_AND_ANOTHER = re.compile(rf"{_A_PERSON}\s*,?\s+{_AND}\s+(?:one\s+)?(?:other|another)\b"
                          r"(?=\s*(?:[.!?,;:–—)]|$|\s(?:said|says|told|wrote|asked|felt|too|"
                          r"also|agreed)\b))", re.IGNORECASE)
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "mx"}
_FEW_WORDS = re.compile(r"\b(?:a\s+trio|a\s+threesome|a\s+handful|a\s+duo)\b", re.IGNORECASE)
_TWINS = re.compile(r"\b(?:twins|triplets)\b", re.IGNORECASE)
# Polish "both" and "a pair" before people.
_POLISH_BOTH = re.compile(r"(?<!\w)(?:obie|oboje|obaj|obydwie|obydwoje|obydwaj|obu|obojga|"
                          r"obydwu|para|parę|pary)(?!\w)", re.IGNORECASE)
#: Arabic words for a person, as the dual says two of them (-ان, -ين; -تان, -تين for those
#: ending in ة), with shadda where the bare spelling is another word (أمان is "safety").
_ARABIC_DUAL_STEMS = ["عائلت", "أسرت", "اسرت", "أمّ", "طفل", "طفلت", "ابن", "ابنت", "بنت",
                      "ولد", "أخت", "اخت", "شخص", "جدّ", "جدت", "تلميذ", "تلميذت", "مرافقت",
                      "مدرست", "معلمت", "سائقت", "طالبت", "جار", "جارت", "زوج", "زوجت", "عمّ",
                      "عمت", "خالت"]
#: Words whose -ين form is also their plural ("المرافقين", the escorts) or, with "the",
#: the parents in general ("موافقة الوالدين"): only their -ان form, and -ين without "the"
#: for the parents, are two.
_ARABIC_DUAL_ONLY_AN = ["مرافق", "معلم", "سائق", "طالب", "والد", "أبو", "ابو"]
#: The Arabic dual forms of words for people, with and without "the" (ال).
ARABIC_DUALS = ({f"{the}{stem}{end}" for stem in _ARABIC_DUAL_STEMS for end in ("ان", "ين")
                 for the in ("", "ال")}
                | {f"{the}{stem}ان" for stem in _ARABIC_DUAL_ONLY_AN for the in ("", "ال")}
                | {"والدين", "أبوين", "ابوين"})
_ARABIC_DUAL = re.compile(r"(?<!\w)و?(" + "|".join(sorted(ARABIC_DUALS, key=len, reverse=True))
                          + r")(?!\w)")
#: Words before an Arabic dual that make it no count of two ("من الوالدين", "كل الوالدين").
_ARABIC_NOT_TWO = {"من", "كل", "جميع", "بعض", "معظم", "أغلب", "اغلب", "عدد", "أحد", "احد"}
_TWO_WORDS_BEFORE = re.compile(r"(?:(\w+)\W+)?(\w+)\W*$")
#: "كلا الوالدين", "كلتا الأمّين": both.
_ARABIC_BOTH = re.compile(r"(?<!\w)(?:كلا|كلتا)\s+ال\w+")
_ARABIC_ONE_AFTER = re.compile(
    r"(?<!\w)(" + "|".join(sorted(ARABIC_ONE_PERSON | {"أسرة", "عائلة", "مدرسة", "والدة"},
                                  key=len, reverse=True))
    + r")\s+(واحد|واحدة|واحده)(?!\w)")


# --- shares of a base (module doc) -------------------------------------------------------

#: Fraction words after a numerator ("a third", "two thirds", "jedna trzecia", "ثلث"): the
#: denominator. A number straight before one of these is a numerator, not a count.
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
    # Polish (after "jedna", "dwie", "trzy"...)
    "trzecia": 3, "trzecie": 3, "trzecich": 3, "czwarta": 4, "czwarte": 4, "czwartych": 4,
    "piąta": 5, "piąte": 5, "piątych": 5, "dziesiąta": 10, "dziesiąte": 10,
    # Arabic "ثلاثة أرباع" (three quarters)
    "أرباع": 4, "ارباع": 4}
#: Numerators before a fraction word: "a", "one", "two", "three"... (digits too).
_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
               "seven": 7, "nine": 9, "jedna": 1, "jedną": 1, "dwie": 2, "trzy": 3,
               "cztery": 4, "ثلاثة": 3, "ثلاث": 3}
#: Shares in one word: the lowest and highest fraction of the base each can mean.
SHARE_WORDS = {
    "half": (0.5, 0.5), "quarter": (0.25, 0.25),
    "most": (0.5, 1.0), "majority": (0.5, 1.0), "minority": (0.0, 0.5),
    # Polish
    "połowa": (0.5, 0.5), "połowy": (0.5, 0.5), "połowę": (0.5, 0.5), "połową": (0.5, 0.5),
    "połowie": (0.5, 0.5), "ćwierć": (0.25, 0.25), "większość": (0.5, 1.0),
    "większości": (0.5, 1.0), "mniejszość": (0.0, 0.5), "mniejszości": (0.0, 0.5),
    # Arabic, with and without "the" (ال)
    "نصف": (0.5, 0.5), "النصف": (0.5, 0.5), "ثلث": (1 / 3, 1 / 3), "الثلث": (1 / 3, 1 / 3),
    "ثلثا": (2 / 3, 2 / 3), "ثلثي": (2 / 3, 2 / 3), "ربع": (0.25, 0.25),
    "الربع": (0.25, 0.25),
    "معظم": (0.5, 1.0), "أغلب": (0.5, 1.0), "اغلب": (0.5, 1.0), "أغلبية": (0.5, 1.0),
    "الأغلبية": (0.5, 1.0), "غالبية": (0.5, 1.0), "الغالبية": (0.5, 1.0),
    "أكثرية": (0.5, 1.0), "أقلية": (0.0, 0.5), "الأقلية": (0.0, 0.5)}
_NEARLY_ALL = re.compile(r"\b(?:nearly|almost|virtually|practically)\s+(?:all|everyone|every)\b"
                         r"|\bprawie\s+(?:wszyscy|wszystkie|wszystkich|każd\w*)\b"
                         r"|(?<!\w)(?:تقريبا|تقريبًا)\s+(?:كل|جميع)", re.IGNORECASE)
_FRACTION = re.compile(
    r"(?<![\w/])(?:(\d+|" + "|".join(_NUMERATORS) + r")[\s-]+)?("
    + "|".join(sorted(DENOMINATORS, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)
_SLASHED = re.compile(r"(?<![\w/.])(\d)\s*/\s*(\d{1,2})(?![\w/])")
_PERCENT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d+)?)\s*(?:%|٪|per\s*cent\b|percent\b|procent\w*|proc\.|"
    r"(?:بالمئة|بالمائة|في\s+المئة|في\s+المائة))", re.IGNORECASE)
_SHARE_WORD = re.compile(r"(?<!\w)(" + "|".join(sorted(SHARE_WORDS, key=len, reverse=True))
                         + r")(?!\w)", re.IGNORECASE)
#: "20 of 24 people (83 %)": a percentage in brackets straight after its counts.
_RESTATED = re.compile(r"\b\d+\s+(?:of|out\s+of|z)\s+\d+\b[^()]*\(\s*$", re.IGNORECASE)
_ARABIC_THE_NUMBER = re.compile(r"(?<!\w)الـ?\s?(\d+)(?!\d)")
#: The units of the Arabic teens, as they stand before "عشر"/"عشرة" ("أحد عشر" is 11).
_ARABIC_UNITS = {**{w: n for w, n in ARABIC_WORDS.items() if n > 2},
                 **dict.fromkeys(["أحد", "احد", "إحدى", "احدى"], 1),
                 **dict.fromkeys(["اثنا", "اثني", "اثنتا", "اثنتي", "إثنا", "إثني"], 2)}
_ARABIC_TEEN = re.compile(r"(?<!\w)(?:ال)?(" + "|".join(sorted(_ARABIC_UNITS, key=len,
                                                              reverse=True))
                          + r")\s+(?:عشر|عشرة|عشره)(?!\w)")
#: A share of those just counted: "a quarter of them", "z nich", "منهم".
_OF_THEM = re.compile(r"\b(?:of|out\s+of)\s+them\b|(?<!\w)(?:z|spośród|wśród)\s+nich(?!\w)"
                      r"|(?<!\w)(?:منهم|منهن|منهما)(?!\w)", re.IGNORECASE)
#: A base, then a count of it: "Of the 14 schools, 12 agreed", "12 of the 14 schools", "20
#: out of 24", Polish "Z 14 szkół 12…", Arabic "من أصل 14 مدرسة، وافقت 12" (module doc).
_BASE_FIRST = re.compile(
    r"(?:\b(?:of|out\s+of)|(?<!\w)(?:z|ze|spośród|wśród)|(?<!\w)من\s+(?:أصل|اصل|بين))\s+"
    r"(?:(?:the|those|these|all|tych|wszystkich|ال)\s+)?(\d{1,4})(?![\d.,:/]\d)"
    r"[^.!?;\d]{0,60}?[,،:–—]\s*(?:\w+\s+){0,2}?(\d{1,4})(?![\d%]|[.,:/]\d|\s*(?:%|per\s*cent))",
    re.IGNORECASE)
_COUNT_OF_THE = re.compile(
    r"(?<![\w.,:/-])(\d{1,4})\s+(?:of\s+the|out\s+of(?:\s+the)?)\s+(\d{1,4})(?![\d.,:/]\d)",
    re.IGNORECASE)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass(frozen=True)
class _Share:
    """A share as typed, the lowest and highest fraction of its base it can mean, and where
    it is in the sentence."""

    typed: str
    low: float
    high: float
    start: int
    end: int


def _shares(bare: str) -> Iterator[_Share]:
    """The shares of a sentence (module doc), each once, in no particular order."""
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in taken)

    for match in _PERCENT.finditer(bare):
        if _RESTATED.search(bare, 0, match.start()):
            continue  # the draft's "20 of 24 people (83 %)": it restates its counts
        share = float(match.group(1).translate(_ARABIC_DIGITS).replace(",", ".")) / 100
        taken.append(match.span())
        yield _Share(match.group(0), share, share, *match.span())
    for match in _NEARLY_ALL.finditer(bare):
        taken.append(match.span())
        yield _Share(match.group(0), 0.75, 1.0, *match.span())
    for match in _SLASHED.finditer(bare):
        top, bottom = int(match.group(1)), int(match.group(2))
        if 0 < top < bottom:
            taken.append(match.span())
            yield _Share(match.group(0), top / bottom, top / bottom, *match.span())
    for match in _FRACTION.finditer(bare):
        if not free(*match.span()):
            continue
        top, word = match.group(1), match.group(2).lower()
        if not top and word not in ("half", "quarter", "ćwierć"):
            continue  # "the third route", "the fifth year": ordinals, not shares
        numerator = (int(top) if top and top.isdigit()
                     else _NUMERATORS.get(top.lower(), 1) if top else 1)
        share = numerator / DENOMINATORS[word]
        if 0 < share < 1 or (word in ("half", "halves") and share == 0.5):
            taken.append(match.span())
            yield _Share(match.group(0), share, share, *match.span())
    for match in _SHARE_WORD.finditer(bare):
        if not free(*match.span()):
            continue
        low, high = SHARE_WORDS[match.group(1).lower()]
        taken.append(match.span())
        yield _Share(match.group(0), low, high, *match.span())


def _bases_in(bare: str, shares: list[_Share]) -> list[int]:
    """The numbers of a sentence that may be the base of its shares: whole numbers from 1
    to 999 (digits or number words) outside the shares, not a measure, a month or a label
    ("route 12")."""
    found = []
    for match in _NUMBER.finditer(bare):
        if any(s.start <= match.start() < s.end for s in shares) or match.group(5):
            continue
        digits, decimals, suffix, word = match.group(1, 2, 3, 4)
        if word is not None:
            value = NUMBER_WORDS.get(word.lower())
            if value is None or word.lower() in _NUMERATORS:
                continue
        else:
            if len(digits) > 3 or (decimals and decimals.strip("0")):
                continue
            if suffix and suffix.lower() not in PEOPLE:
                continue
            value = int(digits.translate(_ARABIC_DIGITS))
        after = _words_after(bare, match.end(), 1)
        if after and (after[0].lower() in MEASURES or after[0] in MONTHS
                      or after[0].lower() in DENOMINATORS):
            continue
        if _labelled(bare, match.start()) and not _before_people(bare, match.end()):
            continue
        if value >= 1:
            found.append(value)
    # Arabic writes "the 12" with the article on the digits ("العائلات الـ12"), and the
    # teens as two words ("الاثني عشر", "ثلاثة عشر").
    found += [int(m.group(1).translate(_ARABIC_DIGITS)) for m in _ARABIC_THE_NUMBER.finditer(bare)
              if 0 < len(m.group(1)) <= 3]
    found += [10 + _ARABIC_UNITS[m.group(1)] for m in _ARABIC_TEEN.finditer(bare)]
    return found


def share_pins(low: float, high: float, base: int, minimum: int) -> int | None:
    """The count a share of ``low`` to ``high`` (fractions of 1) of ``base`` people gives
    away, or None: every count it can mean (rounded either way) is from 1 to ``minimum - 1``,
    or leaves that few on the other side. A rule of plain numbers, used by
    ``small_numbers``."""
    if base < 1:
        return None
    counts = range(max(math.floor(low * base), 0), min(math.ceil(high * base), base) + 1)
    if low == high:
        counts = range(max(math.floor(low * base), 0), min(math.ceil(low * base), base) + 1)
    if not counts:
        return None
    if all(0 < c < minimum for c in counts if c) and any(0 < c < minimum for c in counts):
        return max(c for c in counts if 0 < c < minimum)
    others = [base - c for c in counts]
    if all(0 < o < minimum for o in others if o) and any(0 < o < minimum for o in others):
        return max(o for o in others if 0 < o < minimum)
    return None


def _share_counts(bare: str, minimum: int, bases: Iterable[int], earlier: Iterable[int] = ()):
    """Each share of the sentence that, with a base, gives away a count under ``minimum``
    (module doc): (the share as typed, the count). ``earlier``: the bases of the sentence
    before, read for a share "of them" whose sentence names no base."""
    shares = list(_shares(bare))
    if not shares:
        return
    here = _bases_in(bare, shares)
    if not here and _OF_THEM.search(bare):
        here = [*earlier, *bases]
    for share in shares:
        for base in here or bases:
            pinned = share_pins(share.low, share.high, base, minimum)
            if pinned is not None:
                yield share.typed, pinned
                break


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


def _people_word(word: str) -> bool:
    """Whether ``word`` (lower case) is a word for people, also with the Arabic "the" (ال,
    وال) before it ("الآباء", "الأمهات")."""
    if word in PEOPLE:
        return True
    for the in ("وال", "ال"):
        if word.startswith(the) and word[len(the):] in PEOPLE | ARABIC_ONE_PERSON:
            return True
    return False


def _before_people(text: str, at: int, suffix: str = "") -> bool:
    """Whether a word for people follows ``at`` ("families", "of the parents", "foster
    carers", Polish "z rodziców", Arabic "من الآباء"), or is typed onto the number
    ("4families")."""
    if suffix and suffix.lower() in PEOPLE:
        return True
    previous = ""
    for word in _words_after(text, at):
        word = word.lower().removesuffix("'s").removesuffix("’s").rstrip("'’")
        if _people_word(word):
            return True
        if (word not in _LINKS and word not in _OF_WORDS
                and not (word in _DETERMINERS and previous in _OF_WORDS)):
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


def _saying(word: str) -> bool:
    """Whether ``word`` is a word of saying, also with the Arabic "and" (و) on it ("وكتب")."""
    word = word.lower()
    return word in SAYING or (word.startswith("و") and word[1:] in SAYING)


#: How far a word of saying may stand from the people it belongs to: "Mama i tata z ulicy
#: Dębowej napisali" (four words after), "Napisali do nas mama i tata" (three before).
SAYING_AFTER = 4
SAYING_BEFORE = 3
_WORDS_BEFORE = re.compile(r"[\w'’]+")


def _saying_beside(bare: str, start: int, end: int) -> bool:
    """Whether a word of saying is within ``SAYING_BEFORE`` words before ``start`` or
    ``SAYING_AFTER`` words after ``end``, in the same sentence (commas and other words may
    stand between)."""
    after = _WORDS_BEFORE.findall(bare, end)[:SAYING_AFTER]
    before = _WORDS_BEFORE.findall(bare, 0, start)[-SAYING_BEFORE:]
    return any(_saying(w) for w in [*after, *before])


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
    for match in _POSSESSED_PAIR.finditer(bare):
        if _said_or_people(bare, match.end()):
            yield match.group(0), 2
    for match in _BARE_PAIR.finditer(bare):
        after = _words_after(bare, match.end(), 1)
        if after and _saying(after[0]):
            yield match.group(0), 2
    yield from _own_verbs(bare)
    yield from _named(bare)


def _family_member(word: str) -> bool:
    """A word for one person who is not staff (a driver or a teacher may be talked about,
    not be a respondent)."""
    word = word.lower()
    for the in ("وال", "ال", "و"):
        if word.startswith(the) and word[len(the):] in ARABIC_ONE_PERSON:
            word = word[len(the):]
            break
    return word not in _STAFF and (word in ONE_PERSON or word in POLISH_ONE_PERSON
                                   or word in ARABIC_ONE_PERSON)


def _own_verbs(bare: str):
    """Two family members in one sentence, each with a word of saying of their own ("A
    father wrote, and so did a mother"; "Mama napisała, a tata dodał"; "كتبت أم، وكتب أب"):
    (words, 2) once."""
    words = list(_WORDS_BEFORE.finditer(bare))
    speakers = []
    for i, match in enumerate(words):
        word = match.group(0)
        if not _family_member(word):
            continue
        near = [w.group(0) for w in words[max(i - 1, 0):i]] + [
            w.group(0) for w in words[i + 1:i + 3]]
        echoed = i >= 2 and words[i - 2].group(0).lower() in ("so", "as") and words[
            i - 1].group(0).lower() in ("did", "a", "an") or i >= 3 and words[
            i - 3].group(0).lower() in ("so", "as") and words[i - 2].group(0).lower() == "did"
        if any(_saying(w) for w in near) or echoed:
            speakers.append(match)
    if len(speakers) >= 2:
        yield bare[speakers[0].start():speakers[-1].end()], 2


def _named(bare: str):
    """Families and people named: two or more joined ("the Smith family and the Jones
    family", "Mrs Patel and Mr Khan"), or one before a word of saying ("The Smith family
    said"): (words, how many)."""
    for match in _NAMED_LIST.finditer(bare):
        named = [n for n in _NAMED.findall(match.group(0)) if _a_name(n)]
        if len(named) >= 2:
            yield match.group(0), len(named)
        elif named and _saying_beside(bare, match.start(), match.end()):
            yield match.group(0), 1


def _a_name(found: tuple[str, str]) -> bool:
    family, titled = found
    name = family.split()[-2] if family else titled
    return bool(titled) or name not in _NOT_NAMES


def _more_idioms(bare: str):
    """The further ways of giving one, two or a few (module doc): (words, how many)."""
    for match in _THE_ONLY_PERSON.finditer(bare):
        yield match.group(0), 1
    for match in _NOBODY_BUT.finditer(bare):
        after = _words_after(bare, match.end(), 4)
        if _before_people(bare, match.end()) or any(
                w.lower() in PEOPLE or w.lower() in ONE_PERSON or w.lower() in _TITLES
                for w in after):
            yield match.group(0), 1
    for match in _AND_ANOTHER.finditer(bare):
        yield match.group(0), 2
    for match in _FEW_WORDS.finditer(bare):
        if _said_or_people(bare, match.end()):
            yield match.group(0), 3 if "trio" in match.group(0).lower() else 5
    for match in _TWINS.finditer(bare):
        yield match.group(0), 2 if match.group(0).lower() == "twins" else 3
    for match in _POLISH_BOTH.finditer(bare):
        if _before_people(bare, match.end()) or _said_or_people(bare, match.end()):
            yield match.group(0), 2
    for match in _ARABIC_ONE_AFTER.finditer(bare):
        yield match.group(0), 1
    for match in _ARABIC_ONE_OF.finditer(bare):
        word = match.group(1)
        if _people_word(word) or word in ARABIC_DUALS:
            yield match.group(0), 1
    for match in _ARABIC_DUAL.finditer(bare):
        before = _TWO_WORDS_BEFORE.search(bare, 0, match.start())
        word, earlier = (before.group(2), before.group(1) or "") if before else ("", "")
        if word.isdigit() or word in NUMBER_WORDS or word in _ARABIC_NOT_TWO and (
                word != "من" or earlier.isdigit() or earlier in NUMBER_WORDS
                or earlier in _ARABIC_NOT_TWO):
            continue  # "30 من الوالدين", "كل العائلتين": not a count of two
        yield match.group(0), 2
    for match in _ARABIC_BOTH.finditer(bare):
        yield match.group(0), 2


def _idioms(bare: str, minimum: int):
    """The English ways of giving one or two with no number before people (module doc), and
    people named one by one in English, Polish and Arabic."""
    for typed, value in _one_by_one(bare):
        if value < minimum:
            yield typed, value
    for typed, value in _more_idioms(bare):
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


#: Words after a base that make it a base of people ("Of the 24 who wrote").
_WHO = {"who", "that", "which", "answering", "responding", "replying", "asked", "które",
        "którzy", "الذين", "اللواتي", "اللاتي"}


def _of_people(bare: str, at: int) -> bool:
    """Whether the base ending at ``at`` counts people: a word for people or "who" follows
    it, or nothing does before the punctuation ("Of the 24, 20 agreed")."""
    if _PHRASE_END.match(bare, at) or _before_people(bare, at):
        return True
    after = _words_after(bare, at, 1)
    return bool(after) and (after[0].lower() in _WHO or _saying(after[0]))


def _subtractions(bare: str, minimum: int):
    """A base, then a count of it, that leave 1 to ``minimum - 1`` others (module doc):
    (words, the others)."""
    for pattern in (_BASE_FIRST, _COUNT_OF_THE):
        for match in pattern.finditer(bare):
            first, second = (int(match.group(1)), int(match.group(2)))
            base, count = (first, second) if pattern is _BASE_FIRST else (second, first)
            at = match.end(1) if pattern is _BASE_FIRST else match.end(2)
            if not _of_people(bare, at):
                continue  # "Of the 14 routes, 12 were late": not people
            if 0 < count < base and 0 < base - count < minimum:
                yield match.group(0), base - count


def _counts(bare: str, minimum: int, bases: Iterable[int] = (), earlier: Iterable[int] = ()):
    yield from _share_counts(bare, minimum, bases, earlier)
    yield from _subtractions(bare, minimum)
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
        if word.lower() in MEASURES or word in MONTHS or word.lower() in DENOMINATORS:
            continue  # "two thirds": a share, read with its base (_share_counts)
        if match.group(4) and match.group(4).lower() in ONE_WORDS and word.lower() not in SAYING:
            continue
        yield token, value


def small_numbers(text: str, *, minimum: int = 10, bases: Iterable[int] = ()
                  ) -> list[SmallNumber]:
    """Each sentence of ``text`` that gives a count under ``minimum`` (see the module doc),
    with the first such count in it; [] when there is none. ``bases``: how many people the
    published counts are of (the write-up's bases), for a share whose sentence names no
    base ("25% of those who wrote")."""
    found = []
    bases = [b for b in bases if b]
    earlier: list[int] = []
    # A respondent's words, however many sentences, are taken out before splitting; a
    # quotation is closed in its own paragraph or it is not one.
    for sentence in _SENTENCES.split(_QUOTED.sub("“…”", text or "")):
        sentence = sentence.strip()
        for token, value in _counts(sentence, minimum, bases, earlier):
            found.append(SmallNumber(sentence, token, value))
            break
        earlier = _bases_in(sentence, [])
    return found


# --- figures typed against the figures shown (review bk15g, F3) ------------------------------

#: A figure in digits: "59", "201", "1,200" (thousands with a comma, a no-break or thin space).
_FIGURE = re.compile(r"(?<![\w.,:£$€/-])(\d{1,3}(?:[,\u00a0\u202f]\d{3})+|\d+)(?!\w)"
                     r"(?![.,:]\d)(\s*(?:%|٪|per\s*cent\b|percent\b|procent))?", re.IGNORECASE)


@dataclass(frozen=True)
class NearFigure:
    """A sentence giving a figure (``typed``) that is not one shown outside the council but
    differs from one (``shown``) by 1 to the minimum - 1."""

    sentence: str
    typed: int
    shown: int


def _figures(sentence: str) -> Iterator[int]:
    """The figures of people a sentence gives in digits: not a share, a measure, a month, a
    label ("route 12"), a decimal or a year (1900 to 2099 written without a separator)."""
    for match in _FIGURE.finditer(sentence):
        if match.group(2):
            continue  # "30 %": a share
        digits = match.group(1)
        value = int(re.sub(r"\D", "", digits.translate(_ARABIC_DIGITS)))
        if digits.isdigit() and len(digits) == 4 and 1900 <= value <= 2099:
            continue
        after = _words_after(sentence, match.end(), 1)
        word = after[0] if after else ""
        if word.lower() in MEASURES or word in MONTHS or word.lower() in DENOMINATORS:
            continue
        if _labelled(sentence, match.start()) and not _before_people(sentence, match.end()):
            continue
        yield value


def figures_near(text: str, *, shown: Iterable[int], near: Iterable[int],
                 minimum: int = 10, council: Iterable[str] = ()) -> list[NearFigure]:
    """Each sentence of ``text`` (respondents' quoted words left out, as ``small_numbers``
    reads it) that gives a figure of ``minimum`` or more which is none of ``shown`` (every
    figure given outside the council: the bases and counts published, shown to the forum,
    or to be given with the draft) yet differs by 1 to ``minimum - 1`` from one of ``near``
    (the figures it may stand for: a theme's counts and the bases), with the first such
    figure and the nearest figure shown; once per sentence, in order.

    Two figures of one count that close tell what a few people said ("59 of 200" published,
    then "60 of 201": the one new respondent raised it), which is why the public keeps the
    counts published while only a few answers changed (``analysis.counting``); a figure the
    officer types must follow the table too. Smaller figures are ``small_numbers``'.

    ``council``: the portal's own words (``writeup.draft_words``: "We give no number under
    10…" names the minimum, not a count); their figures are never read, only the figures
    typed around them (review bk15h, F4)."""
    shown, near = set(shown), sorted(set(near))
    text = _QUOTED.sub("“…”", text or "")
    for words in sorted({w for w in council if w}, key=len, reverse=True):
        text = text.replace(words, " ")
    found = []
    for sentence in _SENTENCES.split(text):
        sentence = sentence.strip()
        for value in _figures(sentence):
            if value < minimum or value in shown:
                continue
            close = [g for g in near if 0 < abs(value - g) < minimum]
            if close:
                found.append(NearFigure(sentence, value,
                                        min(close, key=lambda g: abs(value - g))))
                break
    return found
