"""Polish and Arabic versions of the travel help policy, section for section.

The loader pairs each English sentence with the one in the same place here and
stores the pairs as wagtail-localize translations, as a translator would.
"""

TRAVEL_ASSISTANCE = {
    "pl": {
        "title": "Pomoc w dojazdach dla dzieci ze SEND",
        "in_short": (
            "Jeśli Twoje dziecko ma SEND i nie może bezpiecznie dotrzeć do szkoły w zwykły sposób, możemy pomóc. "
            "Każde dziecko rozpatrujemy indywidualnie. Pomocą może być bilet autobusowy lub wspólna taksówka. "
            "Mogą to być pieniądze na samodzielne zorganizowanie dojazdu albo nauka samodzielnego podróżowania."
        ),
        "change_note": "Pierwsza wersja, napisana wspólnie z forum rodziców i opiekunów.",
        "sections": [
            ("Kto może poprosić o pomoc w dojazdach",
             "<p>Każdy może poprosić. Możesz poprosić, jeśli Twoje dziecko ma od 5 do 16 lat i mieszka na naszym terenie.</p>"
             "<p>Dzieci poniżej 5 lat i młodzież powyżej 16 lat też mogą otrzymać pomoc. Ta pomoc jest uznaniowa. Być może trzeba będzie do niej dopłacić.</p>"
             "<p>Prośba o pomoc nie oznacza, że ją otrzymasz. Każdą prośbę rozpatrujemy osobno.</p>"
             "<p>Koordynator SEN (SENCO) w szkole Twojego dziecka może pomóc wypełnić formularz. Pomóc może też SENDIASS.</p>",
             ["Możesz poprosić, jeśli dziecko ma od 5 do 16 lat i mieszka na naszym terenie.",
              "Dzieci poniżej 5 lat i młodzież powyżej 16 lat mogą otrzymać pomoc, ale nie automatycznie."]),
            ("Odległości pieszo",
             "<p>Prawo określa, jak daleko dziecko może chodzić pieszo do szkoły.</p>"
             "<ul><li>Poniżej 8 lat: do 2 mil.</li><li>8 lat i więcej: do 3 mil.</li></ul>"
             "<p>Mierzymy najkrótszą bezpieczną trasę pieszą. Rodzic może iść razem z dzieckiem.</p>"
             "<p>Jeśli z powodu SEND Twoje dziecko nie może bezpiecznie chodzić, nawet z Tobą, rozważymy pomoc w dojazdach. Odległość ma znaczenie, ale nie jest jedyną rzeczą, którą bierzemy pod uwagę.</p>",
             ["Poniżej 8 lat: do 2 mil. 8 lat i więcej: do 3 mil.",
              "Jeśli dziecko nie może bezpiecznie chodzić z powodu SEND, i tak rozważymy pomoc."]),
            ("Jak podejmujemy decyzję",
             "<p>Patrzymy na potrzeby dziecka, a nie tylko na diagnozę. Posiadanie EHCP nie oznacza, że dziecko otrzyma transport. Możesz poprosić, nawet jeśli dziecko nie ma EHCP.</p>"
             "<p>Bierzemy pod uwagę:</p>"
             "<ul><li>wiek dziecka</li><li>jego potrzeby i to, jak wpływają na podróż</li><li>czy trasa piesza jest bezpieczna</li><li>czy podróż mogłaby narazić dziecko lub innych na ryzyko</li></ul>"
             "<p>Czytamy to, co przekażesz Ty, szkoła i inni specjaliści. Jeśli to pomaga, pytamy też dziecko. Możemy przeprowadzić ocenę ryzyka.</p>"
             "<p>Jeśli wybierzesz szkołę, która nie jest najbliższą odpowiednią szkołą, nie musimy pomagać w dojazdach, chyba że zachodzą wyjątkowe okoliczności.</p>",
             ["Każde dziecko rozpatrujemy indywidualnie.",
              "Samo EHCP nie oznacza, że dziecko otrzyma transport."]),
            ("Rodzaje pomocy w dojazdach",
             "<p>Jeśli dziecko może otrzymać pomoc, wybieramy rodzaj, który najlepiej mu odpowiada i w miarę możliwości pomaga mu stać się bardziej samodzielnym.</p>"
             "<ul><li>Bezpłatny bilet na komunikację miejską.</li><li>Miejsce we wspólnej taksówce lub busie.</li><li>Opiekun w pojeździe, który podróżuje z dzieckiem.</li><li>Osobisty budżet na dojazdy: pieniądze wypłacane Tobie, aby samodzielnie zorganizować dojazd.</li><li>Nauka samodzielnego podróżowania.</li></ul>"
             "<p>Nie musisz przyjmować osobistego budżetu na dojazdy. Możesz z niego zrezygnować w każdej chwili, ale zorganizowanie nowej pomocy może potrwać.</p>",
             ["Pomocą może być bilet, wspólny transport, opiekun w pojeździe, osobisty budżet na dojazdy lub nauka."]),
            ("Jak długo może trwać podróż",
             "<p>Planujemy trasy tak, aby podróż nie trwała dłużej, niż to konieczne.</p>"
             "<ul><li>Dzieci ze szkół podstawowych: nie dłużej niż 45 minut w jedną stronę.</li><li>Dzieci ze szkół średnich: nie dłużej niż 75 minut w jedną stronę.</li></ul>"
             "<p>Transport zapewniamy na początek i koniec zwykłego dnia szkolnego. Jeśli EHCP dziecka przewiduje inny plan zajęć, postaramy się do niego dostosować.</p>",
             ["Szkoła podstawowa: do 45 minut. Szkoła średnia: do 75 minut."]),
            ("Młodzież powyżej 16 lat i dzieci poniżej 5 lat",
             "<p>Pomoc w dojazdach w tym wieku nie jest automatyczna. Jeśli jej udzielamy, zwykle prosimy o dopłatę.</p>"
             "<ul><li>Dopłata wynosi 1000 funtów rocznie.</li><li>Jeśli Twoja rodzina otrzymuje świadczenia zależne od dochodu, wynosi 500 funtów rocznie.</li><li>Możesz płacić w maksymalnie ośmiu ratach miesięcznych.</li></ul>"
             "<p>W wyjątkowych przypadkach możemy zrezygnować z opłaty. Jeśli dziecko opuści szkołę na 4 tygodnie lub dłużej z powodu choroby, porozmawiaj z nami o opłacie.</p>",
             ["Młodzież powyżej 16 lat i dzieci poniżej 5 lat mogą płacić 1000 funtów rocznie lub 500 funtów przy świadczeniach zależnych od dochodu."]),
            ("Czego oczekujemy od Ciebie",
             "<p>To nadal Ty odpowiadasz za dotarcie dziecka do szkoły, także w czasie oczekiwania na decyzję.</p>"
             "<ul><li>Przygotuj dziecko na czas rano i odbierz je po szkole.</li><li>Powiadom nas, jeśli dziecko nie będzie jechać, na przykład gdy choruje dłużej niż dzień lub dwa.</li><li>Jak najwcześniej powiadom nas o przeprowadzce lub zmianie szkoły.</li><li>Pomóż dziecku zrozumieć, jak zachowywać się w czasie podróży.</li></ul>",
             ["Bądź gotowy na czas i informuj nas o zmianach."]),
        ],
    },
    "ar": {
        "title": "المساعدة في التنقل للأطفال ذوي الاحتياجات التعليمية الخاصة والإعاقات",
        "in_short": (
            "إذا كان لدى طفلك احتياجات تعليمية خاصة أو إعاقة (SEND) ولا يستطيع الوصول إلى المدرسة بأمان بالطريقة المعتادة، فقد نساعدك. "
            "ننظر في حالة كل طفل على حدة. قد تكون المساعدة تذكرة حافلة أو سيارة أجرة مشتركة. "
            "وقد تكون مبلغاً مالياً لترتيب التنقل بنفسك، أو تدريباً على التنقل باستقلالية."
        ),
        "change_note": "النسخة الأولى، كُتبت بالتعاون مع منتدى أولياء الأمور ومقدمي الرعاية.",
        "sections": [
            ("من يمكنه طلب المساعدة في التنقل",
             "<p>يمكن لأي شخص أن يطلب. يمكنك الطلب إذا كان عمر طفلك بين 5 و16 سنة ويسكن في منطقتنا.</p>"
             "<p>قد يحصل الأطفال دون الخامسة والشباب فوق السادسة عشرة على المساعدة أيضاً. هذه المساعدة تقديرية. قد تحتاج إلى دفع مبلغ مقابلها.</p>"
             "<p>طلب المساعدة لا يعني أنك ستحصل عليها. ننظر في كل طلب على حدة.</p>"
             "<p>يمكن لمنسق الاحتياجات التعليمية الخاصة (SENCO) في مدرسة طفلك مساعدتك في تعبئة النموذج. ويمكن لخدمة SENDIASS المساعدة أيضاً.</p>",
             ["يمكنك الطلب إذا كان عمر طفلك بين 5 و16 سنة ويسكن في منطقتنا.",
              "قد يحصل من هم دون الخامسة وفوق السادسة عشرة على المساعدة، لكنها ليست تلقائية."]),
            ("مسافات المشي",
             "<p>يحدد القانون المسافة التي يُتوقع أن يمشيها الطفل إلى المدرسة.</p>"
             "<ul><li>دون 8 سنوات: حتى ميلين.</li><li>8 سنوات فأكثر: حتى 3 أميال.</li></ul>"
             "<p>نقيس أقصر طريق آمن للمشي. يمكن أن يمشي أحد الوالدين مع الطفل.</p>"
             "<p>إذا كانت احتياجات طفلك تعني أنه لا يستطيع المشي بأمان، حتى برفقتك، فسننظر في تقديم المساعدة. المسافة مهمة، لكنها ليست الأمر الوحيد الذي ننظر فيه.</p>",
             ["دون 8 سنوات: حتى ميلين. 8 سنوات فأكثر: حتى 3 أميال.",
              "إذا لم يستطع طفلك المشي بأمان بسبب احتياجاته، فسننظر في المساعدة رغم ذلك."]),
            ("كيف نتخذ القرار",
             "<p>ننظر إلى احتياجات طفلك، لا إلى التشخيص فقط. وجود خطة EHCP لا يعني أن طفلك سيحصل على المواصلات. يمكنك الطلب حتى لو لم تكن لدى طفلك خطة EHCP.</p>"
             "<p>نأخذ في الاعتبار:</p>"
             "<ul><li>عمر طفلك</li><li>احتياجاته وكيف تؤثر في التنقل</li><li>هل طريق المشي آمن</li><li>هل يمكن أن تعرّض الرحلة طفلك أو غيره للخطر</li></ul>"
             "<p>نقرأ ما تخبرنا به أنت والمدرسة والمختصون الآخرون. ونسأل طفلك أيضاً حين يكون ذلك مفيداً. قد نجري تقييماً للمخاطر.</p>"
             "<p>إذا اخترت مدرسة ليست أقرب مدرسة مناسبة، فلسنا ملزمين بالمساعدة في التنقل، إلا في ظروف استثنائية.</p>",
             ["ننظر في حالة كل طفل على حدة.",
              "خطة EHCP وحدها لا تعني أن طفلك سيحصل على المواصلات."]),
            ("أنواع المساعدة في التنقل",
             "<p>إذا كان طفلك مؤهلاً للمساعدة، نختار النوع الأنسب له والذي يساعده على الاستقلالية قدر الإمكان.</p>"
             "<ul><li>تذكرة حافلة مجانية للمواصلات العامة.</li><li>مقعد في سيارة أجرة أو حافلة صغيرة مشتركة.</li><li>مرافق يسافر مع طفلك.</li><li>ميزانية تنقل شخصية: مبلغ يُدفع لك لترتيب الرحلة بنفسك.</li><li>تدريب على التنقل باستقلالية.</li></ul>"
             "<p>لست مضطراً لقبول ميزانية التنقل الشخصية. يمكنك التوقف عن استخدامها في أي وقت، لكن ترتيب مساعدة جديدة قد يستغرق بعض الوقت.</p>",
             ["قد تكون المساعدة تذكرة حافلة أو مواصلات مشتركة أو مرافقاً أو ميزانية تنقل شخصية أو تدريباً."]),
            ("كم يجب أن تستغرق الرحلة",
             "<p>نخطط المسارات بحيث لا تطول الرحلة أكثر من اللازم.</p>"
             "<ul><li>أطفال المرحلة الابتدائية: لا أكثر من 45 دقيقة في كل اتجاه.</li><li>أطفال المرحلة الثانوية: لا أكثر من 75 دقيقة في كل اتجاه.</li></ul>"
             "<p>المواصلات مخصصة لبداية اليوم الدراسي العادي ونهايته. إذا نصّت خطة EHCP لطفلك على جدول مختلف، فسنحاول التكيّف معه.</p>",
             ["الابتدائي: حتى 45 دقيقة. الثانوي: حتى 75 دقيقة."]),
            ("الشباب فوق 16 سنة والأطفال دون 5 سنوات",
             "<p>المساعدة في التنقل لهذه الأعمار ليست تلقائية. إذا قدمناها، نطلب عادة مساهمة مالية.</p>"
             "<ul><li>المساهمة 1000 جنيه إسترليني في السنة.</li><li>إذا كانت أسرتك تحصل على إعانات مرتبطة بالدخل، فهي 500 جنيه في السنة.</li><li>يمكنك الدفع على ثماني دفعات شهرية كحد أقصى.</li></ul>"
             "<p>يمكننا الإعفاء من الرسوم في حالات استثنائية. إذا كان طفلك سيتغيب عن المدرسة 4 أسابيع أو أكثر بسبب المرض، فتحدث معنا بشأن الرسوم.</p>",
             ["قد يدفع من هم فوق 16 ودون 5 سنوات 1000 جنيه سنوياً، أو 500 جنيه مع الإعانات المرتبطة بالدخل."]),
            ("ما نطلبه منك",
             "<p>تبقى أنت المسؤول عن وصول طفلك إلى المدرسة، حتى أثناء انتظار القرار.</p>"
             "<ul><li>جهّز طفلك في الموعد صباحاً، وكن موجوداً لاستقباله بعد المدرسة.</li><li>أخبرنا إذا لم يكن طفلك سيستخدم المواصلات، مثلاً إذا مرض أكثر من يوم أو يومين.</li><li>أخبرنا في أقرب وقت إذا انتقلت إلى منزل آخر أو غيّرت المدرسة.</li><li>ساعد طفلك على فهم كيف يتصرف أثناء الرحلة.</li></ul>",
             ["كن جاهزاً في الموعد وأخبرنا بأي تغييرات."]),
        ],
    },
}

