"""The checker at <policy page>/checker/: one question a page, the live and proposed answer
side by side, and nothing kept anywhere."""

import copy
import datetime as dt
import logging
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charter.selectors import page_sections
from portal.selectors import section_anchors
from tests.consultations.conftest import make_consultation
from tests.factories import publish

pytestmark = pytest.mark.django_db

RULES = {
    "area_name": "our area", "school_age_from": 5, "school_age_to": 16,
    "who_section": "Who can get help",
    "walking_bands": [{"min_age": 5, "max_age": 7, "miles": Decimal("2")},
                      {"min_age": 8, "max_age": 16, "miles": Decimal("3")}],
    "walking_section": "Walking distances", "unsafe_walk_duty": "will_consider",
    "choice_section": "", "low_income_bands": [], "low_income_section": "",
    "under_age_discretionary": True, "post16_discretionary": True, "post16_section": "",
    "contribution_pounds": 1000, "contribution_low_income_pounds": 500,
    "contribution_instalments": 8, "post19_min_age": 19, "post19_max_age": 25,
    "post19_min_miles": Decimal("3"), "post19_section": "", "appeal_page": None,
}


def with_rules(page, rules):
    page.eligibility_rules = [("rules", rules)]
    return publish(page)


@pytest.fixture
def policy(tree):
    return with_rules(tree.policy, copy.deepcopy(RULES))


@pytest.fixture
def proposal(policy, consultation_index, calendar):
    draft = policy.get_latest_revision_as_object()
    rules = copy.deepcopy(RULES)
    rules["walking_bands"][0]["miles"] = Decimal("1.5")
    draft.eligibility_rules = [("rules", rules)]
    draft.change_note = "Under-8s walk up to 1.5 miles."
    revision = draft.save_revision()
    return make_consultation(consultation_index, calendar, policy=policy,
                             proposed_revision=revision)


def checker_url(page):
    return page.url + "checker/"


def answer(client, page, **answers):
    """Walk the checker as a parent would: start, then each question the page asks, taking
    the answer from ``answers``; returns the last response."""
    url = checker_url(page)
    response = client.get(url, {"start": "1"})
    carried = {}
    for _ in range(10):
        if "question" not in response.context:
            return response
        name = response.context["name"]
        carried.update(dict(response.context["carried"]))
        data = {**carried, "question": name}
        given = answers.get(name, "unknown")
        if isinstance(given, dict):
            data.update(given)
        else:
            data[name] = given
        response = client.get(url, data)
    raise AssertionError("the checker asked more than eight questions")


def test_start_page_says_nothing_is_kept_and_sets_no_cookie(client, policy):
    response = client.get(checker_url(policy))
    assert response.status_code == 200
    text = response.content.decode()
    assert "We do not save your answers" in text
    assert "What would this mean for my child?" in text
    # The promise matches the longest path (a young adult's), which the issue caps at eight.
    assert "There are at most 8 questions, one on each page." in text
    assert not response.cookies


def test_a_policy_without_rules_has_no_checker(client, tree):
    assert client.get(checker_url(tree.policy)).status_code == 404


def test_one_question_a_page_and_I_dont_know_is_always_offered_and_explained(client, policy):
    response = client.get(checker_url(policy), {"start": "1"})
    assert response.context["name"] == "age"
    text = response.content.decode()
    assert text.count("<h1") == 1
    assert "I don&#x27;t know" in text and "not what they mean for your child" in text


