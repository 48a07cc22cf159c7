"""Editors see the plain-language score while they write; each published version keeps its score."""

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.models import PortalSettings, ReadingScore
from portal.readability import Finding
from tests.factories import make_policy, publish, section

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]
HARD = (
    "<p>The local authority shall, in accordance with section 508B of the Education Act 1996, "
    "make such travel arrangements as it considers necessary in order to secure that suitable "
    "home to school travel arrangements are made for eligible children.</p>"
)
EASY = "<p>We help your child get to school. Ask us if you are not sure. We will call you back.</p>"


def _form(page, body, heading="Who can get help", in_short="We help children get to school."):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "in_short": in_short,
            "effective_date": "2026-09-01",
            "change_note": "",
            "eligibility_rules": streamfield([]),
            "sections": streamfield(
                [("section", {"heading": heading, "body": rich_text(body),
                              "summary": {"count": "0"}})]
            ),
        }
    )


def test_the_editor_shows_the_score_beside_the_target(client, tree, login_as):
    login_as("officer")
    html = client.get(f"/admin/pages/{tree.policy.pk}/edit/").content.decode()
    assert "Plain language check" in html
    assert "Reading age" in html
    assert "target 9 or lower" in html
    # One row per section, named by its heading.
    assert 'data-section="' in html
    assert "Walking distances" in html
    assert "portal/js/readability-panel.js" in html


def test_the_faq_editor_scores_each_topic(client, tree, login_as):
    login_as("officer")
    html = client.get(f"/admin/pages/{tree.faq.pk}/edit/").content.decode()
    assert "Plain language check" in html
    assert "Getting help" in html


def test_the_live_check_scores_unsaved_text_and_saves_nothing(client, tree, login_as):
    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    hard = client.post(url, _form(tree.policy, HARD)).content.decode()
    assert "Needs work" in hard
    # The long sentence is quoted in the advice to split it.
    assert "The local authority shall" in hard
    assert "in accordance with" in hard
    easy = client.post(url, _form(tree.policy, EASY)).content.decode()
    assert "Meets the plain-language target" in easy
    assert "Long sentence:" not in easy
    tree.policy.refresh_from_db()
    assert "We help your child" not in str(tree.policy.sections.raw_data)
    latest = tree.policy.get_latest_revision().content
    assert latest["in_short"] != "We help children get to school."


def test_the_live_check_works_before_the_page_is_first_saved(client, tree, login_as):
    login_as("officer")
    url = f"/admin/portal/readability/portal/policypage/{tree.policies.pk}/"
    html = client.post(url, _form(tree.policy, HARD, heading="New section")).content.decode()
    assert "New section" in html
    assert "Needs work" in html


def test_the_live_check_flags_acronyms_the_jargon_buster_does_not_explain(client, tree, login_as):
    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    html = client.post(url, _form(tree.policy, "<p>Ask the SENCO.</p>")).content.decode()
    assert "Acronyms not in the jargon buster:" in html
    assert "SENCO" in html


def test_the_target_is_the_sites_setting(client, tree, login_as):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.reading_age_target = 12
    settings.save()
    login_as("officer")
    html = client.get(f"/admin/pages/{tree.policy.pk}/edit/").content.decode()
    assert "target 12 or lower" in html


def test_a_broken_form_still_gets_a_score_not_an_error(client, tree, login_as):
    login_as("officer")
    data = _form(tree.policy, EASY)
    data["effective_date"] = "not a date"
    response = client.post(f"/admin/portal/readability/{tree.policy.pk}/", data)
    assert response.status_code == 200
    assert "Reading age" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_can_use_the_live_check(client, tree, login_as, role):
    login_as(role)
    response = client.post(f"/admin/portal/readability/{tree.policy.pk}/",
                           _form(tree.policy, EASY))
    if role == "officer":
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)
        assert b"Reading age" not in response.content


def test_the_live_check_only_accepts_posts(client, tree, login_as):
    login_as("officer")
    assert client.get(f"/admin/portal/readability/{tree.policy.pk}/").status_code == 405


def test_each_published_version_keeps_its_score(tree):
    policy = tree.policy
    first = ReadingScore.objects.get(page=policy)
    assert first.revision_id == policy.live_revision_id
    assert first.reading_age >= 5
    assert first.words > 0

    policy.sections = [section("Who can get help", HARD)]
    policy.change_note = "Legal wording."
    publish(policy)
    scores = list(ReadingScore.objects.filter(page=policy).order_by("published_at", "pk"))
    assert len(scores) == 2
    assert scores[1].reading_age > scores[0].reading_age
    assert scores[1].long_sentences == 1
    # "SEND" (not in this test's jargon buster) in both; "in accordance with" is new.
    assert (scores[0].unexplained_terms, scores[1].unexplained_terms) == (1, 2)


