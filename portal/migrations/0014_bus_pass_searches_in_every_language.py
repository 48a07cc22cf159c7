"""An existing site gets the promoted searches for a bus pass in every language, which until
now reached only a site loaded with the demo (``manage.py load_demo_content``), and there in
English only: "bus pass", "bilet", "bilet autobusowy", "karta autobusowa", "تذكرة حافلة",
"بطاقة الباص"… lead to the travel help policy, its answer in the reader's language (issue 13,
review r13k F6).

Added only where the English policy whose slug is "travel-assistance" exists. As migration
0010: an officer's own promotion is never changed, and none is added beside it (words an
officer already promotes to the same page are left as they are). Running it again adds
nothing. The words and descriptions are written out here, as they were when this migration
was made (``portal/demo/search.py`` may change).
"""

from django.conf import settings
from django.db import migrations
from wagtail.search.utils import normalise_query_string

BUS_TICKET = "A free bus pass is one kind of travel help. See who can ask and how we decide."
BUS_TICKET_PL = ("Bezpłatny bilet autobusowy to jeden z rodzajów pomocy w dojazdach. Zobacz, kto "
                 "może o nią poprosić i jak decydujemy.")
BUS_TICKET_AR = "تذكرة الحافلة المجانية نوع من المساعدة في التنقل. اطّلع على من يمكنه طلبها وكيف نقرر."

PROMOTIONS = [
    ("bus pass", "travel-assistance", BUS_TICKET),
    ("bus pass", "travel-assistance", BUS_TICKET_PL),
    ("bus pass", "travel-assistance", BUS_TICKET_AR),
    *((words, "travel-assistance", BUS_TICKET_PL) for words in ("bilet", "bilet autobusowy",
                                                                "karta autobusowa")),
    *((words, "travel-assistance", BUS_TICKET_AR) for words in ("تذكرة حافلة", "بطاقة الباص",
                                                                "تذكرة باص", "بطاقة حافلة")),
]


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    PolicyPage = apps.get_model("portal", "PolicyPage")
    Query = apps.get_model("wagtailsearchpromotions", "Query")
    SearchPromotion = apps.get_model("wagtailsearchpromotions", "SearchPromotion")
    english = Locale.objects.filter(language_code__iexact=settings.LANGUAGE_CODE).first()
    if english is None:
        return
    targets = {
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
        ("portal", "0013_service_details_say_where_they_are_used"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
