"""The jargon buster in Polish and Arabic: the demo's terms as a translator would give them.

slug -> {language: (term, stands for, other spellings, explanation)}. Acronyms used as they
are in both languages (SEND, EHCP) keep their letters, so the policies' uses of them are
explained; other spellings include the forms the translated policy uses (Polish inflects).
Terms not listed here stay in English only, and the Polish and Arabic jargon busters do not
show them.
"""

TERMS = {
    "ehcp": {
        "pl": ("EHCP", "Plan edukacji, zdrowia i opieki (Education, Health and Care plan)",
               ["EHC plan"],
               "Dokument prawny, który opisuje potrzeby dziecka i pomoc, jaką musi otrzymać. "
               "Sam w sobie nie oznacza, że dziecko dostanie transport."),
        "ar": ("EHCP", "خطة التعليم والصحة والرعاية (Education, Health and Care plan)",
               ["خطة EHCP"],
               "وثيقة قانونية تحدد احتياجات طفلك والمساعدة التي يجب أن يحصل عليها. "
               "وجودها وحده لا يعني أن طفلك سيحصل على المواصلات."),
    },
    "send": {
        "pl": ("SEND", "Specjalne potrzeby edukacyjne i niepełnosprawności", [],
               "Gdy dziecku nauka przychodzi trudniej niż większości rówieśników albo ma "
               "niepełnosprawność, która wpływa na naukę."),
        "ar": ("SEND", "الاحتياجات التعليمية الخاصة والإعاقات", [],
               "عندما يجد الطفل التعلم أصعب من معظم الأطفال في عمره، أو لديه إعاقة تؤثر في "
               "تعلمه."),
    },
    "senco": {
        "pl": ("SENCO", "Koordynator ds. specjalnych potrzeb edukacyjnych", ["koordynator SEN"],
               "Nauczyciel w szkole, który dba o to, by dzieci ze SEND dostały właściwe "
               "wsparcie."),
        "ar": ("SENCO", "منسق الاحتياجات التعليمية الخاصة", ["منسق الاحتياجات التعليمية الخاصة"],
               "المعلم في المدرسة الذي يتأكد من حصول الأطفال ذوي الاحتياجات الخاصة على الدعم "
               "المناسب."),
    },
    "sendiass": {
        "pl": ("SENDIASS", "Serwis informacji, porad i wsparcia w sprawach SEND", [],
               "Bezpłatny serwis, niezależny od decyzji rady, który doradza rodzinom w sprawach "
               "SEND."),
        "ar": ("SENDIASS", "خدمة المعلومات والمشورة والدعم للاحتياجات الخاصة", [],
               "خدمة مجانية مستقلة عن قرارات المجلس، تقدم المشورة للعائلات."),
    },
    "personal-travel-budget": {
        "pl": ("osobisty budżet na dojazdy", "",
               ["osobistego budżetu na dojazdy", "osobisty budżet"],
               "Pieniądze wypłacane Tobie, abyś sam zorganizował dojazd dziecka do szkoły."),
        "ar": ("ميزانية التنقل الشخصية", "", ["ميزانية تنقل شخصية"],
               "مبلغ يُدفع لك لتنظم رحلة طفلك إلى المدرسة بنفسك."),
    },
    "passenger-assistant": {
        "pl": ("opiekun w pojeździe", "", ["opiekuna w pojeździe"],
               "Dorosły, który jedzie z dziećmi autobusem lub taksówką i dba o ich "
               "bezpieczeństwo."),
        "ar": ("مرافق", "", ["مرافقاً", "مرافق يسافر"],
               "شخص بالغ يسافر مع الأطفال في الحافلة أو سيارة الأجرة ليحافظ على سلامتهم."),
    },
    "independent-travel-training": {
        "pl": ("nauka samodzielnego podróżowania", "", [],
               "Zajęcia, dzięki którym młoda osoba uczy się bezpiecznie podróżować sama."),
        "ar": ("التدريب على التنقل باستقلالية", "", ["تدريب على التنقل باستقلالية"],
               "دروس تساعد الشاب على تعلم القيام برحلة بأمان بمفرده."),
    },
    "walking-distance": {
        "pl": ("odległość pieszo", "", ["odległości pieszo"],
               "Jak daleko dziecko może chodzić do szkoły: 2 mile poniżej 8 lat, 3 mile od 8 "
               "lat, najkrótszą bezpieczną trasą."),
        "ar": ("مسافة المشي", "", ["مسافات المشي"],
               "المسافة التي يُتوقع أن يمشيها الطفل إلى المدرسة: ميلان دون 8 سنوات، و3 أميال "
               "من 8 سنوات، على أقصر طريق آمن."),
    },
    "nearest-suitable-school": {
        "pl": ("najbliższa odpowiednia szkoła", "", ["najbliższą odpowiednią szkołą"],
               "Najbliższa szkoła, która może zaspokoić potrzeby dziecka i ma dla niego "
               "miejsce."),
        "ar": ("أقرب مدرسة مناسبة", "", [],
               "أقرب مدرسة تستطيع تلبية احتياجات طفلك ولديها مكان له."),
    },
    "discretionary": {
        "pl": ("uznaniowa", "", ["uznaniowy", "uznaniowe"],
               "Pomoc, której rada może udzielić, ale nie musi z mocy prawa."),
        "ar": ("تقديرية", "", [],
               "مساعدة قد يختار المجلس تقديمها لكنه غير ملزم بها قانوناً."),
    },
    "risk-assessment": {
        "pl": ("ocena ryzyka", "", ["ocenę ryzyka"],
               "Sprawdzenie, co może pójść źle w czasie podróży i jak zapewnić dziecku "
               "bezpieczeństwo."),
        "ar": ("تقييم المخاطر", "", ["تقييماً للمخاطر"],
               "فحص لما قد يحدث من خطأ أثناء الرحلة وكيف نحافظ على سلامة طفلك."),
    },
    "appeal": {
        "pl": ("odwołanie", "", ["odwołania", "odwołać się"],
               "Prośba do rady, aby jeszcze raz przyjrzała się decyzji, która Twoim zdaniem "
               "jest błędna."),
        "ar": ("الاستئناف", "", ["استئناف", "تظلم"],
               "أن تطلب من المجلس إعادة النظر في قرار تعتقد أنه خاطئ."),
    },
    "financial-contribution": {
        "pl": ("dopłata", "", ["dopłaty", "dopłatę"],
               "Pieniądze, które niektóre rodziny płacą za pomoc w dojazdach, na przykład po "
               "16. roku życia."),
        "ar": ("المساهمة المالية", "", ["مساهمة مالية"],
               "مبلغ تدفعه بعض العائلات مقابل المساعدة في التنقل، مثلاً بعد سن 16."),
    },
}