def test_publishing_the_same_revision_again_does_not_add_a_score(tree):
    revision = tree.policy.live_revision
    revision.publish()
    assert ReadingScore.objects.filter(page=tree.policy).count() == 1


def test_pages_without_prose_are_not_scored(tree):
    assert not ReadingScore.objects.filter(page=tree.home).exists()
    assert ReadingScore.objects.filter(page=tree.faq).count() == 1


def test_a_new_policy_is_scored_when_first_published(tree):
    page = make_policy(tree.policies, title="Post-16 travel", slug="post-16")
    assert ReadingScore.objects.filter(page=page).count() == 1


# --- the panel never contradicts itself -------------------------------------------

WORDY = (
    "<p>Transport arrangements are determined individually, considering educational "
    "requirements. Eligibility depends on documentation. Applications require evidence.</p>"
)


def test_a_section_above_target_names_what_to_fix(client, tree, login_as):
    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    html = client.post(url, _form(tree.policy, WORDY)).content.decode()
    assert "above target" in html
    section_rows = html.split('data-section="intro"', 1)[1].split("</tr>", 1)[1]
    assert "Nothing to fix" not in section_rows  # the plain introduction's row may say so
    # Short sentences, long words: the advice is about the words, with plainer ones.
    assert 'data-portal-cause="words"' in html
    assert "Above target because of long words" in html
    assert "“eligibility”: try “who can get it”" in html
    assert "shorten or split" not in html


def test_short_sentences_of_long_words_are_not_told_to_shorten_the_sentences(
        client, tree, login_as):
    """The working agreement as it was (reading age 12.6): its sentences are short, its words
    long; "Education" is in the name of an Act, which the officer cannot change."""
    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    body = ("<p>Our policies follow the government's travel guidance and the Education Act.</p>"
            "<p>Forum representatives speak for parent carers. They report back to the forum "
            "and ask its members when needed.</p>")
    html = client.post(url, _form(tree.policy, body)).content.decode()
    advice = html.split("data-portal-to-fix", 1)[1].split("</div>", 1)[0]
    assert "Above target because of long words" in advice
    assert "“representatives”: try “people who speak for”" in advice
    assert "shorten or split" not in advice
    assert "education" not in advice.lower()


def test_a_long_sentence_of_short_words_is_told_to_split(client, tree, login_as):
    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    body = ("<p>We will ring you and we will tell you the time the bus will come and the name "
            "of the man who will drive it and we will ring you back if it is late or if there "
            "is a change to the route or the time or the bus or the man who drives it.</p>")
    html = client.post(url, _form(tree.policy, body)).content.decode()
    advice = html.split("data-portal-to-fix", 1)[1].split("</div>", 1)[0]
    assert 'data-portal-cause="sentences"' in advice
    assert "shorten or split the longest sentences" in advice
    assert "We will ring you and we will tell you" in advice
    assert 'data-portal-cause="words"' not in advice


def test_a_word_the_jargon_buster_explains_is_not_flagged_as_a_word_to_avoid(
    client, tree, login_as
):
    from tests.factories import GlossaryTermFactory

    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    body = "<p>This help is discretionary. Ask us.</p>"
    before = client.post(url, _form(tree.policy, body)).content.decode()
    assert "Words to avoid:" in before
    GlossaryTermFactory(term="discretionary", slug="discretionary",
                        explanation="We can choose to help, but we do not have to.")
    cache.clear()  # publishing a term in the admin starts a new cache generation
    after = client.post(url, _form(tree.policy, body)).content.decode()
    assert "Words to avoid:" not in after
    assert "Explained automatically from the jargon buster:" in after


def test_a_polish_page_gets_no_english_reading_age(client, tree, login_as):
    from wagtail.models import Locale

    polish = Locale.objects.get_or_create(language_code="pl")[0]
    index = tree.policies.copy_for_translation(polish, copy_parents=True)
    index.save_revision().publish()
    page = make_policy(index, title="Pomoc", slug="pomoc",
                       sections=[section("Kto", "<p>Każdy może poprosić o pomoc w dojazdach.</p>")])
    login_as("officer")
    html = client.post(f"/admin/portal/readability/{page.pk}/", _form(page, (
        "<p>Każdy może poprosić o pomoc w dojazdach.</p>"))).content.decode()
    assert "The reading-age measure is for English text; it is not shown for Polish copies." in html
    assert "Reading age 5" not in html
    assert "Needs work" not in html
    publish(page)
    assert not ReadingScore.objects.filter(page=page).exists()