def test_every_question_offers_i_dont_know_and_says_what_it_means():
    """No database: each question, as a child or a young adult is asked it, offers "I don't
    know" with its own explanation."""
    from eligibility.forms import ADULT_QUESTIONS, ORDER, QUESTIONS, CheckerForm, relevant
    from eligibility.rules import AgeBand, Rules

    form = CheckerForm(rule_sets=[Rules()])
    for name in ORDER:
        assert "unknown" in dict(form.fields[name].choices), name
        for question in (QUESTIONS[name], ADULT_QUESTIONS.get(name, QUESTIONS[name])):
            assert str(question.dont_know).strip(), name
    # At most eight questions at any age (the limit), with low-income bands too.
    rule_sets = [Rules(low_income_bands=(AgeBand(8, 11, 2.0),))]
    asked = {age: sum(relevant(name, age, rule_sets) for name in ORDER)
             for age in [None, *range(0, 30)]}
    assert max(asked.values()) == 8, asked


def test_an_unanswered_question_shows_an_error_summary_and_keeps_earlier_answers(client, policy):
    response = client.get(checker_url(policy), {"age": "7", "question": "area"})
    text = response.content.decode()
    assert "There is a problem" in text and 'href="#area-1"' in text
    assert '<input type="hidden" name="age" value="7">' in text


@pytest.mark.parametrize("typed", ["1.8", "1,8", "١٫٨", "١,٨", "۱٫۸"])
def test_a_distance_typed_on_any_phone_keyboard_is_read(client, policy, typed):
    response = answer(client, policy, age="7", area="yes", distance={"distance_miles": typed},
                      needs="no", school="yes")
    assert "The walk is 1.8 miles." in response.content.decode()


def test_a_typed_distance_that_is_not_a_number_is_refused_plainly_and_shown_back(client,
                                                                                  policy):
    response = client.get(checker_url(policy), {"age": "7", "area": "yes",
                                                 "question": "distance",
                                                 "distance_miles": "about two"})
    text = response.content.decode()
    assert "Type the distance as a number, like 1.8" in text
    assert 'value="about two"' in text


def test_live_result_for_a_seven_year_old_at_1_8_miles_without_a_consultation(client, policy):
    response = answer(client, policy, age="7", area="yes", distance={"distance_miles": "1.8"},
                      needs="no", school="yes")
    shown = response.context["shown"]
    assert [s.heading for s in shown] == ["live"]
    assert shown[0].label == "Not likely to get help"
    text = response.content.decode()
    assert "The walk is 1.8 miles. Children under 8 walk up to 2 miles." in text
    assert f'{policy.url}#walking-distances' in text


def test_live_and_proposed_side_by_side_with_what_changes_in_plain_words(client, proposal,
                                                                         policy):
    response = answer(client, policy, age="7", area="yes", distance={"distance_miles": "1.8"},
                      needs="no", school="yes")
    shown = response.context["shown"]
    assert [s.result.outcome for s in shown] == ["not_likely", "likely"]
    text = response.content.decode()
    assert ("Under the proposal, your child would not be expected to walk, because 1.8 miles "
            "is over the proposed 1.5 miles for children under 8.") in text
    assert proposal.url + "respond/" in text


def test_an_eleven_year_old_sees_no_change(client, proposal, policy):
    response = answer(client, policy, age="11", area="yes", distance={"distance_miles": "1.8"},
                      needs="no", school="yes")
    assert "the proposal does not change the answer for your child" in response.content.decode()


def test_distance_bands_split_at_every_limit_of_the_live_and_proposed_rules(client, proposal,
                                                                             policy):
    response = client.get(checker_url(policy), {"age": "6", "area": "yes"})
    labels = [label for _v, label in response.context["choices"]]
    assert labels[:3] == ["Up to 1.5 miles", "More than 1.5 miles, up to 2 miles",
                          "More than 2 miles, up to 3 miles"]


def test_post16_asks_about_benefits_and_shows_the_yearly_charge(client, policy):
    response = answer(client, policy, age="17", area="yes", benefits="yes")
    assert response.context["shown"][0].label == "The council decides case by case"
    assert "£500 a year" in response.content.decode()
    asked = [name for name, _q, _a, _link in response.context["summary"]]
    assert asked == ["age", "area", "benefits"]


