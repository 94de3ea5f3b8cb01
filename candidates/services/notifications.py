"""Notifications: in-app messages and daily email digests, delivered once per (recipient, event).

The `Notification` table is the ledger: its unique (recipient, event_key) makes a second run of any reminder
create nothing. Digests claim the rows they email (emailed_at, under `select_for_update(skip_locked)`) and commit
before sending, so a rerun or a second worker never emails a row twice; a worker dying between the commit and the
send loses that one digest rather than sending it twice (at most once, by design).
Messages are written in the product's default language (Chinese) because they are stored and emailed.
"""
import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from candidates.models import Candidate, ExamYear, ExpiryFlag, Notification, NotificationPreference
from candidates.models.notifications import NotificationKind
from candidates.progress import assessments_for, pending_exam_year

RESULTS_DAY_WINDOW = datetime.timedelta(days=7)
CERTIFICATE_WINDOW = datetime.timedelta(days=14)
SITTING_REMINDER = datetime.timedelta(days=30)
REGISTRATION_DEFAULT_LENGTH = datetime.timedelta(days=14)
STAFF_DIGEST_NAMES = 20


def _opted_out(kind: str, channel: str):
    """Return the ids of users who opted out of `kind` on `channel` ('in_app' or 'by_email')."""
    return NotificationPreference.objects.filter(kind=kind, **{channel: False}).values("user_id")


def notify(*, recipient, kind: str, event_key: str, title: str, body: str = "", link: str = "") -> bool:
    """Record one notification for (recipient, event) unless it exists or was opted out of; return if created."""
    preference = NotificationPreference.objects.filter(user=recipient, kind=kind).first()
    if preference and not preference.in_app and not preference.by_email:
        return False
    _, created = Notification.objects.get_or_create(
        recipient=recipient, event_key=event_key,
        defaults={"kind": kind, "title": title[:200], "body": body, "link": link[:300],
                  "read_at": timezone.now() if preference and not preference.in_app else None},
    )
    return created


