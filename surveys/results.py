"""Reads for the survey results page and its export.

Everything is counted by the database in a fixed number of grouped queries, whatever the
number of responses, questions or years:

1. the survey's questions, in order;
2. the answers to each question, grouped by value (one row per question and answer);
3. the people who answered each multiple choice question (they may tick several boxes);
4. the responses from each audience (their sum is the total), and 5. how many could answer;
6. the written answers per question, and 7. the public words of those an officer passed;
8. every other survey with published results, and 9. their answers to this survey's scale
   questions, grouped the same way, for the trends, with 9b. the rounds of figures other
   years' pages kept for the public (``SurveyResultsShown``; when there are any, those
   years' figures now are counted in up to five grouped queries more, ``figures_now_of``);
10. "you said, we did", with the pages and versions it links to.

The rules (intervals, suppression, changes) are the plain functions of
``surveys.statistics``; this module only reads and shapes. A figure resting on fewer
answers than the minimum is never put in the returned data, so neither the page nor the
CSV can show it by mistake.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from core.numbers import count as grouped
from portal.text_direction import is_english
from surveys import charts, scales
from surveys.models.audiences import Audience
from surveys.models.placements import SurveyPlacement
from surveys.models.responses import (
    SurveyAnswer,
    SurveyComment,
    SurveyResponse,
    SurveyResultsShown,
)
from surveys.models.settings import survey_settings
from surveys.models.status import SurveyStatus
from surveys.statistics import (
    Proportion,
    Share,
    YearChange,
    distribution,
    figures_to_show,
    held_back,
    response_rates,
    share_of,
    suppressed,
    whole_percent,
    year_changes,
)

if TYPE_CHECKING:
    from surveys.models.pages import SurveyPage

# The page shows this many published written answers per question, in the order of their
# random keys (not the order they arrived in);
# the CSV has them all. A year of 100,000 responses can have thousands.
COMMENTS_ON_PAGE = 100

# COUNT(*) rather than COUNT(id): PostgreSQL can then answer from the counting index alone.
ROWS = Count("*")


def results_public(survey: SurveyPage, *, now=None) -> bool:
    """Whether anyone may read this survey's results.

    Only the live page counts (it went through the forum's review), it must say the results
    are published, and the survey must have closed.
    """
    return bool(survey.live) and survey.status_at(now) == SurveyStatus.RESULTS


def headline_points(kind: str) -> frozenset[int]:
    """The answers a scale question's headline counts: the top two points, or yes."""
    if kind in scales.FIVE_POINT:
        return frozenset({4, 5})
    if kind == scales.YES_NO:
        return frozenset({1})
    return frozenset()


# --- the shapes the template and the CSV read ------------------------------------------


@dataclass(frozen=True)
class Interval:
    """A headline share with its 95 % interval, as whole percentages for reading."""

    proportion: Proportion

    @property
    def percent(self) -> int:
        return whole_percent(self.proportion.share)

    @property
    def low(self) -> int:
        return whole_percent(self.proportion.low)

    @property
    def high(self) -> int:
        return whole_percent(self.proportion.high)


@dataclass(frozen=True)
class AudienceRow:
    """Responses from one audience. ``responses`` and ``percent`` are None when held back,
    and ``held`` says why (``HELD_FEW``, ``HELD_WITH_FEW`` or ``HELD_CHANGED``);
    ``percent`` is also None when nobody knows how many could answer."""

    audience: str
    label: str
    responses: int | None
    invited: int | None
    percent: float | None
    held: str = ""
    minimum: int = 0

    @property
    def held_words(self) -> str:
        """Why this group's number is held back, in the reader's language ("" if shown)."""
        return held_words(self.held, self.minimum) if self.responses is None else ""


@dataclass(frozen=True)
class QuestionResult:
    """One question's results. When ``held_back``, ``shares``, ``headline`` and
    ``comments`` are empty: too few people answered to show anything."""

    question_id: int
    anchor: str
    wording: str
    short_name: str
    kind: str
    answered: int
    held_back: bool
    shares: tuple[Share, ...] = ()
    headline: Interval | None = None
    headline_label: str = ""
    comments: tuple[str, ...] = ()
    comments_written: int = 0
    comments_published: int = 0
    # True when from 1 to minimum - 1 people wrote: the number is not shown ("fewer than").
    comments_few: bool = False
    #: The language each comment was typed in (a language code, "" when not known), in the
    #: order of ``comments``.
    comment_languages: tuple[str, ...] = ()
    #: True when held back because its figures changed by a few since they were last shown
    #: to the public (``statistics.figures_to_show``).
    changed: bool = False

    @property
    def comments_on_page(self) -> tuple[str, ...]:
        return self.comments[:COMMENTS_ON_PAGE]

    @property
    def comments_on_page_with_language(self) -> tuple[tuple[str, str], ...]:
        """(words, language typed in) of the comments shown on the page."""
        languages = self.comment_languages or ("",) * len(self.comments)
        return tuple(zip(self.comments, languages, strict=True))[:COMMENTS_ON_PAGE]

    @property
    def options_in_english(self) -> bool:
        """Whether the answers are the question's own choices, kept in English with the
        bank (a scale's answers are interface words, translated)."""
        return not scales.is_scale(self.kind)

    @property
    def multiple(self) -> bool:
        return self.kind == scales.MULTIPLE

    @property
    def free_text(self) -> bool:
        return self.kind == scales.FREE_TEXT

    @property
    def chart(self) -> SafeString:
        if self.held_back or self.free_text:
            return mark_safe("")
        description = _("Bar chart of the answers of %(count)s people. The table beside it "
                        "gives the same figures.") % {"count": grouped(self.answered)}
        if self.multiple:
            description += " " + _("People could choose more than one answer.")
        option_lang = _record_lang if self.options_in_english else _interface_lang
        svg = charts.bar_chart(
            [charts.Bar(s.option, s.percent, lang=option_lang(s.option)) for s in self.shares],
            title=self.wording, title_lang=_record_lang(self.wording),
            description=description, chart_id=f"chart-{self.anchor}",
            empty_text=_("No answers to show."), **_chart_language())
        return mark_safe(svg)  # noqa: S308 - every label is escaped by surveys.charts


def _record_lang(text: str) -> str:
    """"en" for words of the question bank (kept in English only) on a page in another
    language, else ""."""
    return "en" if is_english(text, language=get_language() or "", untranslated=True) else ""


def _interface_lang(text: str) -> str:
    """"en" for a translated label a translator left in English (judged by its letters)."""
    return "en" if is_english(text, language=get_language() or "", untranslated=False) else ""


def _chart_language() -> dict:
    """The page's direction and decimal separator, so a chart matches the table beside it."""
    return {"rtl": get_language_bidi(), "decimal": get_format("DECIMAL_SEPARATOR")}


#: Why a figure is held back (``TrendYear.held``, ``AudienceRow.held``): too few people
#: answered (the small-number rule); a group held with a smaller one so that its number
#: cannot be worked out from the total; or the figures moved by a few since they were last
#: shown to the public (``statistics.figures_to_show``: they could tell what those few
#: answered). Each reason has its own words, so a held row never says "fewer than 10"
#: of a figure resting on 352 answers (review bk15j, F4).
HELD_FEW = "few"
HELD_WITH_FEW = "with_few"
HELD_CHANGED = "changed"


def held_words(reason: str, minimum: int) -> str:
    """Why a trend year's or a group's figure is held back (``reason``: ``HELD_FEW``,
    ``HELD_WITH_FEW`` or ``HELD_CHANGED``), in plain words in the reader's language, for
    the page and the CSV; "" for a figure shown. States no count but the minimum."""
    if reason == HELD_CHANGED:
        return _("Held back: these figures changed by fewer than %(minimum)s answers since "
                 "they were last shown, and new figures could tell what those few people "
                 "answered.") % {"minimum": minimum}
    if reason == HELD_WITH_FEW:
        return _("Held back with a smaller group, so that its number cannot be worked out "
                 "from the total.")
    if reason == HELD_FEW:
        return _("Held back: fewer than %(minimum)s people answered") % {"minimum": minimum}
    return ""


@dataclass(frozen=True)
class TrendYear:
    """One year of a trend. ``share`` is None when that year's figure is held back, and
    ``held`` says why (``HELD_FEW`` or ``HELD_CHANGED``; "" when shown); ``change`` is the
    change from the year before, when both have a figure."""

    year: int
    survey_title: str
    current: bool
    share: Interval | None
    change: YearChange | None
    held: str = ""
    minimum: int = 0

    @property
    def held_words(self) -> str:
        """Why this year's figure is held back, in the reader's language ("" if shown)."""
        return held_words(self.held, self.minimum) if self.share is None else ""

    @property
    def change_words(self) -> str:
        change = self.change
        if change is None:
            return ""
        points = change.shown_points
        if points == 0:
            return _("No clear change")
        if points > 0:
            moved = _("up %(points)s points") % {"points": points}
        else:
            moved = _("down %(points)s points") % {"points": -points}
        if change.significant:
            return _("%(moved)s: a real change") % {"moved": moved.capitalize()}
        return _("No clear change (%(moved)s)") % {"moved": moved}


@dataclass(frozen=True)
class Trend:
    """A bank question's headline share in every survey with published results that asked
    it (the same question: a reworded one that replaces it has its own trend)."""

    question_id: int
    anchor: str
    wording: str
    short_name: str
    headline_label: str
    years: tuple[TrendYear, ...]

    @property
    def chart(self) -> SafeString:
        points = [charts.Point(y.year, y.share.proportion.share if y.share else None,
                               y.share.proportion.low if y.share else 0.0,
                               y.share.proportion.high if y.share else 0.0)
                  for y in self.years]
        description = _("The share who said %(label)s in each year, with a line from the low "
                        "to the high end of its 95 %% confidence interval. The table beside it "
                        "gives the same figures.") % {"label": self.headline_label}
        svg = charts.trend_chart(points, title=self.wording, description=description,
                                 title_lang=_record_lang(self.wording),
                                 chart_id=f"chart-{self.anchor}", held_back_text=_("held back"),
                                 **_chart_language())
        return mark_safe(svg)  # noqa: S308 - every label is escaped by surveys.charts


@dataclass(frozen=True)
class ActionRow:
    """'You said, we did': one action, and the page or policy version that changed."""

    you_said: str
    action: str
    owner: str
    status: str
    status_label: str
    link_url: str = ""
    link_text: str = ""
    #: The page the link names (its title is English on a Polish page when the page is),
    #: its title, and the version number the link shows (0 for the page itself).
    link_page: object = None
    link_title: str = ""
    link_number: int = 0


@dataclass(frozen=True)
class SurveyResults:
    """Everything the results page and the CSV show, with small numbers already removed."""

    title: str
    year: int
    minimum: int
    responses: int
    held_back: bool
    audiences: tuple[AudienceRow, ...]
    questions: tuple[QuestionResult, ...]
    trends: tuple[Trend, ...]
    actions: tuple[ActionRow, ...]
    #: When the figures are those last shown to the public, kept because only a few
    #: responses were added or taken out since: the time they were kept; else None.
    not_updated_since: object = None

    @property
    def published_count_shown(self) -> bool:
        """Whether the page says how many written answers are published so far: not while
        the figures are the last round's, kept (``not_updated_since``: "Counts not
        updated"). That number follows each comment erased, so beside figures said not to
        be updated it would move by one and point at the erased person's comment
        (review bk15i, F5); the comments themselves are still shown."""
        return self.not_updated_since is None

    @property
    def not_updated_note(self) -> str:
        """The note beside figures kept (``not_updated_since``), in the reader's language;
        "" when the figures are now's."""
        if self.not_updated_since is None:
            return ""
        return _("Counts not updated: fewer than %(minimum)s responses were added or taken "
                 "out since %(date)s, and new counts could tell what those few people "
                 "answered. These are the figures shown then.") % {
            "minimum": self.minimum,
            "date": date_format(timezone.localtime(self.not_updated_since), "j E Y")}

    @property
    def changed_note(self) -> str:
        """The note of a question held back because its figures moved by a few since they
        were last shown (``QuestionResult.changed``), in the reader's language."""
        return _("Held back: the figures for this question changed by fewer than "
                 "%(minimum)s answers since they were last shown, and new figures could tell "
                 "what those few people answered.") % {"minimum": self.minimum}

    @property
    def charted(self) -> list[QuestionResult]:
        return [q for q in self.questions if not q.free_text]

    @property
    def headlines(self) -> list[QuestionResult]:
        return [q for q in self.questions if q.headline is not None]

    @property
    def written(self) -> list[QuestionResult]:
        return [q for q in self.questions if q.free_text]


# --- reads ----------------------------------------------------------------------------


def _headline_label(kind: str) -> str:
    return scales.headline_label(kind)


def _audience_rows(survey: SurveyPage, by_audience: dict[str, int], *,
                   minimum: int) -> tuple[AudienceRow, ...]:
    total = sum(by_audience.values())
    populations: dict[str, int | None] = {
        a.audience: a.population for a in survey.audiences.all()}
    for audience in by_audience:  # someone answered as a group the page did not list
        populations.setdefault(audience, None)
    hidden = set(populations) if total < minimum else held_back(by_audience, minimum)
    labels = dict(Audience.choices)

    def why(audience: str) -> str:
        # A group of 0 to minimum - 1 is held for itself; the other one held, to keep the
        # smaller one's number from being worked out from the total.
        if total < minimum or by_audience.get(audience, 0) < minimum:
            return HELD_FEW
        return HELD_WITH_FEW

    return tuple(
        AudienceRow(
            audience=rate.audience, label=str(labels.get(rate.audience, rate.audience)),
            responses=None if rate.audience in hidden else rate.responses,
            invited=rate.invited,
            percent=None if rate.audience in hidden else rate.percent,
            held=why(rate.audience) if rate.audience in hidden else "", minimum=minimum)
        for rate in response_rates(by_audience, populations))


def _comments(survey: SurveyPage) -> tuple[dict[int, int], dict[int, list[str]],
                                            dict[int, list[str]]]:
    """(written answers per question, the published words per question, the language each
    was typed in, "" when not known)."""
    written = dict(SurveyComment.objects.filter(survey=survey).order_by()
                   .values_list("question_id").annotate(n=ROWS).values_list("question_id", "n"))
    public: dict[int, list[str]] = defaultdict(list)
    languages: dict[int, list[str]] = defaultdict(list)
    Moderation = SurveyComment.Moderation
    # Only the words an officer passed: approved as written, or with words removed.
    for question_id, text, language in (
            SurveyComment.objects.filter(
                survey=survey, moderation__in=[Moderation.APPROVED, Moderation.REDACTED])
            .exclude(public_text="").order_by("pk")
            .values_list("question_id", "public_text", "language")):
        public[question_id].append(text)
        languages[question_id].append(language)
    return written, public, languages


def _question_result(placement, counts: dict, answered: int, *, survey_held_back: bool,
                     minimum: int, written: int, public: list[str],
                     languages: list[str] = (), changed: bool = False) -> QuestionResult:
    question = placement.question
    common = {"question_id": question.pk, "anchor": f"question-{question.pk}",
              "wording": question.wording, "short_name": question.short_name,
              "kind": question.kind}
    if question.kind == scales.FREE_TEXT:
        hidden = survey_held_back or changed
        return QuestionResult(**common, answered=written, held_back=hidden,
                              comments=() if hidden else tuple(public),
                              comment_languages=() if hidden else tuple(languages),
                              comments_written=written,
                              comments_published=0 if hidden else len(public),
                              comments_few=suppressed(written, minimum) and written > 0,
                              changed=changed)
    if survey_held_back or answered < minimum or changed:
        return QuestionResult(**common, answered=answered, held_back=True, changed=changed)
    offered = question.options()
    known = {value for value, _label in offered}
    # Choices cannot change once answered, but an answer no longer offered is still counted.
    options = [*offered, *((value, str(value)) for value in counts if value not in known)]
    labels = [label for _value, label in options]
    by_label = {label: counts.get(value, 0) for value, label in options}
    shares = distribution(by_label, labels,
                          base=answered if question.kind == scales.MULTIPLE else None)
    headline = None
    if scales.is_scale(question.kind):
        headline = Interval(share_of(counts, headline_points(question.kind)))
    return QuestionResult(**common, answered=answered, held_back=False, shares=tuple(shares),
                          headline=headline, headline_label=_headline_label(question.kind))


def _trends(survey: SurveyPage, questions: list, own_counts: dict, *,
            minimum: int, own_held: frozenset[str] = frozenset()) -> tuple[Trend, ...]:
    """Each scale question's trend. Every year's row is the figure that year's own results
    page shows: this survey's from ``own_counts`` (held back when its question is named in
    ``own_held``), another year's from the figures its page gives the public
    (``statistics.figures_to_show`` over its ``SurveyResultsShown`` rounds) once a response
    was deleted after its results were published, so a deletion there moves no row here.
    A fixed number of queries: three, and up to five more when another year kept rounds."""
    scale_questions = [q for q in questions if scales.is_scale(q.kind)]
    if not scale_questions:
        return ()
    # Every other survey in the same language with published results, then their answers
    # to these questions counted in one grouped query over the counting index (no join:
    # the surveys are a subquery). Both queries run whether or not there are earlier years.
    others = (type(survey).objects.live()
              .filter(results_published=True, closes__lte=timezone.now(),
                      locale_id=survey.locale_id, alias_of__isnull=True)
              .exclude(pk=survey.pk))
    surveys = {row["pk"]: (row["year"], row["closes"], row["title"])
               for row in others.values("pk", "year", "closes", "title")}
    surveys[survey.pk] = (survey.year, survey.closes, survey.title)
    counts: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for row in (SurveyAnswer.objects
                .filter(survey_id__in=others.values("pk"),
                        question_id__in=[q.pk for q in scale_questions])
                .order_by().values("survey_id", "question_id", "value_int").annotate(n=ROWS)):
        if row["survey_id"] in surveys:  # published between the two queries: next time
            counts[(row["survey_id"], row["question_id"])][row["value_int"]] = row["n"]
    counts.update({(survey.pk, question_id): c for question_id, c in own_counts.items()})
    # Why a year's row is held back beyond the small-number rule, by (survey, question).
    held = {(survey.pk, q.pk): HELD_CHANGED for q in scale_questions
            if f"question:{q.pk}" in own_held}
    rounds: dict[int, list[dict]] = defaultdict(list)
    for survey_id, figures in (SurveyResultsShown.objects
                               .filter(survey_id__in=others.values("pk")).order_by("pk")
                               .values_list("survey_id", "figures")):
        if survey_id in surveys:
            rounds[survey_id].append(figures)
    if rounds:
        for pk, now in figures_now_of(list(rounds)).items():
            shown, _kept = figures_to_show(rounds[pk], now, minimum=minimum)
            kept = {int(q): dict(pairs) for q, pairs in shown["counts"].items()}
            for question in scale_questions:
                counts.pop((pk, question.pk), None)
                if kept.get(question.pk):
                    counts[(pk, question.pk)] = kept[question.pk]
                if f"question:{question.pk}" in shown["held"]:
                    held[(pk, question.pk)] = HELD_CHANGED
                elif shown.get("total", 0) < minimum:
                    held[(pk, question.pk)] = HELD_FEW
    ordered = sorted(surveys, key=lambda pk: surveys[pk][:2])
    trends = []
    for question in scale_questions:
        asked = [pk for pk in ordered if counts.get((pk, question.pk))]
        if len(asked) < 2:
            continue
        series, why = [], {}
        for pk in asked:
            answers = counts[(pk, question.pk)]
            # A figure moved since it was shown is held for that, whatever its count.
            why[pk] = held.get((pk, question.pk)) or (
                HELD_FEW if sum(answers.values()) < minimum else "")
            series.append((pk, share_of(answers, headline_points(question.kind))
                           if not why[pk] else None))
        changes = year_changes([(surveys[pk][0], share) for pk, share in series])
        years = tuple(
            TrendYear(year=surveys[pk][0], survey_title=surveys[pk][2],
                      current=pk == survey.pk,
                      share=Interval(share) if share is not None else None, change=change,
                      held=why[pk], minimum=minimum)
            for (pk, share), (_year, _share, change) in zip(series, changes, strict=True))
        trends.append(Trend(question_id=question.pk, anchor=f"trend-{question.pk}",
                            wording=question.wording, short_name=question.short_name,
                            headline_label=_headline_label(question.kind), years=years))
    return tuple(trends)


def _action_link(action) -> tuple[str, str, object, int]:
    """(address, words, the page it names, the version number or 0) of an action's link;
    ("", "", None, 0) when the page it names is not live."""
    version, page = action.linked_version, action.linked_page
    if version is not None and version.page.live:
        target = version.page
        url = target.url or ""
        try:
            resolver = target.specific_class.get_resolver()
            url += (resolver.reverse("compare", version.number - 1, version.number).lstrip("/")
                    if version.number > 1 else resolver.reverse("versions").lstrip("/"))
        except (AttributeError, NoReverseMatch):
            pass  # a page type without versions: its own page is the best link
        return url, _("%(title)s, version %(number)s: what changed") % {
            "title": target.title, "number": version.number}, target, version.number
    if page is not None and page.live:
        return page.url or "", page.title, page, 0
    return "", "", None, 0


def _actions(survey: SurveyPage) -> tuple[ActionRow, ...]:
    rows = []
    for action in survey.actions.select_related("linked_page", "linked_version__page"):
        url, text, linked, number = _action_link(action)
        rows.append(ActionRow(you_said=action.you_said, action=action.action,
                              owner=action.owner, status=action.status,
                              status_label=str(action.get_status_display()),
                              link_url=url, link_text=text if url else "",
                              link_page=linked if url else None,
                              link_title=linked.title if url else "", link_number=number))
    return tuple(rows)


def figures_now(survey: SurveyPage) -> dict:
    """The survey's figures counted now, as plain JSON (``statistics.figures_to_show``'
    shape, nothing held): ``figures_now_of`` for one survey."""
    return figures_now_of([survey.pk])[survey.pk]


def figures_now_of(survey_ids: list[int]) -> dict[int, dict]:
    """Survey id -> its figures counted now (``figures_now``), for every id in
    ``survey_ids``, in five grouped queries however many surveys (four when none asks a
    multiple choice question): the multiple choice questions each asks, the answers, the
    people per multiple choice question, the responses per audience and the written
    answers."""
    ids = list(survey_ids)
    multiple: dict[int, set[int]] = defaultdict(set)
    for survey_id, question_id in (SurveyPlacement.objects
                                   .filter(page_id__in=ids, question__kind=scales.MULTIPLE)
                                   .values_list("page_id", "question_id")):
        multiple[survey_id].add(question_id)
    figures = {pk: {"total": 0, "audiences": {}, "counts": {}, "people": {}, "written": {},
                    "held": []} for pk in ids}
    counts: dict[int, dict[int, dict]] = defaultdict(lambda: defaultdict(dict))
    for row in (SurveyAnswer.objects.filter(survey_id__in=ids).order_by()
                .values("survey_id", "question_id", "value_int", "value_text")
                .annotate(n=ROWS)):
        value = row["value_int"] if row["value_int"] is not None else row["value_text"]
        answers = counts[row["survey_id"]][row["question_id"]]
        answers[value] = answers.get(value, 0) + row["n"]
    for survey_id, by_question in counts.items():
        figures[survey_id]["counts"] = {str(question_id): [[value, n] for value, n
                                                           in answers.items()]
                                        for question_id, answers in by_question.items()}
    if multiple:
        for survey_id, question_id, n in (
                SurveyAnswer.objects.filter(survey_id__in=ids,
                                            question_id__in=set().union(*multiple.values()))
                .order_by().values_list("survey_id", "question_id")
                .annotate(n=Count("response_id", distinct=True))
                .values_list("survey_id", "question_id", "n")):
            if question_id in multiple[survey_id]:  # a question asked as such this year
                figures[survey_id]["people"][str(question_id)] = n
    for survey_id, audience, n in (SurveyResponse.objects.filter(survey_id__in=ids).order_by()
                                   .values_list("survey_id", "audience").annotate(n=ROWS)
                                   .values_list("survey_id", "audience", "n")):
        figures[survey_id]["audiences"][audience] = n
        figures[survey_id]["total"] += n
    for survey_id, question_id, n in (SurveyComment.objects.filter(survey_id__in=ids)
                                      .order_by().values_list("survey_id", "question_id")
                                      .annotate(n=ROWS)
                                      .values_list("survey_id", "question_id", "n")):
        figures[survey_id]["written"][str(question_id)] = n
    return figures


def survey_results(survey: SurveyPage, *, minimum: int,
                   figures: dict | None = None) -> SurveyResults:
    """The survey's results with every figure under ``minimum`` answers left out; from
    ``figures`` (``figures_now``' shape: the figures kept for the public,
    ``public_results``) or, without them, counted now.

    Does a fixed number of queries (ten; nine with no multiple choice question) however
    many responses, questions and years there are; see the module docstring.
    """
    placements = list(survey.placements.select_related("question"))
    questions = [p.question for p in placements]
    if figures is None:
        figures = figures_now(survey)
    counts = {int(q): dict(pairs)
              for q, pairs in figures["counts"].items()}
    people = {int(q): n for q, n in figures["people"].items()}
    by_audience = dict(figures["audiences"])
    held = set(figures.get("held", ()))
    total = sum(by_audience.values())
    survey_held_back = total < minimum
    _written, public, languages = _comments(survey)
    written = {int(q): n for q, n in figures["written"].items()}
    results = tuple(
        _question_result(p, counts.get(p.question_id, {}),
                         # One answer per person, except multiple choice.
                         people.get(p.question_id, 0) if p.question.kind == scales.MULTIPLE
                         else sum(counts.get(p.question_id, {}).values()),
                         survey_held_back=survey_held_back, minimum=minimum,
                         written=written.get(p.question_id, 0),
                         public=public.get(p.question_id, []),
                         languages=languages.get(p.question_id, []),
                         changed=f"question:{p.question_id}" in held)
        for p in placements)
    audiences = _audience_rows(survey, by_audience, minimum=minimum)
    if "audiences" in held:
        audiences = tuple(AudienceRow(audience=a.audience, label=a.label, responses=None,
                                      invited=a.invited, percent=None, held=HELD_CHANGED,
                                      minimum=minimum) for a in audiences)
    return SurveyResults(
        title=survey.title, year=survey.year, minimum=minimum, responses=total,
        held_back=survey_held_back,
        audiences=audiences,
        questions=results,
        trends=_trends(survey, questions, counts, minimum=minimum, own_held=frozenset(held)),
        actions=_actions(survey))


def public_results(survey: SurveyPage, *, minimum: int) -> SurveyResults:
    """The results as the public is given them: held against every round of figures shown
    to the public before (``SurveyResultsShown``, kept when a response is deleted after
    publication) by ``statistics.figures_to_show``. When the last round's figures are kept,
    ``not_updated_since`` is the time they were kept."""
    rounds = list(SurveyResultsShown.objects.filter(survey=survey).order_by("pk"))
    figures, kept = figures_to_show([r.figures for r in rounds], figures_now(survey),
                                    minimum=minimum)
    results = survey_results(survey, minimum=minimum, figures=figures)
    if kept:
        return dataclasses.replace(results, not_updated_since=rounds[-1].shown_at)
    return results


# --- the export -----------------------------------------------------------------------

CSV_HEADER = ["table", "question", "answer", "year", "people", "percent",
              "95% interval from", "95% interval to", "note"]


def _percent(fraction: float) -> float:
    return round(100 * fraction, 1)


def results_table_rows(survey: SurveyPage, *, minimum: int | None = None,
                       results: SurveyResults | None = None) -> Iterator[list]:
    """The results page's tables as CSV rows: a header, then one row per figure, and one
    per published written answer (all of them; the page shows the first hundred).

    A figure held back on the page is held back here too: its row says why, in the words
    the page uses, and leaves the numbers out. Figures kept from the last round shown
    ("Counts not updated…", ``SurveyResults.not_updated_note``) say so in the first row's
    note, as the page does (after the held-back words when the survey is held back too).
    Cells are plain values; the caller makes
    text safe for spreadsheets.
    """
    if results is None:
        if minimum is None:
            minimum = survey_settings().minimum_responses
        results = survey_results(survey, minimum=minimum)
    year = results.year
    held = _("Held back: fewer than %(minimum)s answers") % {"minimum": results.minimum}
    yield CSV_HEADER
    # Figures kept from the last round shown say so here too, as on the page; held back and
    # not updated, the note gives both.
    yield ["responses", "", _("Everyone"), year, results.responses, "", "", "",
           ". ".join(n for n in (held if results.held_back else "", results.not_updated_note)
                     if n)]
    for a in results.audiences:
        if a.responses is None:
            yield ["responses", "", a.label, year, "", "", "", "", a.held_words]
        else:
            note = (_("%(invited)s could answer") % {"invited": a.invited}
                    if a.invited else "")
            yield ["responses", "", a.label, year, a.responses,
                   a.percent if a.percent is not None else "", "", "", note]
    for q in results.charted:
        if q.held_back:
            yield ["answers", q.wording, "", year, "", "", "", "",
                   results.changed_note if q.changed else held]
            continue
        note = _("People could choose more than one answer") if q.multiple else ""
        for share in q.shares:
            yield ["answers", q.wording, share.option, year, share.count, share.percent,
                   "", "", note]
        if q.headline is not None:
            p = q.headline.proportion
            yield ["headline", q.wording, q.headline_label, year, p.successes,
                   _percent(p.share), _percent(p.low), _percent(p.high),
                   _("%(successes)s of %(total)s") % {"successes": p.successes,
                                                     "total": p.total}]
    for q in results.written:
        if q.held_back:
            yield ["written answers", q.wording, "", year, "", "", "", "",
                   results.changed_note if q.changed else held]
            continue
        for text in q.comments:
            yield ["written answers", q.wording, text, year, "", "", "", "", ""]
    for trend in results.trends:
        for y in trend.years:
            if y.share is None:
                yield ["trend", trend.wording, trend.headline_label, y.year, "", "", "", "",
                       y.held_words]
                continue
            p = y.share.proportion
            yield ["trend", trend.wording, trend.headline_label, y.year, p.successes,
                   _percent(p.share), _percent(p.low), _percent(p.high), y.change_words]
