"""Demo search promotions: the everyday words families type, and the answer each should find.

(search words, "faq" or a policy slug, what the result says). The loader adds them as
Wagtail search promotions, which officers edit under Settings > Promoted search results.
"""

URGENT = ("Transport not turned up or running late? Phone the transport team straight away. "
          "Out of hours, phone the number on your child's travel letter.")

COMPLAINT = ("Not happy with how we dealt with you? See how to make a complaint, and how it "
             "differs from an appeal.")

# The same in Polish and Arabic, for the promoted searches typed in those languages: a
# promotion has one description, so a Polish or Arabic search gets its answer in its words.
URGENT_PL = ("Transport nie przyjechał lub się spóźnia? Od razu zadzwoń do zespołu transportu. "
             "Poza godzinami pracy zadzwoń pod numer podany w liście o dojazdach Twojego "
             "dziecka.")
URGENT_AR = ("لم تصل المواصلات أو تأخرت؟ اتصل بفريق المواصلات فوراً. خارج ساعات العمل، اتصل "
             "بالرقم المذكور في رسالة التنقل الخاصة بطفلك.")
COMPLAINT_PL = ("Nie jesteś zadowolony z tego, jak Cię potraktowaliśmy? Zobacz, jak złożyć skargę "
                "i czym różni się ona od odwołania.")
COMPLAINT_AR = ("لست راضياً عن طريقة تعاملنا معك؟ اطّلع على كيفية تقديم شكوى، وكيف تختلف عن "
                "الاستئناف.")

BUS_TICKET = "A free bus pass is one kind of travel help. See who can ask and how we decide."
BUS_TICKET_PL = ("Bezpłatny bilet autobusowy to jeden z rodzajów pomocy w dojazdach. Zobacz, kto "
               "może o nią poprosić i jak decydujemy.")
BUS_TICKET_AR = "تذكرة الحافلة المجانية نوع من المساعدة في التنقل. اطّلع على من يمكنه طلبها وكيف نقرر."
EHCP = "An EHCP on its own does not mean your child gets transport. See how we decide."
EHCP_PL = ("Sam plan EHCP nie oznacza, że Twoje dziecko dostanie transport. Zobacz, jak "
           "decydujemy.")
EHCP_AR = "خطة EHCP وحدها لا تعني أن طفلك سيحصل على المواصلات. اطّلع على كيف نقرر."

# "Contact", "phone number", "telefon", "هاتف": the transport team's number and e-mail, on the
# FAQ page that gives them (the number a tel: link where it is shown).
CONTACT = ("The transport team: phone {phone} or e-mail {email}. "
           "Transport not turned up? Phone straight away.")
CONTACT_PL = ("Zespół transportu: zadzwoń pod numer {phone} lub napisz na adres "
              "{email}. Transport nie przyjechał? Zadzwoń od razu.")
CONTACT_AR = ("فريق المواصلات: اتصل على الرقم {phone} أو راسلنا على "
              "{email}. لم تصل المواصلات؟ اتصل فوراً.")

# "Apply", "application", "wniosek", "استمارة": families' word for what the pages call asking
# for travel help.
APPLY = ("How to apply for travel help: who can ask, what to send and how we decide. Someone "
         "at your child's school or SENDIASS can help you fill in the form.")
APPLY_PL = ("Jak złożyć wniosek o pomoc w dojazdach: kto może o nią poprosić, co wysłać i jak "
            "decydujemy. Pomoże Ci ktoś w szkole Twojego dziecka lub SENDIASS.")
APPLY_AR = ("كيف تقدّم طلب المساعدة في التنقل: من يمكنه الطلب، وماذا ترسل، وكيف نقرر. يمكن أن "
            "يساعدك أحد في مدرسة طفلك أو SENDIASS في ملء الاستمارة.")