def test_post19_asks_at_most_eight_questions(client, policy):
    response = answer(client, policy, age="21", area="yes", send="yes",
                      distance={"distance": "3-"}, needs="no", school="yes", course="yes",
                      someone="no")
    asked = [name for name, _q, _a, _link in response.context["summary"]]
    assert asked == ["age", "area", "send", "distance", "needs", "school", "course", "someone"]
    assert response.context["shown"][0].label.startswith("May get help")


def test_change_an_answer_from_the_answer_page(client, policy):
    result = answer(client, policy, age="7", area="yes", distance={"distance_miles": "1.8"},
                    needs="no", school="yes")
    carried = dict(result.context["carried"])
    response = client.get(checker_url(policy), {**carried, "change": "distance"})
    assert response.context["name"] == "distance"
    assert response.context["miles_value"] == "1.8"
    response = client.get(checker_url(policy), {**dict(response.context["carried"]),
                                                 "question": "distance", "distance_miles": "2.5"})
    assert response.context["shown"][0].label == "Likely to get help"


@pytest.mark.django_db(transaction=False)
def test_nothing_reaches_the_database_logs_or_cookies_during_a_check(client, proposal, policy,
                                                                      caplog):
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        response = answer(client, policy, age="7", area="yes",
                          distance={"distance_miles": "1.83"}, needs="no", school="yes")
    assert response.status_code == 200
    writes = [q["sql"] for q in queries.captured_queries
              if q["sql"].lstrip().split(" ", 1)[0].upper() in
              ("INSERT", "UPDATE", "DELETE", "REPLACE")]
    assert writes == []
    assert "1.83" not in caplog.text
    assert not response.cookies
    assert not client.cookies
    assert "1.83" not in str([q["sql"] for q in queries.captured_queries])


def test_the_checker_is_all_get_so_it_needs_no_token_and_a_post_is_refused(proposal, policy):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.get(checker_url(policy), {"age": "7", "question": "age"}).status_code == 200
    assert strict.post(checker_url(policy), {"age": "7", "question": "age"}).status_code == 403
    assert strict.post(proposal.url + "respond/", {}).status_code == 403


def test_the_rules_are_compared_between_versions_like_any_text(policy):
    live = {s.block_id: s.text for s in page_sections(policy)}
    draft = policy.get_latest_revision_as_object()
    draft.eligibility_rules[0].value["walking_bands"][0]["miles"] = Decimal("1.5")
    changed = {s.block_id: s.text for s in page_sections(draft)}
    assert "children under 8: up to 2 miles" in live["eligibility_rules"]
    assert "children under 8: up to 1.5 miles" in changed["eligibility_rules"]


def test_the_demo_policy_carries_its_rules_and_the_demo_consultation_proposes_1_5_miles(
        settings, client):
    import io

    from django.core.management import call_command

    from consultations.models import ConsultationPage
    from portal.models import PolicyPage

    settings.DEMO_MODE = True
    call_command("load_demo_content", stdout=io.StringIO())
    policy = PolicyPage.objects.get(slug="travel-assistance", locale__language_code="en-gb")
    assert policy.checker_rules().walking_bands[0].miles == 2.0
    consultation = ConsultationPage.objects.get(slug="walking-distances-under-8",
                                                locale__language_code="en-gb")
    with time_machine.travel(consultation.opens + dt.timedelta(hours=1), tick=False):
        seven = answer(client, policy, age="7", area="yes", distance={"distance_miles": "1.8"},
                       needs="no", school="yes")
        eleven = answer(client, policy, age="11", area="yes",
                        distance={"distance_miles": "1.8"}, needs="no", school="yes")
    assert "over the proposed 1.5 miles for children under 8" in seven.content.decode()
    assert [s.result.outcome for s in eleven.context["shown"]] == ["not_likely", "not_likely"]
    assert "does not change the answer" in eleven.content.decode()
    text = seven.content.decode()
    # How to apply, how to appeal, and the number to ring when transport goes wrong today.
    assert "How to ask for travel help" in text and "How to appeal a decision" in text
    assert ('<a class="govuk-link portal-tel" href="tel:+441234567890">'
            '<bdi dir="ltr">01234 567 890</bdi></a>') in text


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("parent", 403),
                                              ("forum_rep", 200), ("officer", 200),
                                              ("board_member", 403)])
