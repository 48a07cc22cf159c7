"""Builds the demo site with the same APIs editors use: add_child, revisions, publish,
snippet revisions and wagtail-localize translations. Running it again changes nothing.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.db import transaction
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.strings import StringValue, extract_strings
from wagtail_localize.synctree import synchronize_tree

from analysis import demo_content as analysis_demo
from charter.demo import CoproductionDemo
from consultations.demo import ConsultationDemo
from portal.demo import (
    faq,
    faq_translations,
    glossary,
    glossary_translations,
    policies,
    search,
    translations,
    updates,
)
from portal.models import (
    FAQIndexPage,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    PolicyIndexPage,
    PolicyPage,
    PortalSettings,
    ServiceDetails,
    UpdateIndexPage,
    UpdatePage,
)
from surveys.demo import SurveyDemo

DEMO_USERS = [
    # username, group, superuser
    ("admin", None, True),
    ("officer", "Officers", False),
    ("forumrep", "Forum representatives", False),
    ("board", "Governance board", False),
    ("parent", None, False),
]


def demo_password(username: str) -> str:
    return f"demo-{username}-2026"


class DemoLoader:
    def __init__(self, log=print):
        self.log = log
        self.english = Locale.objects.get(language_code="en-gb")
        self.others = [Locale.objects.get_or_create(language_code=c)[0] for c in ("pl", "ar")]

    # --- pages ---------------------------------------------------------------

    def _child(self, parent: Page, model, slug: str, **fields):
        page = model.objects.filter(locale=self.english, slug=slug).first()
        if page is not None:
            return page, False
        page = parent.add_child(instance=model(slug=slug, locale=self.english, **fields))
        page.save_revision().publish()
        return model.objects.get(pk=page.pk), True

    def home(self) -> HomePage:
        root = Page.get_first_root_node()
        # Wagtail's own welcome page holds the slug "home"; move it aside first.
        for welcome in root.get_children().filter(slug="home").exclude(
            content_type__model="homepage"
        ):
            welcome.slug = f"welcome-{welcome.pk}"
            welcome.save(update_fields=["slug", "url_path"])
        home, created = self._child(
            root, HomePage, "home",
            title="SEND travel to school",
            intro=(
                "Help for children and young people with special educational needs and "
                "disabilities to get to school or college. Written with parents and carers."
            ),
            help_heading="Transport not turned up?",
            help_text=(
                "Phone the transport team on {phone} straight away.\n"
                "Out of hours, phone the number on your child's travel letter."
            ),
        )
        site = Site.objects.filter(is_default_site=True).first()
        # The site's address is the public one (PORTAL_BASE_URL), never Wagtail's localhost:80:
        # Wagtail builds the admin's and its own e-mails' links on it.
        base = urlsplit(django_settings.WAGTAILADMIN_BASE_URL)
        address = {"hostname": base.hostname or "localhost",
                   "port": base.port or (443 if base.scheme == "https" else 80)}
        if site is None:
            site = Site.objects.create(**address, root_page=home,
                                       is_default_site=True, site_name="SEND travel")
        elif (site.hostname, site.port) != (address["hostname"], address["port"]):
            site.hostname, site.port = address["hostname"], address["port"]
            site.save(update_fields=["hostname", "port"])
        if site.root_page_id != home.pk:
            old = site.root_page
            site.root_page = home
            site.site_name = "SEND travel"
            site.save()
            if old.depth == 2 and not isinstance(old.specific, HomePage):
                old.delete()
        self.log(f"Home page {'created' if created else 'already there'}.")
        return home

    def policies(self, home: HomePage) -> dict[str, PolicyPage]:
        index, _ = self._child(
            home, PolicyIndexPage, "policies", title="Travel policies",
            intro="The rules we follow, written in plain words with the parent carer forum.",
        )
        pages = {}
        # A policy whose rules name another policy (how to appeal) is made after it.
        for data in sorted(policies.POLICIES, key=lambda d: "eligibility_rules" in d):
            rules = dict(data.get("eligibility_rules") or {})
            if rules.get("appeal_page"):
                rules["appeal_page"] = pages[rules["appeal_page"]]
            page, created = self._child(
                index, PolicyPage, data["slug"],
                title=data["title"],
                in_short=data["in_short"],
                effective_date=datetime.date.fromisoformat(data["effective_date"]),
                change_note=data["change_note"],
                sections=[
                    ("section", {"heading": h, "body": RichText(b), "summary": s})
                    for h, b, s in data["sections"]
                ],
                eligibility_rules=[("rules", rules)] if rules else [],
            )
            pages[data["slug"]] = page
            self.log(f"Policy “{page.title}” {'created' if created else 'already there'}.")
        return pages

    def faq(self, home: HomePage, policy_pages: dict[str, PolicyPage]) -> FAQIndexPage:
        topics = [
            ("topic", {"title": title, "questions": [
                {"question": q, "answer": RichText(a),
                 "policy": policy_pages[slug] if slug else None,
                 "policy_section": section}
                for q, a, slug, section in questions
            ]})
            for title, questions in faq.TOPICS
        ]
        page, created = self._child(
            home, FAQIndexPage, "faq", title="Questions parents ask",
            intro="Here are short answers to what families ask us most.", topics=topics,
        )
        count = sum(len(q) for _, q in faq.TOPICS)
        self.log(f"FAQ with {count} questions {'created' if created else 'already there'}.")
        return page

    def glossary(self, home: HomePage) -> GlossaryPage:
        page, _ = self._child(
            home, GlossaryPage, "jargon-buster", title="Jargon buster",
            intro="Words and letters you may see in letters and policies, in plain English.",
        )
        made = named = 0
        for term, slug, stands_for, aliases, explanation in glossary.TERMS:
            existing = GlossaryTerm.objects.filter(locale=self.english, slug=slug).first()
            if existing is not None:
                named += self._add_missing_names(existing, aliases)
                continue
            entry = GlossaryTerm(term=term, slug=slug, stands_for=stands_for,
                                 aliases="\n".join(aliases), explanation=explanation,
                                 locale=self.english, live=False)
            entry.save()
            entry.save_revision().publish()
            made += 1
        self.log(f"Jargon buster: {made} terms added, {len(glossary.TERMS) - made} already there"
                 f" ({named} given names a later demo added).")
        self.translate_glossary()
        return page

    @staticmethod
    def _add_missing_names(term: GlossaryTerm, aliases) -> int:
        """Give a demo term already on the site the other names a later version of the demo
        added ("escort" for the passenger assistant), published as an editor would, so a
        site loaded before finds them. Only names the term lacks are added, none removed (a
        demo name an officer took out comes back); a term with a draft waiting is left
        alone, so the draft is not lost. 1 if it changed."""
        if term.has_unpublished_changes:
            return 0
        have = {a.strip().casefold() for a in term.aliases.splitlines()} | {
            term.term.casefold()}
        missing = [a for a in aliases if a.casefold() not in have]
        if not missing:
            return 0
        term.aliases = "\n".join([*filter(None, term.aliases.splitlines()), *missing])
        term.save_revision().publish()
        return 1

    def translate_glossary(self) -> None:
        """The jargon buster's terms in Polish and Arabic, each a translation of its English
        term (the same translation key), published as an editor publishes a snippet."""
        made = 0
        for slug, languages in glossary_translations.TERMS.items():
            english = GlossaryTerm.objects.get(locale=self.english, slug=slug)
            for locale in self.others:
                if GlossaryTerm.objects.filter(translation_key=english.translation_key,
                                               locale=locale).exists():
                    continue
                term, stands_for, aliases, explanation = languages[locale.language_code]
                copy = english.copy_for_translation(locale)
                copy.term, copy.stands_for, copy.explanation = term, stands_for, explanation
                copy.aliases = "\n".join(aliases)
                copy.live = False
                copy.save()
                copy.save_revision().publish()
                made += 1
        self.log(f"Jargon buster in Polish and Arabic: {made} terms translated.")

    def search_promotions(self, faq_page: FAQIndexPage, policy_pages: dict[str, PolicyPage]):
        """Promoted results for everyday searches ("taxi late", "bus pass", "EHCP")."""
        made = 0
        for words, target, description in search.PROMOTIONS:
            page = faq_page if target == "faq" else policy_pages[target]
            # One page may be promoted for the same words in each language, its description
            # in that language: told apart by the description.
            _, created = SearchPromotion.objects.get_or_create(
                query=Query.get(words), page=page, description=description
            )
            made += created
        self.log(f"Search promotions: {made} added, {len(search.PROMOTIONS) - made} already there.")

    # --- settings ------------------------------------------------------------

    def service_details(self):
        english = ServiceDetails.objects.filter(locale=self.english).first()
        if english is None:
            english = ServiceDetails.objects.create(
                locale=self.english, phone="01234 567 890",
                email="send.transport@example.gov.uk",
                **translations.SERVICE_DETAILS["en-gb"],
            )
        for locale in self.others:
            if not ServiceDetails.objects.filter(translation_key=english.translation_key,
                                                 locale=locale).exists():
                copy = english.copy_for_translation(locale)
                for field, value in translations.SERVICE_DETAILS[locale.language_code].items():
                    setattr(copy, field, value)
                copy.save()
        for site in Site.objects.all():
            settings = PortalSettings.for_site(site)
            if settings.service_details_id is None:
                settings.service_details = english
                settings.save()

    # --- translations --------------------------------------------------------

    def translate_policy(self, policy: PolicyPage, code: str, text: dict) -> None:
        locale = Locale.objects.get(language_code=code)
        existing = PolicyPage.objects.filter(translation_key=policy.translation_key,
                                             locale=locale, alias_of__isnull=True).first()
        if existing is not None:
            return
        TranslationCreator(user=None, target_locales=[locale]).create_translations(policy)
        source = TranslationSource.objects.get_for_instance(policy)
        translation = Translation.objects.get(source=source, target_locale=locale)
        pairs = self._pairs(policy, text)
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        missing = 0
        for segment in segments:
            translated = pairs.get(segment.string.data)
            if translated is None:
                missing += 1
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string, locale=locale, context=segment.context,
                defaults={"data": translated, "translation_type": "manual"},
            )
        translation.save_target(publish=True)
        self.log(f"“{policy.title}” translated into {code} ({missing} strings left in English).")

    def translate_home(self, home: Page, code: str, text: dict) -> None:
        """The home page (or another page of plain text fields: the jargon buster's title and
        introduction) in ``code``, its urgent-help box included, as a translator would make
        it: wagtail-localize string translations of the English fields."""
        locale = Locale.objects.get(language_code=code)
        if type(home).objects.filter(translation_key=home.translation_key, locale=locale,
                                     alias_of__isnull=True).exists():
            return
        pairs = {StringValue.from_plaintext(getattr(home, field)).data:
                 StringValue.from_plaintext(value).data for field, value in text.items()}
        self._translate_strings(home, locale, pairs)

    def translate_faq(self, page: FAQIndexPage, travel: PolicyPage, code: str,
                      text: dict) -> None:
        """The FAQ in ``code`` (``faq_translations.FAQ``): its title, introduction, topics,
        questions and answers as wagtail-localize string translations, so a later change
        to the English page shows as out of date. A question's policy section becomes the
        translated heading of the travel help policy (``travel``), so its link still finds
        the section; other policies are not translated, and their headings stay."""
        locale = Locale.objects.get(language_code=code)
        if FAQIndexPage.objects.filter(translation_key=page.translation_key, locale=locale,
                                       alias_of__isnull=True).exists():
            return

        def plain(value: str) -> str:
            return StringValue.from_plaintext(value).data

        pairs = {plain(page.title): plain(text["title"]),
                 plain(page.intro): plain(text["intro"])}
        for block, heading in zip(travel.sections,
                                  translations.TRAVEL_ASSISTANCE[code]["sections"],
                                  strict=True):
            pairs[plain(block.value["heading"])] = plain(heading[0])
        for topic, (title, questions) in zip(page.topics, text["topics"], strict=True):
            pairs[plain(topic.value["title"])] = plain(title)
            for english, (question, answer) in zip(topic.value["questions"], questions,
                                                   strict=True):
                pairs[plain(english["question"])] = plain(question)
                _, source_strings = extract_strings(english["answer"].source)
                _, translated = extract_strings(answer)
                for (en, _), (tr, _) in zip(source_strings, translated, strict=True):
                    pairs[en.data] = tr.data
        self._translate_strings(page, locale, pairs)

    def _translate_strings(self, page: Page, locale: Locale, pairs: dict[str, str]) -> None:
        """Translate ``page`` into ``locale`` as a translator would in wagtail-localize: each
        source string found in ``pairs`` gets its translation, then the page is published."""
        TranslationCreator(user=None, target_locales=[locale]).create_translations(page)
        source = TranslationSource.objects.get_for_instance(page)
        translation = Translation.objects.get(source=source, target_locale=locale)
        for segment in StringSegment.objects.filter(source=source).select_related(
                "string", "context"):
            translated = pairs.get(segment.string.data)
            if translated is not None:
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string, locale=locale, context=segment.context,
                    defaults={"data": translated, "translation_type": "manual"},
                )
        translation.save_target(publish=True)
        self.log(f"“{page.title}” translated into {locale.language_code}.")

    @staticmethod
    def _pairs(policy: PolicyPage, text: dict) -> dict[str, str]:
        def plain(value: str) -> str:
            return StringValue.from_plaintext(value).data

        pairs = {plain(policy.title): plain(text["title"]),
                 plain(policy.in_short): plain(text["in_short"]),
                 plain(policy.change_note): plain(text["change_note"])}
        for block, (heading, body, summary) in zip(policy.sections, text["sections"],
                                                   strict=True):
            pairs[plain(block.value["heading"])] = plain(heading)
            _, english = extract_strings(block.value["body"].source)
            _, translated = extract_strings(body)
            for (en, _), (tr, _) in zip(english, translated, strict=True):
                pairs[en.data] = tr.data
            for en_point, tr_point in zip(block.value["summary"], summary, strict=True):
                pairs[plain(en_point)] = plain(tr_point)
        return pairs

    # --- people --------------------------------------------------------------

    def users(self, *, with_passwords: bool) -> list[tuple[str, str, str]]:
        """The demo people. Without passwords they exist (the co-production record needs an
        officer and a forum representative) but nobody can sign in as them."""
        rows = []
        for username, group, superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.org", "is_superuser": superuser,
                          "is_staff": superuser, "first_name": username.title()},
            )
            if created or (with_passwords and not user.has_usable_password()):
                if with_passwords:
                    user.set_password(demo_password(username))
                else:
                    user.set_unusable_password()
                user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
            rows.append((username, group or ("Administrator" if superuser else "Parent"),
                         demo_password(username)))
        return rows

    @transaction.atomic
    def run(self, *, with_users: bool) -> list[tuple[str, str, str]]:
        home = self.home()
        policy_pages = self.policies(home)
        faq_page = self.faq(home, policy_pages)
        glossary_page = self.glossary(home)
        self.search_promotions(faq_page, policy_pages)
        self.service_details()
        coproduction = self.coproduction_demo()
        coproduction.charter(home)
        self.updates(home)
        for locale in self.others:
            synchronize_tree(self.english, locale)
        # The home page first: a page translated below it takes its address from it.
        for code, text in translations.HOME.items():
            self.translate_home(home, code, text)
        for code, text in translations.GLOSSARY_PAGE.items():
            self.translate_home(glossary_page, code, text)
        for code, text in translations.TRAVEL_ASSISTANCE.items():
            self.translate_policy(policy_pages["travel-assistance"], code, text)
        for code, text in faq_translations.FAQ.items():
            self.translate_faq(faq_page, policy_pages["travel-assistance"], code, text)
        rows = self.users(with_passwords=with_users)
        coproduction.officer = User.objects.get(username="officer")
        coproduction.forum_rep = User.objects.get(username="forumrep")
        coproduction.meetings()
        coproduction.board_meetings()
        coproduction.history(policy_pages["travel-assistance"],
                             policy_pages["appeals-and-complaints"])
        self.consultations(home, policy_pages["travel-assistance"])
        analysis_demo.load(officer=User.objects.get(username="officer"), log=self.log)
        self.surveys(home)
        for locale in self.others:
            synchronize_tree(self.english, locale)
        # After the surveys' translations are made: a survey with coded comments may not
        # publish its results again until the forum agrees its write-up.
        analysis_demo.load_survey_comments(officer=coproduction.officer,
                                           forum_rep=coproduction.forum_rep, log=self.log)
        # After the translations' tree is made: the outcome, published last, reaches the
        # Polish and Arabic copies as it does when an officer publishes one.
        analysis_demo.load_finished(officer=coproduction.officer,
                                    forum_rep=coproduction.forum_rep, log=self.log)
        return rows if with_users else []

    def updates(self, home: HomePage) -> None:
        """News for families: an index and one update, published as the first version."""
        index, _ = self._child(home, UpdateIndexPage, "news", title="News for families",
                            intro="Letters and news from the transport team, written with the "
                                  "parent carer forum.")
        text = updates.UPDATE
        self._child(
            index, UpdatePage, "spring-bus-passes", title=text["title"],
            date=datetime.date(2026, 11, 16), summary=text["summary"],
            body=[("section", {"heading": h, "body": RichText(b), "summary": s})
                  for h, b, s in text["sections"]],
            change_note="First version.",
        )

    def consultations(self, home: HomePage, policy: PolicyPage) -> None:
        made = ConsultationDemo(english=self.english, log=self.log,
                                officer=User.objects.get(username="officer"))
        made.consultation(home, policy)
        made.closed_consultation(policy)

    def surveys(self, home: HomePage) -> None:
        SurveyDemo(english=self.english, log=self.log,
                   officer=User.objects.get(username="officer")).run(home)

    def coproduction_demo(self):
        return CoproductionDemo(english=self.english, log=self.log, officer=None,
                                forum_rep=None)