def test_a_long_sentence_in_the_introduction_is_quoted_not_only_counted(client, tree, login_as):
    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    long_intro = HARD.removeprefix("<p>").removesuffix("</p>")
    html = client.post(url, _form(tree.policy, EASY, in_short=long_intro)).content.decode()
    intro_row = html.split('data-section="intro"', 1)[1].split("</tr>", 1)[0]
    assert "Introduction" in intro_row
    assert intro_row.count("The local authority shall") == 1
    assert "Nothing to fix" not in intro_row


def test_the_panel_gives_no_shorter_word_advice_for_everyday_words(client, tree, login_as):
    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    body = ("<p>Everyone in the family remembered the holiday yesterday. "
            "Transport arrangements are determined individually, considering educational "
            "requirements. Eligibility depends on documentation.</p>")
    html = client.post(url, _form(tree.policy, body)).content.decode()
    advice = html.split("use shorter words where you can", 1)[1].split("</div>", 1)[0]
    assert "eligibility" in advice
    for everyday in ("everyone", "family", "remembered", "holiday", "yesterday"):
        assert everyday not in advice


@pytest.mark.parametrize(("code", "name"), [("pl", "Polish"), ("ar", "Arabic")])
def test_a_translated_copy_says_where_the_panel_would_be_why_it_has_no_reading_age(
        client, tree, login_as, code, name):
    """A Polish or Arabic copy opens in wagtail-localize's translation editor, which has no
    panels: the line stands where the plain-language panel would be, above the editor."""
    from wagtail.models import Locale
    from wagtail_localize.operations import TranslationCreator

    admin = login_as("admin")
    locale = Locale.objects.get_or_create(language_code=code)[0]
    TranslationCreator(admin, [locale]).create_translations(tree.policy)
    copy = tree.policy.get_translation(locale)
    html = client.get(f"/admin/pages/{copy.pk}/edit/").content.decode()
    assert "js-translation-editor" in html  # the translation editor, not the page editor
    line = (f"The reading-age measure is for English text; it is not shown for {name} "
            "copies.")
    assert line in html
    assert html.index(line) < html.index("js-translation-editor")
    # The English page's editor still shows its score.
    english = client.get(f"/admin/pages/{tree.policy.pk}/edit/").content.decode()
    assert "Reading age" in english and line not in english


def test_an_empty_polish_page_says_why_there_is_no_score_not_to_write_some_text(
        client, tree, login_as):
    from wagtail.models import Locale

    polish = Locale.objects.get_or_create(language_code="pl")[0]
    index = tree.policies.copy_for_translation(polish, copy_parents=True)
    index.save_revision().publish()
    login_as("officer")
    url = f"/admin/portal/readability/portal/policypage/{index.pk}/"
    html = client.post(url, _form(tree.policy, "")).content.decode()
    assert "it is not shown for Polish copies" in html
    assert "Write some text" not in html


def _status(html):
    return html.split("data-portal-status=", 1)[1].split("</div>", 1)[0]


def test_a_page_within_target_says_why_it_is_not_a_pass_and_never_needs_work(
        client, tree, login_as):
    """Reading age under the target, but a word to avoid in one section: the status says
    which section and what, not "Needs work" with nothing under it."""
    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    body = "<p>We help in accordance with the law. Ask us.</p>"
    html = client.post(url, _form(tree.policy, body, heading="The law")).content.decode()
    status = _status(html)
    assert "Needs work" not in html
    assert "Within the target, but look at:" in status
    assert "The law: Words to avoid: in accordance with" in " ".join(status.split())


def test_an_explained_word_in_short_sentences_is_not_advice_to_split(client, tree, login_as):
    from tests.factories import GlossaryTermFactory

    GlossaryTermFactory(term="discretionary", slug="discretionary",
                        explanation="We can choose to help, but we do not have to.")
    cache.clear()
    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    html = client.post(url, _form(tree.policy, "<p>This help is discretionary. Ask us.</p>",
                                  heading="Extra help")).content.decode()
    assert "shorten or split" not in html
    assert "Nothing to fix" not in html.split('data-section="', 2)[-1]
    assert 'data-portal-cause="kept_words"' in html
    # The page as a whole is within the target; the status names the section and why.
    status = " ".join(_status(html).split())
    assert "Within the target, but look at:" in status
    assert "Extra help: above target because of long words, each an everyday word" in status


