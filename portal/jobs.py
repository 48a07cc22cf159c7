"""The scheduled jobs in officers' words: what each does, for whom, and how often.

The schedule itself is ``CELERY_BEAT_SCHEDULE`` (``portal/settings/base.py``), which celery
beat copies into django-celery-beat's tables; this module only describes it. Each job is
named by its Celery task; a job with no description here (one an administrator added at
/django-admin/) is shown by its name in the scheduler.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from celery import schedules
from django.utils.dates import WEEKDAYS
from django.utils.functional import Promise
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_celery_beat.clockedschedule import clocked

from portal import cadence as cadences


@dataclass(frozen=True)
class JobDescription:
    """A scheduled job for people: a short ``title``, ``what`` it does and ``for_whom``
    (lazy translations)."""

    title: Promise | str
    what: Promise | str
    for_whom: Promise | str


#: Task name -> its description. A test checks every job in CELERY_BEAT_SCHEDULE has one.
DESCRIPTIONS: dict[str, JobDescription] = {
    "notices.tasks.send_notices": JobDescription(
        gettext_lazy("E-mails to subscribers, and sign-in notices"),
        gettext_lazy("Tells subscribers who chose to hear at once what has changed: a "
                     "policy, a new consultation, survey results, a translation caught up. "
                     "Every ten minutes it also sends again, once each, the e-mails a mail "
                     "server asked to be sent later: confirmation links, “subscription "
                     "confirmed” e-mails, this week's weekly digests, and the notices to "
                     "account holders (parents, forum representatives, board members and "
                     "officers) of a new sign-in or a changed e-mail address. It also sends "
                     "the notices to subscribers and the confirmation e-mails an officer "
                     "released for sending again, and forgets the e-mail addresses kept "
                     "for account notices that have not gone after three days."),
        gettext_lazy("Parents and carers who subscribed by e-mail; everyone with an account "
                     "(parents, forum representatives, board members and officers), for the "
                     "notices of a new sign-in or a changed e-mail address")),
    "notices.tasks.send_staff_notices": JobDescription(
        gettext_lazy("Reminders and notices to the forum and officers"),
        gettext_lazy("Tells forum representatives and officers who chose e-mails at once of "
                     "what concerns them in the co-production work, and sends reminders "
                     "before forum deadlines, consultations about to open or close, and "
                     "calendar changes that put a consultation in a holiday. It also sends "
                     "the notices to them that an officer released for sending again. Every "
                     "ten minutes it also sends again, once each, today's daily e-mails that"
                     " a mail server asked to be sent later."),
        gettext_lazy("Forum representatives and officers: those who chose e-mails at once, "
                     "and those whose daily e-mail a mail server delayed")),
    "analysis.tasks.close_idle_coding_sessions": JobDescription(
        gettext_lazy("Coding sessions summed up"),
        gettext_lazy("Writes one summary in the evidence log for each session of coding "
                     "written answers that has had no decision for an hour."),
        gettext_lazy("The governance board, who read how answers were coded")),
    "surveys.tasks.record_survey_events": JobDescription(
        gettext_lazy("Survey openings and closings"),
        gettext_lazy("Records in the evidence log each survey that opened or closed, and "
                     "deletes the e-mail addresses of closed surveys' invitations."),
        gettext_lazy("Parents invited to a survey, and the governance board")),
    "consultations.tasks.check_consultation_windows": JobDescription(
        gettext_lazy("Consultation dates checked against school calendars"),
        gettext_lazy("Records consultations that opened or closed, and flags any "
                     "consultation that a change to its school calendar has put in a "
                     "holiday."),
        gettext_lazy("Officers, who see a flagged consultation in the editor, and the "
                     "governance board")),
    "consultations.tasks.anonymise_consultation_contacts": JobDescription(
        gettext_lazy("Contact details removed from consultation responses"),
        gettext_lazy("Removes respondents' names, e-mail addresses and phone numbers once "
                     "the consultation's outcome has been public for the agreed time."),
        gettext_lazy("Parents and carers who left contact details with a response")),
    "charter.tasks.make_daily_checkpoint": JobDescription(
        gettext_lazy("Evidence log signed"),
        gettext_lazy("Signs a checkpoint of the evidence log, so anyone can check later that "
                     "no entry was changed or removed."),
        gettext_lazy("The governance board, and anyone checking the record")),
    "surveys.tasks.resume_survey_mailings": JobDescription(
        gettext_lazy("Survey invitations and reminders finished"),
        gettext_lazy("Sends the rest of any survey invitations or reminders whose sending "
                     "stopped part-way, a few minutes after it stopped. Nobody gets the "
                     "same e-mail twice."),
        gettext_lazy("Parents and schools invited to a survey, and the officer sending "
                     "it")),
    "notices.tasks.forget_used_confirmations": JobDescription(
        gettext_lazy("Used confirmation links forgotten"),
        gettext_lazy("Deletes the record of subscription confirmation links once they have "
                     "expired."),
        gettext_lazy("Parents and carers who subscribed by e-mail")),
    "exports.tasks.delete_old_exports": JobDescription(
        gettext_lazy("Old export files deleted"),
        gettext_lazy("Deletes officers' export files (all the responses to a consultation) "
                     "once they are older than the retention period."),
        gettext_lazy("Officers, and the people whose answers are in the files")),
    "notices.tasks.send_staff_digests": JobDescription(
        gettext_lazy("Daily e-mail to the forum and officers"),
        gettext_lazy("Sends each forum representative and officer who chose a daily e-mail "
                     "the day's notices in one message; a daily e-mail an officer released "
                     "for sending again goes at once, to that person alone."),
        gettext_lazy("Forum representatives and officers who chose a daily e-mail")),
    "notices.tasks.send_weekly_digests": JobDescription(
        gettext_lazy("Weekly e-mail to subscribers"),
        gettext_lazy("Sends subscribers who chose a weekly e-mail the week's changes in one "
                     "message; a weekly e-mail an officer released for sending again goes at"
                     " once, to that subscriber alone."),
        gettext_lazy("Parents and carers who subscribed for a weekly e-mail")),
    # Added by celery beat itself (CELERY_RESULT_EXPIRES).
    "celery.backend_cleanup": JobDescription(
        gettext_lazy("Old job records deleted"),
        gettext_lazy("Deletes the records of scheduled runs older than eight days: the "
                     "\"last run\" this page shows."),
        gettext_lazy("Nobody outside the council: housekeeping")),
}


def job_description(task: str) -> JobDescription | None:
    """The description of the job that runs Celery task ``task``, or None."""
    return DESCRIPTIONS.get(task)


def schedule_cadence(schedule) -> cadences.Cadence | dt.datetime | None:
    """What a Celery schedule object (``crontab``, ``schedule``, django-celery-beat's
    ``clocked``) says about how often it runs: a ``Cadence``, the one moment of a clocked
    (one-off) schedule, or None for another kind (a solar schedule)."""
    if isinstance(schedule, schedules.crontab):
        # The fields as written (``_orig_*``: django-celery-beat reads them the same way).
        return cadences.cron_cadence(schedule._orig_minute, schedule._orig_hour,
                                     schedule._orig_day_of_month,
                                     schedule._orig_month_of_year,
                                     schedule._orig_day_of_week)
    if isinstance(schedule, clocked):
        return schedule.clocked_time
    if isinstance(schedule, schedules.schedule) and type(schedule) is schedules.schedule:
        return cadences.interval_cadence(schedule.run_every.total_seconds())
    return None


def _clock(times: tuple[tuple[int, int], ...]) -> str:
    return get_text_list([f"{hour:02d}:{minute:02d}" for hour, minute in times], _("and"))


def _interval_words(seconds: int) -> str:
    for size, words in ((86400, lambda n: ngettext("every day", "every %(n)s days", n)),
                        (3600, lambda n: ngettext("every hour", "every %(n)s hours", n)),
                        (60, lambda n: ngettext("every minute", "every %(n)s minutes", n))):
        if seconds % size == 0:
            count = seconds // size
            return words(count) % {"n": count}
    return ngettext("every second", "every %(n)s seconds", seconds) % {"n": seconds}


def cadence_words(cadence: cadences.Cadence | dt.datetime | None) -> str:
    """``cadence`` (from ``schedule_cadence``) in plain words in the active language:
    "every 10 minutes", "every day at 02:30", "every week on Monday at 07:00". Times are
    the schedule's own (the portal's time zone, Europe/London)."""
    if cadence is None:
        return _("at times set in the scheduler")
    if isinstance(cadence, dt.datetime):
        return _("once, at %(moment)s") % {"moment": f"{cadence:%Y-%m-%d %H:%M}"}
    kind = cadence.kind
    if kind == cadences.EVERY_MINUTES:
        return ngettext("every minute", "every %(n)s minutes", cadence.step) % {
            "n": cadence.step}
    if kind == cadences.HOURLY:
        minute = cadence.minutes[0]
        if minute == 0:
            return _("every hour, on the hour")
        return ngettext("every hour at %(n)s minute past", "every hour at %(n)s minutes past",
                        minute) % {"n": minute}
    if kind == cadences.DAILY:
        return _("every day at %(times)s") % {"times": _clock(cadence.times)}
    if kind == cadences.WEEKLY:
        if cadence.weekdays == (1, 2, 3, 4, 5):
            return _("every weekday (Monday to Friday) at %(times)s") % {
                "times": _clock(cadence.times)}
        days = get_text_list([str(WEEKDAYS[day - 1]) for day in cadence.weekdays], _("and"))
        return _("every week on %(days)s at %(times)s") % {
            "days": days, "times": _clock(cadence.times)}
    if kind == cadences.MONTHLY:
        days = get_text_list([str(day) for day in cadence.month_days], _("and"))
        return _("every month on day %(days)s at %(times)s") % {
            "days": days, "times": _clock(cadence.times)}
    if kind == cadences.INTERVAL:
        return _interval_words(cadence.seconds)
    return _("at the times of the cron line %(cron)s") % {"cron": cadence.cron}
