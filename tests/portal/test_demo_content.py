"""The demo loader builds a site a parent could use, and running it twice changes nothing."""


from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site

from charter.models import CharterPage, WorkingAgreementPage
from consultations.models import ConsultationPage
from portal.demo.translations import TRAVEL_ASSISTANCE
from portal.models import FAQIndexPage, GlossaryTerm, PolicyPage, UpdatePage
from portal.readability import page_verdict
from portal.selectors import page_readability, plain_language_settings
from surveys.models import SurveyPage

pytestmark = pytest.mark.django_db


def test_loading_twice_creates_nothing_new(settings, capsys):
    settings.DEMO_MODE = False
    call_command("load_demo_content")
    counts = (Page.objects.count(), GlossaryTerm.objects.count(), User.objects.count(),
              SearchPromotion.objects.count())
    call_command("load_demo_content")
    assert (Page.objects.count(), GlossaryTerm.objects.count(), User.objects.count(),
            SearchPromotion.objects.count()) == counts


@pytest.mark.calendar
def test_demo_has_the_promised_content(demo, client):
    assert PolicyPage.objects.live().filter(locale__language_code="en-gb").count() == 2
    faq = FAQIndexPage.objects.get(locale__language_code="en-gb")
    assert sum(len(t.value["questions"]) for t in faq.topics) >= 15
    assert GlossaryTerm.objects.filter(live=True).count() >= 20
    home = client.get("/").content.decode()
    assert "Travel help for children with SEND" in home
    assert "Transport not turned up?" in home
    for url in ("/policies/travel-assistance/", "/policies/appeals-and-complaints/", "/faq/",
                "/jargon-buster/"):
        assert client.get(url).status_code == 200, url


def test_polish_and_arabic_policies_are_real_translations(demo, client):
    polish = client.get("/pl/policies/travel-assistance/").content.decode()
    assert "Pomoc w dojazdach dla dzieci ze SEND" in polish
    assert "Odległości pieszo" in polish
    assert "nie została jeszcze przetłumaczona" not in polish
    arabic = client.get("/ar/policies/travel-assistance/").content.decode()
    assert '<html lang="ar" dir="rtl"' in arabic
    assert "مسافات المشي" in arabic


def test_untranslated_demo_pages_show_english_with_a_notice(demo, client):
    html = client.get("/pl/policies/appeals-and-complaints/").content.decode()
    assert "Asking us to look again: appeals and complaints" in html
    assert "Strona nie została jeszcze przetłumaczona" in html


def test_demo_users_and_passwords_only_in_demo_mode(settings, capsys):
    settings.DEMO_MODE = False
    call_command("load_demo_content")
    out = capsys.readouterr().out
    assert "demo-officer-2026" not in out
    # The co-production record needs its people, but nobody can sign in as them.
    assert not User.objects.get(username="officer").has_usable_password()
    settings.DEMO_MODE = True
    call_command("load_demo_content")
    out = capsys.readouterr().out
    assert "demo-officer-2026" in out
    officer = User.objects.get(username="officer")
    assert officer.check_password("demo-officer-2026")
    assert officer.groups.filter(name="Officers").exists()
    assert User.objects.get(username="forumrep").groups.filter(
        name="Forum representatives").exists()
    assert User.objects.get(username="board").groups.filter(name="Governance board").exists()


def test_faq_links_point_to_real_policy_sections(demo, client):
    html = client.get("/faq/").content.decode()
    assert 'href="/policies/travel-assistance/#walking-distances"' in html
    policy = client.get("/policies/travel-assistance/").content.decode()
    assert 'id="walking-distances"' in policy


def test_everyday_searches_find_the_urgent_help_answer(demo, client):
    for words in ("late", "taxi late", "Taxi late", "not turned up", "driver"):
        html = client.get("/search/", {"q": words}).content.decode()
        assert "data-portal-promotions" in html, words
        # The FAQ's own answer, at its question on the FAQ page, with the number to tap.
        assert 'href="/faq/#q-what-should-i-do-if-transport-does-not-turn-up"' in html, words
        assert "Phone the transport team straight away on" in html, words


def test_bus_pass_and_ehcp_searches_lead_to_the_travel_help_policy(demo, client):
    for words in ("bus pass", "EHCP"):
        html = client.get("/search/", {"q": words}).content.decode()
        assert "data-portal-promotions" in html, words
        assert 'href="/policies/travel-assistance/"' in html, words