SERVICE_DETAILS = {
    "en-gb": {
        "service_name": "SEND home to school transport",
        "opening_hours": "Monday to Friday, 8am to 5pm",
        "footer_note": "Written with the Parent Carers' Council (PaCC).",
    },
    "pl": {
        "service_name": "Transport do szkoły dla dzieci ze SEND",
        "opening_hours": "Od poniedziałku do piątku, 8:00–17:00",
        "footer_note": "Napisane wspólnie z Radą Rodziców i Opiekunów (PaCC).",
    },
    "ar": {
        "service_name": "المواصلات المدرسية لذوي الاحتياجات التعليمية الخاصة",
        "opening_hours": "من الاثنين إلى الجمعة، من 8 صباحاً حتى 5 مساءً",
        "footer_note": "كُتب بالتعاون مع مجلس أولياء الأمور ومقدمي الرعاية (PaCC).",
    },
}

# The home page in Polish and Arabic: its title, what the site is for, and the urgent-help
# box ("Transport not turned up?") with the team's number.
HOME = {
    "pl": {
        "title": "Dojazd do szkoły dla dzieci ze SEND",
        "intro": (
            "Pomoc w dotarciu do szkoły lub college'u dla dzieci i młodzieży ze specjalnymi "
            "potrzebami edukacyjnymi i niepełnosprawnościami. Napisane wspólnie z rodzicami "
            "i opiekunami."
        ),
        "help_heading": "Transport nie przyjechał?",
        "help_text": (
            "Od razu zadzwoń do zespołu transportu: {phone}.\n"
            "Poza godzinami pracy zadzwoń pod numer podany w liście o dojazdach Twojego dziecka."
        ),
    },
    "ar": {
        "title": "المواصلات المدرسية لذوي الاحتياجات التعليمية الخاصة",
        "intro": (
            "مساعدة الأطفال والشباب ذوي الاحتياجات التعليمية الخاصة والإعاقات على الوصول إلى "
            "المدرسة أو الكلية. كُتبت بالتعاون مع أولياء الأمور ومقدمي الرعاية."
        ),
        "help_heading": "لم تصل المواصلات؟",
        "help_text": (
            "اتصل بفريق المواصلات فوراً على {phone}.\n"
            "خارج ساعات العمل، اتصل بالرقم المذكور في رسالة التنقل الخاصة بطفلك."
        ),
    },
}


# The jargon buster's own title and introduction (its entries are in glossary_translations).
GLOSSARY_PAGE = {
    "pl": {
        "title": "Słowniczek",
        "intro": ("Słowa i skróty, które możesz zobaczyć w listach i zasadach, wyjaśnione "
                  "prostym językiem."),
    },
    "ar": {
        "title": "مسرد المصطلحات",
        "intro": "كلمات واختصارات قد تراها في الرسائل والسياسات، مشروحة بلغة بسيطة.",
    },
}