PROMOTIONS = [
    ("taxi late", "faq", URGENT),
    # "Taxi" alone, in every language: most families who type only that have a taxi that
    # has not come (the policy's own pages still list below it).
    ("taxi", "faq", URGENT),
    ("taksówka", "faq", URGENT_PL),
    ("تاكسي", "faq", URGENT_AR),
    ("تكسي", "faq", URGENT_AR),
    ("سيارة أجرة", "faq", URGENT_AR),
    ("late", "faq", URGENT),
    ("not turned up", "faq", URGENT),
    ("driver", "faq", URGENT),
    ("taxi not come", "faq", URGENT),
    ("not turn up", "faq", URGENT),
    ("not arrived", "faq", URGENT),
    # "No show", "no-show": what a family says when nobody came at all.
    ("no show", "faq", URGENT),
    # The same in Polish and Arabic, as families type them: each matches any search that
    # holds its words ("taksowka sie spoznia", "kierowca nie przyjechal", "السائق تاخر").
    ("spóźnia", "faq", URGENT_PL),
    ("spóźniona", "faq", URGENT_PL),
    ("nie przyjechał", "faq", URGENT_PL),
    ("nie przyjechała", "faq", URGENT_PL),
    ("kierowca", "faq", URGENT_PL),
    ("تأخر", "faq", URGENT_AR),
    ("متأخر", "faq", URGENT_AR),
    ("لم يصل", "faq", URGENT_AR),
    ("لم تصل", "faq", URGENT_AR),
    ("السائق", "faq", URGENT_AR),
    # "The bus did not come" (the feminine verb, and spoken), "no transport", "no one came".
    ("لم تأت", "faq", URGENT_AR),
    ("ما اجا", "faq", URGENT_AR),
    ("brak transportu", "faq", URGENT_PL),
    ("nie ma busa", "faq", URGENT_PL),
    ("not show up", "faq", URGENT),
    ("no one came", "faq", URGENT),
    # Complaints, in each language as families type them (any form: "skargę", "الشكوي"):
    # the appeals and complaints policy.
    ("complaint", "appeals-and-complaints", COMPLAINT),
    ("complain", "appeals-and-complaints", COMPLAINT),
    ("skarga", "appeals-and-complaints", COMPLAINT_PL),
    ("zażalenie", "appeals-and-complaints", COMPLAINT_PL),
    ("reklamacja", "appeals-and-complaints", COMPLAINT_PL),
    ("شكوى", "appeals-and-complaints", COMPLAINT_AR),
    ("اشتكي", "appeals-and-complaints", COMPLAINT_AR),
    ("bus pass", "travel-assistance", BUS_TICKET),
    # "Bus pass" as Polish and Arabic families type it: a ticket, a bus ticket, a bus card.
    *((words, "travel-assistance", BUS_TICKET_PL) for words in ("bilet", "bilet autobusowy",
                                                                "karta autobusowa")),
    *((words, "travel-assistance", BUS_TICKET_AR) for words in ("تذكرة حافلة", "بطاقة الباص",
                                                                "تذكرة باص", "بطاقة حافلة")),
    ("EHCP", "travel-assistance", EHCP),
    *(("contact", "faq", CONTACT), ("telephone", "faq", CONTACT), ("phone", "faq", CONTACT),
      ("phone number", "faq", CONTACT), ("kontakt", "faq", CONTACT_PL),
      ("telefon", "faq", CONTACT_PL), ("numer telefonu", "faq", CONTACT_PL),
      ("هاتف", "faq", CONTACT_AR), ("تلفون", "faq", CONTACT_AR), ("تليفون", "faq", CONTACT_AR),
      ("رقم الهاتف", "faq", CONTACT_AR), ("اتصال", "faq", CONTACT_AR)),
    # "Call", "who do I call", "ring", "email"; "do kogo dzwonić", "zadzwonić", "mail"; the
    # mobile (جوال, موبايل), e-mail (ايميل, بريد) and "whom do I call" (بمن اتصل).
    *((words, "faq", CONTACT) for words in ("call", "ring", "email", "e-mail", "mobile")),
    *((words, "faq", CONTACT_PL) for words in ("dzwonić", "zadzwonić", "dzwonię", "email",
                                               "e-mail", "mail", "komórka")),
    *((words, "faq", CONTACT_AR) for words in ("جوال", "موبايل", "ايميل", "إيميل", "اتصل",
                                               "بريد إلكتروني")),
    *((words, "travel-assistance", APPLY) for words in ("apply", "application", "applying",
                                                        "application form")),
    *((words, "travel-assistance", APPLY_PL) for words in ("wniosek", "wnioski",
                                                           "złożyć wniosek", "formularz")),
    *((words, "travel-assistance", APPLY_AR) for words in ("استمارة", "طلب", "تقديم طلب",
                                                           "أقدم")),
    # The words families type in every language ("EHCP", "bus pass", "taxi", "late" on the
    # Polish and Arabic pages), promoted again with the answer in Polish and in Arabic: of
    # several promotions for one page, a reader gets the one in their language.
    *((words, target, description)
      for words, target, descriptions in (
          ("EHCP", "travel-assistance", (EHCP_PL, EHCP_AR)),
          ("bus pass", "travel-assistance", (BUS_TICKET_PL, BUS_TICKET_AR)),
          ("taxi", "faq", (URGENT_PL, URGENT_AR)),
          ("taxi late", "faq", (URGENT_PL, URGENT_AR)),
          ("late", "faq", (URGENT_PL, URGENT_AR)))
      for description in descriptions),
]