def test_the_what_if_table_is_for_officers_and_the_forum(client, login_as, proposal, policy,
                                                         role, status):
    login_as(role)
    response = client.get(checker_url(policy) + "what-if/")
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/sign-in/")


def test_the_what_if_table_counts_the_families_whose_answer_changes(client, login_as, proposal,
                                                                    policy):
    login_as("officer")
    response = client.get(checker_url(policy) + "what-if/")
    tables = {t["name"]: t for t in response.context["tables"]}
    table = tables[proposal.title]
    # Each family once (the review found each counted twice): under 5 with and without
    # benefits (2); 5 to 7, three distances × needs (18); 8 to 16 in Year 11, two distances ×
    # needs (36); 16 starting Year 12, 17, 18 with and without benefits (6); 19 to 25, two
    # distances × can or cannot travel that far (28): 90. Those aged 5 to 7 between 1.5 and
    # 2 miles change, needs either way: 6.
    assert (table["families"], len(table["changes"])) == (90, 6)
    html = response.content.decode()
    assert "6 of 90 typical families would get a different answer." in html
    # The table says what the grid is.
    assert "For each age, we only change what the rules look at for that age. So no family " \
        "is counted twice." in html
    # The draft the consultation proposes is also the policy's latest draft.
    assert len(tables["The latest draft of this policy"]["changes"]) == 6


def test_the_policy_and_its_consultation_link_to_the_checker(client, proposal, policy):
    for url in (policy.url, proposal.url):
        text = client.get(url).content.decode()
        assert f'href="{policy.url}checker/"' in text, url


def test_what_would_change_in_the_consultation_includes_the_rules(client, proposal):
    text = client.get(proposal.url + "proposed/").content.decode()
    assert "Eligibility rules (for the checker)" in text
    # Word by word: the old limit struck out, the proposed one inserted.
    assert re.search(r"<del[^>]*>\s*2\s*</del>", text)
    assert re.search(r"<ins[^>]*>\s*1\.5\s*</ins>", text)


#: English the checker writes that must not be left on a Polish or Arabic page.
CHECKER_ENGLISH = [
    "What would this mean for my child?", "We keep nothing", "We do not save your answers",
    "How old is your child?", "I don&#x27;t know", "There is a problem", "Choose yes, no",
    "Likely to get help", "Not likely to get help", "The walk is", "walk up to",
    "Your child is", "Under the proposal", "What the proposal changes", "The policy now",
    "Read this part of the policy", "How to ask for travel help", "Tell us what you think",
    "Need help now?", "Your answers", "Change", "Start again", " miles", "Year 1", "our area",
    "Is there someone", "college or", "The latest draft", "Walking distance", "Yearly charge",
    "Eligibility rules",
]


def translated_policy(tree, policy, code):
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(language_code=code)
    index = tree.policies.copy_for_translation(locale, copy_parents=True)
    index.save_revision().publish()
    translated = policy.copy_for_translation(locale)
    translated.eligibility_rules = [("rules", copy.deepcopy(RULES))]  # the live rules
    translated.save_revision().publish()
    translated.refresh_from_db()
    assert translated.url.startswith(f"/{code}/")
    return translated


def english_left(html: str) -> list[str]:
    """The checker's English words still on the page, outside anything marked lang="en"."""
    body = html.split("<main", 1)[1].split("</main>", 1)[0]
    body = re.sub(r'<(\w+)[^>]*lang="en"[^>]*>.*?</\1>', "", body, flags=re.S)
    return [words for words in CHECKER_ENGLISH if words in body]


