"""Polish and Arabic versions of the demo FAQ, topic for topic and question for question.

The loader pairs each English string (title, introduction, topic titles, questions and
answers) with the one in the same place here and stores the pairs as wagtail-localize
translations, as a translator would. A question's policy section is the heading of the
translated policy where there is one (the travel help policy), so its "Read more" link
finds the section; the appeals policy is not translated, and its headings stay English.
Phone numbers are written as on the English page, so they are tappable (``tel:``) there too.
"""

FAQ = {
    "pl": {
        "title": "Pytania, które zadają rodzice",
        "intro": "Oto krótkie odpowiedzi na pytania, które rodziny zadają nam najczęściej.",
        "topics": [
            ("Prośba o pomoc w dojazdach", [
                ("Kto może poprosić o pomoc w dojazdach?",
                 "<p>Może poprosić każdy rodzic lub opiekun. Większość pomocy jest dla dzieci w wieku od 5 do 16 lat, które mieszkają na naszym terenie.</p>"),
                ("Czy EHCP oznacza, że moje dziecko dostanie transport?",
                 "<p>Nie. EHCP jest ważny, ale patrzymy na to, jak potrzeby dziecka wpływają na podróż. Możesz też poprosić, jeśli Twoje dziecko nie ma EHCP.</p>"),
                ("Kto może mi pomóc wypełnić formularz?",
                 "<p>Koordynator SEN (SENCO) w szkole dziecka, pracownik socjalny dziecka albo SENDIASS. Możesz też zadzwonić do zespołu transportu.</p>"),
                ("Jak daleko moje dziecko powinno chodzić pieszo?",
                 "<p>Do 2 mil, jeśli ma mniej niż 8 lat, i do 3 mil, jeśli ma 8 lat lub więcej, najkrótszą bezpieczną trasą. Jeśli z powodu SEND Twoje dziecko nie może bezpiecznie chodzić, i tak rozważymy pomoc.</p>"),
                ("Wybraliśmy szkołę, która jest dalej. Czy możemy dostać pomoc?",
                 "<p>Zwykle nie. Musimy pomagać tylko w dojazdach do najbliższej odpowiedniej szkoły, chyba że zachodzą wyjątkowe okoliczności.</p>"),
            ]),
            ("Rodzaje pomocy i podróże", [
                ("Jakie są rodzaje pomocy w dojazdach?",
                 "<p>Jest pięć rodzajów. Bilet autobusowy. Miejsce we wspólnej taksówce lub busie. Opiekun w pojeździe, który jedzie z dzieckiem. Osobisty budżet na dojazdy. Albo nauka samodzielnego podróżowania, dzięki której dziecko uczy się jeździć samo.</p>"),
                ("Czym jest osobisty budżet na dojazdy?",
                 "<p>To pieniądze, które Ci wypłacamy, aby można było samodzielnie zorganizować dojazd dziecka. Mogą nie pokryć wszystkich kosztów. Nie musisz go przyjmować.</p>"),
                ("Jak długo może trwać podróż mojego dziecka?",
                 "<p>Najwyżej 45 minut w jedną stronę dla dziecka ze szkoły podstawowej. Najwyżej 75 minut w jedną stronę dla dziecka ze szkoły średniej.</p>"),
                ("Czy transport może zawieźć moje dziecko na zajęcia pozalekcyjne?",
                 "<p>Nie. Transport jest na początek i koniec dnia szkolnego. Nie wozi dziecka na zajęcia przed lekcjami ani po nich.</p>"),
                ("Co zrobić, jeśli transport nie przyjedzie?",
                 "<p>Od razu zadzwoń do zespołu transportu pod numer {phone}. Poza godzinami pracy zadzwoń pod numer podany w liście dziecka w sprawie dojazdów.</p>"),
            ]),
            ("Koszty", [
                ("Czy muszę płacić?",
                 "<p>Nie za dzieci w wieku od 5 do 16 lat. Za młodzież powyżej 16 lat i dzieci poniżej 5 lat zwykle prosimy o 1000 funtów rocznie albo o 500 funtów, jeśli otrzymujesz świadczenia zależne od dochodu.</p>"),
                ("Czy mogę płacić w ratach?",
                 "<p>Tak. Możesz płacić w maksymalnie ośmiu ratach miesięcznych.</p>"),
                ("Moje dziecko długo choruje. Czy nadal muszę płacić?",
                 "<p>Porozmawiaj z nami. Jeśli dziecko opuści szkołę na 4 tygodnie lub dłużej i masz zaświadczenie lekarskie, ponownie rozpatrzymy opłatę.</p>"),
            ]),
            ("Jeśli się nie zgadzasz", [
                ("Jak odwołać się od decyzji?",
                 "<p>Wypełnij formularz odwołania i napisz, dlaczego się nie zgadzasz. Wyślij go do nas w ciągu 20 dni roboczych od naszej decyzji.</p>"),
                ("Ile trwa rozpatrzenie odwołania?",
                 "<p>Pierwszy etap trwa do 20 dni roboczych. Drugi etap trwa do 40 dni roboczych.</p>"),
                ("Czym różni się odwołanie od skargi?",
                 "<p>Odwołanie dotyczy decyzji. Skarga dotyczy tego, jak Cię potraktowaliśmy.</p>"),
                ("Kto jeszcze może mi pomóc?",
                 "<p>SENDIASS i Amaze udzielają bezpłatnych porad. PaCC, forum rodziców i opiekunów, słucha wielu rodzin. Mówi nam o problemach, które mają.</p>"),
            ]),
            ("Współpraca z rodzicami", [
                ("Kto pisze te zasady?",
                 "<p>Rada i PaCC piszą je razem. PaCC to lokalne forum rodziców i opiekunów. Nazywamy to współtworzeniem. Jeśli w jakiejś sprawie się nie zgadzamy, zasady to mówią.</p>"),
                ("Czy zapytacie rodziny, zanim zmienicie zasady?",
                 "<p>Tak. Najpierw pytamy Was w konsultacjach. Nigdy nie robimy tego w czasie wakacji szkolnych.</p>"),
            ]),
        ],
    },
    "ar": {
        "title": "أسئلة يطرحها أولياء الأمور",
        "intro": "إليك إجابات قصيرة عن أكثر ما تسألنا عنه العائلات.",
        "topics": [
            ("طلب المساعدة في التنقل", [
                ("من يمكنه طلب المساعدة في التنقل؟",
                 "<p>يمكن لأي والد أو مقدم رعاية أن يطلب. معظم المساعدة للأطفال بين 5 و16 سنة الذين يسكنون في منطقتنا.</p>"),
                ("هل تعني خطة EHCP أن طفلي سيحصل على المواصلات؟",
                 "<p>لا. خطة EHCP مهمة، لكننا ننظر في كيفية تأثير احتياجات طفلك على الرحلة. ويمكنك الطلب أيضاً إذا لم تكن لدى طفلك خطة EHCP.</p>"),
                ("من يمكنه مساعدتي في تعبئة النموذج؟",
                 "<p>منسق الاحتياجات التعليمية الخاصة (SENCO) في مدرسة طفلك، أو الأخصائي الاجتماعي لطفلك، أو خدمة SENDIASS. ويمكنك أيضاً الاتصال بفريق المواصلات.</p>"),
                ("ما المسافة التي يُتوقع أن يمشيها طفلي؟",
                 "<p>حتى ميلين إذا كان عمره أقل من 8 سنوات، وحتى 3 أميال إذا كان عمره 8 سنوات أو أكثر، على أقصر طريق آمن. وإذا كان طفلك لا يستطيع المشي بأمان بسبب احتياجاته الخاصة أو إعاقته، فسننظر في المساعدة مع ذلك.</p>"),
                ("اخترنا مدرسة أبعد. هل يمكننا الحصول على مساعدة؟",
                 "<p>عادةً لا. نحن ملزمون بالمساعدة في التنقل إلى أقرب مدرسة مناسبة فقط، إلا إذا كانت هناك أسباب استثنائية.</p>"),
            ]),
            ("أنواع المساعدة والرحلات", [
                ("ما أنواع المساعدة في التنقل؟",
                 "<p>هناك خمسة أنواع. تذكرة حافلة. مقعد في سيارة أجرة مشتركة أو حافلة صغيرة. مرافق يركب مع طفلك. ميزانية تنقل شخصية. أو تدريب على التنقل باستقلالية، ليتعلم طفلك التنقل وحده.</p>"),
                ("ما هي ميزانية التنقل الشخصية؟",
                 "<p>مبلغ ندفعه لك لتخطط رحلة طفلك بنفسك. قد لا يغطي التكلفة كلها. ولست ملزماً بقبولها.</p>"),
                ("كم يمكن أن تستغرق رحلة طفلي؟",
                 "<p>45 دقيقة على الأكثر في كل اتجاه لطفل في المدرسة الابتدائية. 75 دقيقة على الأكثر في كل اتجاه لطفل في المدرسة الثانوية.</p>"),
                ("هل يمكن أن تأخذ المواصلات طفلي إلى نادٍ بعد المدرسة؟",
                 "<p>لا. المواصلات لبداية اليوم الدراسي ونهايته. ولا تأخذ طفلك إلى النوادي قبل المدرسة أو بعدها.</p>"),
                ("ماذا أفعل إذا لم تصل المواصلات؟",
                 "<p>اتصل بفريق المواصلات فوراً على الرقم {phone}. وإذا كان ذلك خارج ساعات العمل، فاتصل بالرقم المذكور في رسالة التنقل الخاصة بطفلك.</p>"),
            ]),
            ("التكاليف", [
                ("هل عليّ أن أدفع؟",
                 "<p>لا، للأطفال بين 5 و16 سنة. أما الشباب فوق 16 سنة والأطفال دون 5 سنوات، فنطلب عادةً 1000 جنيه إسترليني في السنة، أو 500 جنيه إذا كنت تحصل على إعانات مرتبطة بالدخل.</p>"),
                ("هل يمكنني الدفع على أقساط؟",
                 "<p>نعم. يمكنك الدفع على ثماني دفعات شهرية كحد أقصى.</p>"),
                ("طفلي مريض منذ مدة طويلة. هل ما زلت أدفع؟",
                 "<p>تحدث إلينا. إذا كان طفلك سيتغيب عن المدرسة 4 أسابيع أو أكثر، مع وجود دليل طبي، فسنعيد النظر في الرسوم.</p>"),
            ]),
            ("إذا لم توافق", [
                ("كيف أقدم استئنافاً على قرار؟",
                 "<p>املأ نموذج الاستئناف وأخبرنا لماذا لا توافق. أرسله إلينا خلال 20 يوم عمل من تاريخ قرارنا.</p>"),
                ("كم يستغرق الاستئناف؟",
                 "<p>تستغرق المرحلة الأولى حتى 20 يوم عمل. وتستغرق المرحلة الثانية حتى 40 يوم عمل.</p>"),
                ("ما الفرق بين الاستئناف والشكوى؟",
                 "<p>الاستئناف يتعلق بالقرار. أما الشكوى فتتعلق بطريقة تعاملنا معك.</p>"),
                ("من يمكنه مساعدتي أيضاً؟",
                 "<p>تقدم خدمة SENDIASS ومنظمة Amaze نصائح مجانية. ويستمع منتدى أولياء الأمور ومقدمي الرعاية (PaCC) إلى عائلات كثيرة، ويخبرنا بالمشكلات التي تواجهها.</p>"),
            ]),
            ("العمل مع أولياء الأمور", [
                ("من يكتب هذه السياسات؟",
                 "<p>يكتبها المجلس ومنتدى PaCC معاً. PaCC هو منتدى أولياء الأمور ومقدمي الرعاية المحلي. نسمي هذا الإنتاج المشترك. وإذا لم نتفق على نقطة ما، تذكر السياسة ذلك.</p>"),
                ("هل ستسألون العائلات قبل تغيير القواعد؟",
                 "<p>نعم. نسألكم أولاً في استشارة عامة. ولا نفعل ذلك أبداً في العطل المدرسية.</p>"),
            ]),
        ],
    },
}
