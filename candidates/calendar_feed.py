"""A candidate's personal iCalendar feed: sittings, results day, review and certificate dates, last-chance warnings."""
import datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from candidates.models import ExamYear
from candidates.standing import standing_of, subject_names

DOMAIN = "zhuan.local"


def _event(uid: str, day: datetime.date, summary: str, description: str = "", last: datetime.date | None = None):
    event = Event()
    event.add("uid", f"{uid}@{DOMAIN}")
    event.add("dtstamp", datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC))
    event.add("dtstart", day)
    event.add("dtend", (last or day) + datetime.timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event


def calendar_for(candidate) -> bytes:
    """Return the candidate's calendar as .ics bytes, with stable UIDs so that calendar apps update events."""
    with translation.override(settings.LANGUAGE_CODE):
        standing = standing_of(candidate)
        calendar = Calendar()
        calendar.add("prodid", "-//zhuan//exam calendar//ZH")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", _("zhuan: exam dates"))
        exam_years = list(ExamYear.objects.filter(year__gte=standing.pending - 1).prefetch_related("sittings"))
        for exam_year in exam_years:
            year = exam_year.year
            for sitting in exam_year.sittings.all():
                calendar.add_component(_event(f"sitting-{year}-{sitting.starts_on}", sitting.starts_on,
                                              _("%(year)s exam sitting") % {"year": year}, last=sitting.ends_on))
            dates = [
                ("registration", exam_year.registration_opens_on, _("%(year)s registration opens")),
                ("results", exam_year.results_published_on, _("%(year)s results published")),
                ("review", exam_year.review_notice_on, _("%(year)s post-exam review notices expected")),
                ("registration-closes", exam_year.registration_closes_on, _("%(year)s registration closes")),
                ("certificate", exam_year.e_certificate_on, _("%(year)s electronic certificates expected")),
                ("paper-certificate", exam_year.paper_certificate_from, _("%(year)s paper certificates from")),
            ]
            for key, day, summary in dates:
                if day:
                    calendar.add_component(_event(f"{key}-{year}", day, summary % {"year": year}))
        lapsing = standing.assessment.lapsing
        pending = next((exam_year for exam_year in exam_years if exam_year.year == standing.pending), None)
        if lapsing and pending and pending.sittings.all():
            first_day = min(sitting.starts_on for sitting in pending.sittings.all())
            names = subject_names(status.subject for status in lapsing)
            calendar.add_component(_event(
                f"last-chance-{candidate.pk}-{standing.pending}", first_day - datetime.timedelta(days=30),
                _("Last chance: %(subjects)s lapse after the %(year)s sitting") % {
                    "subjects": names, "year": standing.pending},
                standing.headline,
            ))
        return calendar.to_ical()