@pytest.mark.parametrize(("code", "direction", "heading", "error", "now", "proposed", "change"), [
    ("pl", "ltr", "Ile lat ma Twoje dziecko?", "Wybierz", "Raczej nie dostanie pomocy",
     "Prawdopodobnie dostanie pomoc",
     "Według propozycji dziecko nie musiałoby chodzić pieszo, bo 1,8 mili to więcej niż "
     "proponowany limit: 1,5 mili dla grupy: dzieci poniżej 8 lat."),
    ("ar", "rtl", "كم عمر طفلك؟", "اختر", "من غير المرجّح", "من المرجّح أن يحصل على مساعدة",
     "حسب الاقتراح، لن يُتوقع من طفلك أن يمشي، لأن 1,8 ميل أكثر من الحد المقترح وهو "
     "1,5 ميل بالنسبة إلى الأطفال دون سن 8."),
])
def test_the_checker_in_polish_and_arabic(client, tree, policy, proposal, code, direction,
                                          heading, error, now, proposed, change):
    """Every page of the checker in the reader's language and direction: the questions, the
    error, the outcomes, the reasons, what the proposal changes and the links; no English
    left but the proposal's untranslated title, marked lang="en". A comma works as the
    decimal point, and distances read "1,8"."""
    from django.test import Client

    translated = translated_policy(tree, policy, code)
    url = translated.url + "checker/"
    strict = Client(enforce_csrf_checks=True)
    pages = [strict.get(url).content.decode(), strict.get(url, {"start": "1"}).content.decode()]
    assert heading in pages[1]
    pages.append(strict.get(url, {"age": "7", "question": "area"}).content.decode())
    assert error in pages[2]
    pages.append(strict.get(url, {"age": "7", "area": "yes", "distance_miles": "1,8",
                                   "needs": "no", "school": "yes",
                                   "question": "school"}).content.decode())
    result = pages[-1]
    assert now in result and proposed in result
    assert change in result
    assert f'href="{proposal.url}respond/"' in result
    for html in pages:
        assert f'<html lang="{code}" dir="{direction}"' in html
        assert english_left(html) == [], english_left(html)
    assert re.search(rf'lang="en" dir="ltr">“{re.escape(proposal.title)}”', result)
    # "Read this part" lands on the section the reason comes from, on the reader's copy.
    links = dict(re.findall(rf'href="{re.escape(translated.url)}#([^"]+)"[^>]*>([^<]+)<',
                            result))
    page_html = strict.get(translated.url).content.decode()
    walking = next(block.id for block in translated.specific.sections
                   if block.id == next(b.id for b in policy.sections
                                       if b.value["heading"] == "Walking distances"))
    assert links, result
    assert all(f'id="{fragment}"' in page_html for fragment in links)
    assert section_anchors(translated.specific)[walking] in links


def test_a_young_adult_is_asked_in_their_own_words_in_polish(client, tree, policy):
    """From 19, the distance, travel and nearest-place questions speak of the college."""
    url = translated_policy(tree, policy, "pl").url + "checker/"
    html = client.get(url, {"age": "21", "area": "yes", "send": "yes"}).content.decode()
    assert "Jak daleko jest z domu do college&#x27;u lub miejsca nauki?" in html
    result = client.get(url, {"age": "21", "area": "yes", "send": "no", "distance": "3-",
                               "needs": "no", "school": "yes", "course": "yes", "someone": "no",
                               "question": "someone"}).content.decode()
    assert ("W wieku od 19 do 25 lat pomagamy tylko, gdy młoda osoba ma plan EHC albo SEND."
            in result)