def test_the_demo_faq_answer_about_transport_not_turning_up_is_found_by_its_own_words(
    demo, client
):
    # Without any promotion: "turned" finds "turn" (stemmed alike on SQLite and PostgreSQL).
    SearchPromotion.objects.all().delete()
    html = client.get("/search/", {"q": "transport turned up"}).content.decode()
    assert 'href="/faq/"' in html


def _english_pages_with_prose():
    """Every English demo page the officer's plain-language panel scores."""
    return [page for page in Page.objects.filter(locale__language_code="en-gb", alias_of=None)
            .specific().order_by("path") if hasattr(page, "plain_text_sections")]


def test_every_demo_page_meets_the_sites_reading_target_as_scored(demo):
    """What the officer's panel shows for each English demo page with prose (the policies,
    the FAQ, the news, the charter, the working agreement, the consultation and each year's
    survey): within the site's target, the page and every section, scored as a reader hears
    them."""
    target = plain_language_settings().reading_age_target
    pages = _english_pages_with_prose()
    kinds = {type(page) for page in pages}
    assert {PolicyPage, FAQIndexPage, UpdatePage, CharterPage, WorkingAgreementPage,
            ConsultationPage, SurveyPage} <= kinds
    assert len([p for p in pages if isinstance(p, SurveyPage)]) == 4
    for page in pages:
        report = page_readability(page)
        assert report.whole.meets(target), (page.title, report.whole)
        for section in report.sections:
            assert section.report.meets(target), (page.title, section.heading, section.report)


def test_the_charter_agreement_and_surveys_introductions_meet_the_target_too(demo):
    """Their introductions (the charter's vision, the agreement's opening, the survey's
    invitation) are what a parent reads first."""
    target = plain_language_settings().reading_age_target
    for page in _english_pages_with_prose():
        if isinstance(page, CharterPage | WorkingAgreementPage | SurveyPage):
            report = page_readability(page)
            assert report.intro is not None and report.intro.meets(target), (
                page.title, report.intro)


def test_every_demo_introduction_meets_the_target_on_its_own_row(demo):
    """The introduction's own row in the officer's panel (the policies' "in short", the
    FAQ's opening), not only the page as a whole, is within the site's target."""
    target = plain_language_settings().reading_age_target
    checked = set()
    for page in _english_pages_with_prose():
        report = page_readability(page)
        if report.intro is not None:
            assert report.intro.meets(target), (page.title, report.intro)
            assert page_verdict(report, target).meets, (page.title, page_verdict(report, target))
            checked.add(type(page))
    assert {PolicyPage, FAQIndexPage} <= checked


def test_the_travel_help_introduction_keeps_its_facts_in_every_language(demo):
    """The seed's kinds of help (a bus pass, a shared taxi, money to arrange travel,
    training to travel alone), each child looked at on their own, in English, and the Polish
    and Arabic copies that a translator made of the same sentences."""
    pages = {page.locale.language_code: page for page in PolicyPage.objects.filter(
        slug="travel-assistance", alias_of=None).select_related("locale")}
    english = pages["en-gb"].in_short
    for fact in ("SEND", "safely", "each child on their own", "bus pass", "shared taxi",
                 "money for you to arrange travel", "training to travel alone"):
        assert fact in english, fact
    for code in ("pl", "ar"):
        assert pages[code].in_short == TRAVEL_ASSISTANCE[code]["in_short"], code
        # Sentence for sentence: as many full stops as the English.
        assert pages[code].in_short.count(".") == english.count(".") == 4, code


def test_the_working_agreement_keeps_every_clause_of_the_seed_in_plain_words(demo):
    """Nine clauses, each the seed's fact in shorter words: the law, who speaks for families,
    every policy and letter written with the forum, planning a consultation with it, no
    consultations in school holidays, meeting every two weeks, a yearly survey together,
    disagreements in the papers."""
    page = WorkingAgreementPage.objects.get(locale__language_code="en-gb")
    text = " ".join(t for _, _, t in page.plain_text_sections())
    for fact in ("Education Act", "speak for parent carers", "every policy with the forum",
                 "letters and news with the forum", "plan the questions", "school holidays",
                 "every two weeks", "Each year we run a survey", "the papers say so"):
        assert fact in text, fact


def test_the_demo_site_has_the_public_address_not_localhost(demo, settings):
    """Wagtail builds its admin links and its own e-mails on the Site: it must be
    PORTAL_BASE_URL's host and port, not Wagtail's default localhost:80."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.get(is_default_site=True)
    assert site.hostname == base.hostname != "localhost"
    assert site.port == (base.port or (443 if base.scheme == "https" else 80))
    assert site.root_page.full_url.startswith(settings.WAGTAILADMIN_BASE_URL.rstrip("/"))