def test_a_row_quotes_a_long_sentence_once_and_offers_a_plainer_word_to_avoid(
        client, tree, login_as):
    """The review found a long sentence quoted twice in its row (as "Long sentence" and in
    the advice to split) and "Words to avoid: commence" with no plainer word, though the
    panel's list has "start"."""
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.words_to_avoid = "commence"
    settings.save()
    cache.clear()
    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    body = ("<p>We will ring you and we will tell you the time the bus will come and the name "
            "of the man who will drive it and we will ring you back if it is late or if there "
            "is a change to the route or the time or the bus or the man who drives it. We "
            "commence on Monday.</p>")
    html = client.post(url, _form(tree.policy, body)).content.decode()
    row = html.split('data-section="', 2)[-1]
    assert row.count("We will ring you and we will tell you") == 1
    assert "“commence”: try “start”" in row


def test_a_reason_the_whole_page_shares_with_one_section_is_said_once(client, tree, login_as):
    """The page's only long sentence is in one section: the status list says "above target
    because of long sentences" once, on the whole page, naming the section; the section's
    row in the table still says what to fix."""
    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    body = ("<p>We will ring you and we will tell you the time the bus will come and the name "
            "of the man who will drive it and we will ring you back if it is late or if there "
            "is a change to the route or the time or the bus or the man who drives it.</p>")
    html = client.post(url, _form(tree.policy, body, heading="Phoning you")).content.decode()
    why = html.split("data-portal-why", 1)[1].split("</ul>", 1)[0]
    assert why.count("above target because of long sentences") == 1
    assert ("Whole page, because of “Phoning you”: above target because of long sentences "
            "(1 sentence over 25 words): shorten or split the longest") in why
    assert "sentence over" not in why.split("shorten or split the longest", 1)[1]
    table = html.split("portal-readability__sections", 1)[1].split("</table>", 1)[0]
    row = table.split("Phoning you", 1)[1].split("</tr>", 1)[0]
    assert "shorten or split" in row.lower()


LONG = ("<p>We will ring you and we will tell you the time the bus will come and the name of the "
        "man who will drive it and we will ring you back if it is late or if there is a change "
        "to the route or the time or the bus or the man who drives it.</p>")


def test_a_reason_two_sections_share_with_the_whole_page_is_said_once_naming_both(
        client, tree, login_as):
    """Two sections each with a long sentence: the list says "long sentences" once, on the
    whole page, with how many and where; neither section repeats it in the list, and each
    section's row still says what to fix there."""
    login_as("officer")
    url = f"/admin/portal/readability/{tree.policy.pk}/"
    form = _form(tree.policy, LONG, heading="Phoning you")
    form.update(nested_form_data({"sections": streamfield([
        ("section", {"heading": heading, "body": rich_text(body), "summary": {"count": "0"}})
        for heading, body in (("Phoning you", LONG),
                              ("Bus times", LONG.replace("ring you", "call you")))])}))
    html = client.post(url, form).content.decode()
    why = " ".join(html.split("data-portal-why", 1)[1].split("</ul>", 1)[0].split())
    assert why.count("long sentences") == 1
    assert ("Whole page, because of “Phoning you”, “Bus times”: above target because of long "
            "sentences (2 sentences over 25 words): shorten or split the longest") in why
    assert "sentence over" not in why.replace("2 sentences over", "")
    table = html.split("portal-readability__sections", 1)[1].split("</table>", 1)[0]
    for heading in ("Phoning you", "Bus times"):
        row = table.split(heading, 1)[1].split("</tr>", 1)[0]
        assert "shorten or split" in row.lower()


@pytest.mark.parametrize(("language", "said"), [
    ("en-gb", "Whole page, because of the introduction, “Bus times”"),
    ("pl", "Cała strona, z powodu tych części: wstęp, „Bus times”"),
    ("ar", "الصفحة كلها، بسبب هذه الأجزاء: المقدمة، «Bus times»"),
])
def test_the_parts_of_a_shared_reason_are_named_in_the_editors_language(language, said):
    finding = Finding("page", "", "sentences", over=2,
                      within=(("intro", ""), ("b", "Bus times")))
    with translation.override(language):
        html = render_to_string("portal/admin/readability_finding.html",
                                {"finding": finding, "long_sentence_words": 25})
    assert " ".join(html.split()).startswith(said)