def test_the_forum_reads_the_rules_in_the_draft_and_comments_on_them(client, login_as, policy,
                                                                      officer):
    from django.urls import reverse

    from charter.models import ForumComment
    from tests.charter.conftest import send_to_forum

    review = send_to_forum(policy, officer)
    login_as("forum_rep")
    html = client.get(reverse("forum_draft", args=[review.pk])).content.decode()
    assert "Eligibility rules (for the checker)" in html
    assert "children under 8: up to 2 miles" in html
    assert html.count("Comment on this section") == 3
    # The forum finds what the draft's rules would change for families from the draft page.
    assert f'href="{checker_url(policy)}what-if/"' in html
    client.post(reverse("forum_comment", args=[review.pk]),
                {"block_id": "eligibility_rules", "body": "<p>Two miles is too far at 7.</p>"})
    comment = ForumComment.objects.get()
    assert comment.section_heading == "Eligibility rules (for the checker)"


def test_query_counts_of_the_checker_pages_are_pinned(client, proposal, policy, settings,
                                                      django_assert_max_num_queries):
    """The start page and the answer page (live and proposed) each read a fixed number of
    queries: the page, the site's settings, the consultation proposing a version and its
    draft, and the policy's default-language copy whose headings the rules name (for the
    "Read this part" links). Measured at 19 and 26."""
    settings.PORTAL_PAGE_CACHE = False
    data = {"age": "7", "area": "yes", "distance_miles": "1.8", "needs": "no", "school": "yes",
            "question": "school"}
    client.get(checker_url(policy), data)  # warm the site's root paths
    with django_assert_max_num_queries(19):
        client.get(checker_url(policy))
    with django_assert_max_num_queries(26):
        client.get(checker_url(policy), data)


@pytest.mark.parametrize(("role", "shown"), [("anonymous", False), ("parent", False),
                                             ("forum_rep", True), ("officer", True)])
def test_the_start_page_links_officers_and_the_forum_to_the_what_if_table(client, login_as,
                                                                          policy, role, shown):
    login_as(role)
    text = client.get(checker_url(policy)).content.decode()
    assert (f'href="{checker_url(policy)}what-if/"' in text) is shown


# --- at 16: still in Year 11, or starting Year 12 ---------------------------------------

def test_at_16_the_parent_says_if_their_child_is_still_in_year_11_or_starting_year_12(client,
                                                                                     policy):
    """At most eight questions still, one a page, no JavaScript: the age question itself
    offers the two answers at 16."""
    html = client.get(checker_url(policy), {"start": "1"}).content.decode()
    assert 'value="16">' in html and "16 and still in Year 11" in html
    assert 'value="16-year12">' in html and "16 and starting Year 12 or college" in html
    assert "There are at most 8 questions" in client.get(checker_url(policy)).content.decode()


def test_a_16_year_old_still_in_year_11_gets_the_school_age_answer(client, policy):
    response = answer(client, policy, age="16", area="yes", distance={"distance_miles": "4"},
                      needs="no", school="yes")
    assert [n for n, _q, _a, _link in response.context["summary"]] == \
        ["age", "area", "distance", "needs", "school"]
    assert response.context["shown"][0].label == "Likely to get help"
    assert ("How old is your child?", "16 and still in Year 11") in \
        [(q, a) for _n, q, a, _link in response.context["summary"]]


def test_a_16_year_old_starting_year_12_gets_the_post16_answer_not_a_promise(client, policy):
    """Sixth form or college at 16: help is up to the council, with the yearly charge (the
    seed's £1,000, or £500 with income-related benefits, in up to eight parts); never
    "likely", however far the walk, and no walking questions."""
    response = answer(client, policy, age="16-year12", area="yes", benefits="no")
    assert [n for n, _q, _a, _link in response.context["summary"]] == ["age", "area", "benefits"]
    assert response.context["shown"][0].label == "The council decides case by case"
    text = response.content.decode()
    assert "After Year 11, we do not have to help." in text
    assert "you may pay £1,000 a year" in text and "up to 8 parts" in text
    assert "Likely to get help" not in text


