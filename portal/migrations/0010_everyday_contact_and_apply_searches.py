"""An existing site gets the promoted searches families' everyday words need, which until now
reached only a site loaded with the demo (``manage.py load_demo_content``): "contact",
"phone", "call", "ring", "email", "telefon", "zadzwonić", "هاتف", "جوال"… lead to the FAQ page
with the transport team's number (``{phone}``: the number in Service details) and e-mail;
"apply", "application", "wniosek", "formularz", "استمارة", "طلب"… to the travel help policy.

Added only where the page exists (the English FAQ page; the English policy whose slug is
"travel-assistance"). An officer's own promotion is never changed, and none is added beside
it: words an officer already promotes to the same page (in any words of description) are
left as they are. Running it again adds nothing. The words and descriptions are written out
here, as they were when this migration was made (``portal/demo/search.py`` may change).
"""

from django.conf import settings
from django.db import migrations
from wagtail.search.utils import normalise_query_string

CONTACT = ("The transport team: phone {phone} or e-mail {email}. "
           "Transport not turned up? Phone straight away.")
CONTACT_PL = ("Zespół transportu: zadzwoń pod numer {phone} lub napisz na adres "
              "{email}. Transport nie przyjechał? Zadzwoń od razu.")
CONTACT_AR = ("فريق المواصلات: اتصل على الرقم {phone} أو راسلنا على "
              "{email}. لم تصل المواصلات؟ اتصل فوراً.")
APPLY = ("How to apply for travel help: who can ask, what to send and how we decide. Someone "
         "at your child's school or SENDIASS can help you fill in the form.")
APPLY_PL = ("Jak złożyć wniosek o pomoc w dojazdach: kto może o nią poprosić, co wysłać i jak "
            "decydujemy. Pomoże Ci ktoś w szkole Twojego dziecka lub SENDIASS.")
APPLY_AR = ("كيف تقدّم طلب المساعدة في التنقل: من يمكنه الطلب، وماذا ترسل، وكيف نقرر. يمكن أن "
            "يساعدك أحد في مدرسة طفلك أو SENDIASS في ملء الاستمارة.")

PROMOTIONS = [
    *((words, "faq", CONTACT) for words in ("contact", "telephone", "phone", "phone number",
                                            "call", "ring", "email", "e-mail", "mobile")),
    *((words, "faq", CONTACT_PL) for words in ("kontakt", "telefon", "numer telefonu",
                                               "dzwonić", "zadzwonić", "dzwonię", "email",
                                               "e-mail", "mail", "komórka")),
    *((words, "faq", CONTACT_AR) for words in ("هاتف", "تلفون", "تليفون", "رقم الهاتف", "اتصال",
                                               "جوال", "موبايل", "ايميل", "إيميل", "اتصل",
                                               "بريد إلكتروني")),
    *((words, "travel-assistance", APPLY) for words in ("apply", "application", "applying",
                                                        "application form")),
    *((words, "travel-assistance", APPLY_PL) for words in ("wniosek", "wnioski",
                                                           "złożyć wniosek", "formularz")),
    *((words, "travel-assistance", APPLY_AR) for words in ("استمارة", "طلب", "تقديم طلب",
                                                           "أقدم")),
]


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    FAQIndexPage = apps.get_model("portal", "FAQIndexPage")
    PolicyPage = apps.get_model("portal", "PolicyPage")
    Query = apps.get_model("wagtailsearchpromotions", "Query")
    SearchPromotion = apps.get_model("wagtailsearchpromotions", "SearchPromotion")
    english = Locale.objects.filter(language_code__iexact=settings.LANGUAGE_CODE).first()
    if english is None:
        return
    targets = {
        "faq": FAQIndexPage.objects.filter(locale=english, live=True).order_by("path").first(),
        "travel-assistance": PolicyPage.objects.filter(
            locale=english, live=True, slug="travel-assistance").first(),
    }
    # What officers (or the demo) promote already, before anything is added here: words
    # promoted to a page are theirs, whatever the description says.
    promoted = set(SearchPromotion.objects.filter(page__isnull=False).values_list(
        "query__query_string", "page_id"))
    for words, target, description in PROMOTIONS:
        page = targets[target]
        if page is None:
            continue
        query_string = normalise_query_string(words)
        if (query_string, page.pk) in promoted:
            continue
        query, _ = Query.objects.get_or_create(query_string=query_string)
        if SearchPromotion.objects.filter(query=query, page_id=page.pk,
                                          description=description).exists():
            continue
        last = (SearchPromotion.objects.filter(query=query).exclude(sort_order=None)
                .order_by("-sort_order").values_list("sort_order", flat=True).first())
        SearchPromotion.objects.create(query=query, page_id=page.pk, description=description,
                                       sort_order=(last + 1) if last is not None else 0)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0009_transport_phone_written_once"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