def notify_many(messages: list[dict]) -> int:
    """Record many notifications at once (same fields as `notify`), skipping existing events; return how many new."""
    if not messages:
        return 0
    keys = {message["event_key"] for message in messages}
    users = {message["recipient"].pk for message in messages}
    existing = set(
        Notification.objects.filter(recipient_id__in=users, event_key__in=keys).values_list("recipient_id", "event_key")
    )
    silenced = defaultdict(set)
    for user_id, kind in NotificationPreference.objects.filter(
        user_id__in=users, in_app=False, by_email=False
    ).values_list("user_id", "kind"):
        silenced[user_id].add(kind)
    rows = [
        Notification(recipient=m["recipient"], kind=m["kind"], event_key=m["event_key"], title=m["title"][:200],
                     body=m.get("body", ""), link=m.get("link", "")[:300])
        for m in messages
        if (m["recipient"].pk, m["event_key"]) not in existing and m["kind"] not in silenced[m["recipient"].pk]
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _last_chance_reminders(pending: int, milestone: str) -> int:
    flags = (
        ExpiryFlag.objects.open().filter(kind=ExpiryFlag.Kind.LAST_CHANCE, candidate__user__isnull=False)
        .select_related("candidate__user").order_by("candidate_id", "subject")
    )
    by_candidate = defaultdict(list)
    for flag in flags:
        by_candidate[flag.candidate].append(flag)
    messages = []
    for candidate, open_flags in by_candidate.items():
        passes = "、".join(f"{flag.pass_year} 年{flag.get_subject_display()}" for flag in open_flags)
        if milestone == "registration":
            title = _("Registration for %(year)s is open: your last chance to keep %(passes)s") % {
                "year": pending, "passes": passes}
        else:
            title = _("The %(year)s sitting is in a month: %(passes)s lapse unless you qualify") % {
                "year": pending, "passes": passes}
        messages.append({
            "recipient": candidate.user, "kind": NotificationKind.LAST_CHANCE,
            "event_key": f"last_chance:{pending}:{milestone}", "title": title,
            "body": _("If you do not pass every remaining subject at the %(year)s sitting, these passes no longer "
                      "count: %(passes)s.") % {"year": pending, "passes": passes},
            "link": reverse("candidates:progress"),
        })
    return notify_many(messages)


def _candidate_users():
    return Candidate.objects.filter(user__isnull=False, user__is_active=True).select_related("user")


def _results_day_reminders(exam_year: ExamYear) -> int:
    title = _("The %(year)s results are out: enter yours to see where you stand") % {"year": exam_year.year}
    return notify_many([
        {"recipient": candidate.user, "kind": NotificationKind.RESULTS_DAY,
         "event_key": f"results_day:{exam_year.year}", "title": title, "link": reverse("candidates:results")}
        for candidate in _candidate_users()
    ])


def _certificate_reminders(exam_year: ExamYear) -> int:
    candidates = _candidate_users().filter(results__exam_year_id=exam_year.year, results__passed=True).distinct()
    assessed = assessments_for(candidates, as_of=exam_year.year)
    title = _("Electronic certificates for %(year)s are available") % {"year": exam_year.year}
    return notify_many([
        {"recipient": candidate.user, "kind": NotificationKind.E_CERTIFICATE,
         "event_key": f"e_certificate:{exam_year.year}", "title": title, "link": reverse("candidates:progress")}
        for candidate in candidates
        if assessed[candidate.pk].qualified_year == exam_year.year
    ])


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Create the reminders due today; a second run the same day (or any later day) creates nothing new."""
    today = today or timezone.localdate()
    created = 0
    with translation.override(settings.LANGUAGE_CODE):
        pending = pending_exam_year()
        exam_year = ExamYear.objects.filter(year=pending).prefetch_related("sittings").first()
        if exam_year:
            opens, closes = exam_year.registration_opens_on, exam_year.registration_closes_on
            if opens and opens <= today <= (closes or opens + REGISTRATION_DEFAULT_LENGTH):
                created += _last_chance_reminders(pending, "registration")
            starts = [sitting.starts_on for sitting in exam_year.sittings.all()]
            if starts and min(starts) - SITTING_REMINDER <= today < min(starts):
                created += _last_chance_reminders(pending, "sitting")
        for published in ExamYear.objects.filter(results_published_on__range=(today - RESULTS_DAY_WINDOW, today)):
            created += _results_day_reminders(published)
        for certified in ExamYear.objects.filter(e_certificate_on__range=(today - CERTIFICATE_WINDOW, today)):
            created += _certificate_reminders(certified)
    return created


def _claim_digest_rows(user_id: int, day: datetime.date) -> list[Notification]:
    """Mark and return the rows this person's digest of `day` carries; none if a digest already went out that day.

    The rows are locked with SKIP LOCKED, so a second worker claiming at the same moment gets nothing, and a
    worker that comes later sees `emailed_at` on `day` and stops: one digest per person per day.
    """
    with transaction.atomic():
        if Notification.objects.filter(recipient_id=user_id, emailed_at__date=day).exists():
            return []
        rows = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(recipient_id=user_id, emailed_at__isnull=True)
            .exclude(kind__in=NotificationPreference.objects.filter(user_id=user_id, by_email=False).values("kind"))
            .order_by("created_at", "pk")
        )
        moment = timezone.make_aware(datetime.datetime.combine(day, timezone.localtime().time()))
        Notification.objects.filter(pk__in=[row.pk for row in rows]).update(emailed_at=moment)
    return rows


def digest_send(*, user, day: datetime.date | None = None) -> bool:
    """Email `user` one digest of the notifications they accept by email and were not sent; return if sent.

    The rows are claimed (committed) before the email goes: a rerun never sends them twice, and a worker dying
    between the two loses that one digest rather than doubling it (at most once, by design).
    """
    day = day or timezone.localdate()
    if not user.email or not user.is_active:
        return False
    rows = _claim_digest_rows(user.pk, day)
    if not rows:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        lines = [f"· {row.title}" + (f"\n  {row.body}" if row.body else "") for row in rows]
        send_mail(
            _("zhuan: %(count)s new messages") % {"count": len(rows)},
            "\n\n".join(lines) + "\n\n" + _("Read them after signing in to zhuan."),
            None, [user.email],
        )
    return True


def digests_send(*, day: datetime.date | None = None) -> int:
    """Email each person their digest of `day` (default today); return how many emails were sent."""
    day = day or timezone.localdate()
    users = (
        get_user_model().objects.filter(is_active=True).exclude(email="")
        .filter(Exists(Notification.objects.filter(recipient=OuterRef("pk"), emailed_at__isnull=True)))
    )
    return sum(digest_send(user=user, day=day) for user in users.iterator())


def staff_digests_send(*, today: datetime.date | None = None) -> int:
    """Notify each school's staff, once a week, of the candidates with an open expiry flag."""
    today = today or timezone.localdate()
    year, week, _weekday = today.isocalendar()
    created = 0
    with translation.override(settings.LANGUAGE_CODE):
        flagged = (
            ExpiryFlag.objects.open()
            .filter(candidate__enrolments__left_on__isnull=True)
            .values_list("candidate__enrolments__cohort__school_id", "candidate_id", "candidate__full_name", "kind")
            .distinct()
        )
        per_school = defaultdict(dict)
        for school_id, candidate_id, name, kind in flagged:
            per_school[school_id].setdefault(candidate_id, (name, set()))[1].add(kind)
        staff = get_user_model().objects.filter(staff_membership__school_id__in=per_school, is_active=True)
        messages = []
        for user in staff.select_related("staff_membership"):
            at_risk = per_school[user.staff_membership.school_id]
            names = "、".join(name for name, _kinds in list(at_risk.values())[:STAFF_DIGEST_NAMES])
            messages.append({
                "recipient": user, "kind": NotificationKind.STAFF_DIGEST,
                "event_key": f"staff_digest:{year}-W{week:02d}",
                "title": _("This week %(count)s candidates risk losing a pass") % {"count": len(at_risk)},
                "body": names, "link": reverse("candidates:staff_at_risk"),
            })
        created += notify_many(messages)
    return created