@pytest.mark.parametrize(("someone", "outcome", "said"), [
    ("yes", "Not likely to get help",
     "we help only if they cannot get there on their own and no one else can take them"),
    ("no", "May get help: we look at your child&#x27;s needs", "If we help, there is no charge"),
    ("unknown", "May get help: we look at your child&#x27;s needs",
     "We will check that they cannot get there on their own and that no one else can take "
     "them."),
])
def test_could_they_get_there_without_help_is_asked_plainly_and_read_the_right_way(
        client, policy, someone, outcome, said):
    """The seed's last post-19 criterion, "unable to travel to school or college without
    help and no support is available from people in your household ..." (the review found
    "unable to travel without help" not asked), as one question without a double negative:
    a "yes" (they could get there on their own, or someone could take them) misses it."""
    response = answer(client, policy, age="21", area="yes", send="yes",
                      distance={"distance": "3-"}, needs="no", school="yes", course="yes",
                      someone=someone)
    text = response.content.decode()
    assert outcome in text and said in text
    assert ("Could they get there without our help?", {"yes": "Yes", "no": "No",
                                                     "unknown": "I don't know"}[someone]) in \
        [(q, a) for _n, q, a, _link in response.context["summary"]]


@pytest.mark.parametrize(("code", "year12", "sixth_form", "our_area", "someone"), [
    ("pl", "16 lat, zaczyna 12. klasę albo college", "Po 11. klasie nie musimy pomagać.",
     "mieszkają na naszym terenie", "Czy młoda osoba może tam dotrzeć bez naszej pomocy?"),
    ("ar", "16 ويبدأ الصف الثاني عشر أو الكلية", "بعد الصف الحادي عشر، لسنا ملزمين بالمساعدة.",
     "يعيشون في منطقتنا", "هل يستطيع الوصول إلى هناك دون مساعدتنا؟"),
])
def test_year_12_our_area_and_someone_to_take_them_in_polish_and_arabic(
        client, tree, policy, code, year12, sixth_form, our_area, someone):
    """The checker's own words about sixth form, the council's area and the post-19
    question, fully in the reader's language: no English "Year 11" or "our area"."""
    url = translated_policy(tree, policy, code).url + "checker/"
    pages = [client.get(url, {"start": "1"}).content.decode()]
    assert year12 in pages[0]
    pages.append(client.get(url, {"age": "16-year12", "area": "unknown", "benefits": "yes",
                                   "question": "benefits"}).content.decode())
    assert sixth_form in pages[1] and our_area in pages[1]
    pages.append(client.get(url, {"age": "21", "area": "yes", "send": "yes", "distance": "3-",
                                   "needs": "no", "school": "yes", "course": "yes",
                                   "question": "course"}).content.decode())
    assert someone in pages[2]
    for html in pages:
        assert english_left(html) == [], english_left(html)


def test_an_area_named_in_english_is_marked_on_a_polish_answer_page(client, tree, policy):
    """An officer's English name for the area, left untranslated on the Polish copy, is
    policy text: marked lang="en" inside the Polish sentence; translated, it is not."""
    translated = translated_policy(tree, policy, "pl")
    for page, area in ((policy, "Stoke-on-Trent"), (translated, "Stoke-on-Trent")):
        rules = copy.deepcopy(RULES)
        rules["area_name"] = area
        with_rules(page, rules)
    url = translated.url + "checker/"
    data = {"age": "7", "area": "no", "distance": "unknown", "needs": "unknown",
            "school": "unknown", "question": "school"}
    html = client.get(url, data).content.decode()
    assert 'nie mieszka w: <span lang="en" dir="ltr">Stoke-on-Trent</span>.' in html
    rules["area_name"] = "Stoke-on-Trent (miasto)"
    with_rules(translated, rules)
    html = client.get(url, data).content.decode()
    assert "nie mieszka w: Stoke-on-Trent (miasto)." in html


def test_the_what_if_table_in_polish(client, tree, login_as, policy):
    """Every what-if string in Polish: the latest draft's name, the 16-year-olds starting
    Year 12, the columns and outcomes."""
    translated = translated_policy(tree, policy, "pl")
    draft = translated.get_latest_revision_as_object()
    rules = copy.deepcopy(RULES)
    rules["walking_bands"][1]["miles"] = Decimal("2.5")
    rules["post16_discretionary"] = False
    draft.eligibility_rules = [("rules", rules)]
    draft.save_revision()
    login_as("officer")
    html = client.get(translated.url + "checker/what-if/").content.decode()
    assert "Najnowszy projekt tych zasad" in html
    assert "16, zaczyna 12. klasę albo college" in html
    assert "Raczej nie dostanie pomocy" in html
    assert english_left(html) == [], english_left(html)


def test_the_consultations_proposed_page_in_polish_says_the_rules_change_in_polish(
        client, tree, proposal):
    """On the Polish copy of the consultation (an alias of the English one), "what would
    change" gives the rules in Polish; the English policy text around them is marked."""
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(language_code="pl")
    alias = proposal.copy_for_translation(locale, copy_parents=True, alias=True)
    html = client.get(alias.url + "proposed/").content.decode()
    assert alias.url.startswith("/pl/")
    assert "Zasady przyznawania pomocy (dla kalkulatora)" in html
    # Polish inflects the unit with the number: "2 mile", "1,5 mili".
    assert re.search(r"Droga pieszo, dzieci poniżej 8 lat: najwyżej\s*<del[^>]*>2 mile\.</del>"
                     r"\s*<ins[^>]*>1,5 mili\.</ins>", html), html
    assert english_left(html) == [], english_left(html)
    body = html.split("<main", 1)[1]
    body = re.sub(r'<(\w+)[^>]*lang="en"[^>]*>.*?</\1>', "", body, flags=re.S)
    assert "Who can get help" not in body and "Children under 8 walk" not in body


def test_polish_readers_stay_in_polish_from_the_consultation_to_the_checker_and_back(
        client, tree, policy, proposal, consultation_index):
    """The consultation's Polish copy links to the Polish checker, and the Polish answer page
    sends the parent to the Polish response form, not to the English pages."""
    from wagtail.models import Locale

    translated = translated_policy(tree, policy, "pl")
    locale = Locale.objects.get(language_code="pl")
    index = consultation_index.copy_for_translation(locale)
    index.save_revision().publish()
    consultation = proposal.copy_for_translation(locale)
    consultation.save_revision().publish()
    consultation.refresh_from_db()
    assert consultation.url.startswith("/pl/")
    page = client.get(consultation.url).content.decode()
    assert f'href="{translated.url}checker/"' in page
    result = client.get(translated.url + "checker/", {
        "age": "7", "area": "yes", "distance_miles": "1,8", "needs": "no", "school": "yes",
        "question": "school"}).content.decode()
    assert f'href="{consultation.url}respond/"' in result
    assert f'href="{proposal.url}respond/"' not in result


def test_the_result_pages_number_in_arabic_is_isolated_left_to_right_and_dialled_in_full(
        client, tree, policy):
    """"Need help now?" on the Arabic result gives the number as every other page does: a
    tel: link in international form, the digits isolated left to right so the groups keep
    their order ("0300 123 4567", not "4567 123 0300")."""
    from wagtail.models import Site

    from portal.models import PortalSettings, ServiceDetails

    details = ServiceDetails.objects.create(locale=tree.home.locale, phone="0300 123 4567")
    portal_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal_settings.service_details = details
    portal_settings.save()
    translated = translated_policy(tree, policy, "ar")
    html = client.get(translated.url + "checker/", {
        "age": "7", "area": "yes", "distance_miles": "1,8", "needs": "no", "school": "yes",
        "question": "school"}).content.decode()
    box = html.split("govuk-inset-text", 1)[1].split("</div>", 1)[0]
    assert ('<a class="govuk-link portal-tel" href="tel:+443001234567">'
            '<bdi dir="ltr">0300 123 4567</bdi></a>') in box
