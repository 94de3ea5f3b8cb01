"""Every task run twice has one effect; the signal queues the refresh on commit and survives a dead broker."""
import datetime
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from candidates import tasks
from candidates.models import ExamYear, ExpiryFlag, Notification, NotificationPreference
from candidates.models.notifications import NotificationKind
from candidates.services import notifications
from candidates.signals import results_changed
from candidates.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_chance_candidate(candidate_a):
    factories.SubjectResultFactory(candidate=candidate_a, exam_year_id=2023, subject="law", score=70)
    return candidate_a


def test_flags_refresh_tasks_twice_raise_one_flag(last_chance_candidate):
    pk = last_chance_candidate.pk
    assert tasks.flags_refresh_task.delay(pk, pk).get() == {"raised": 1, "resolved": 0}
    assert tasks.flags_refresh_task.delay(pk, pk).get() == {"raised": 0, "resolved": 0}
    assert tasks.flags_refresh_candidates_task.delay([pk]).get() == {"raised": 0, "resolved": 0}
    tasks.flags_refresh_all_task.delay()
    tasks.flags_refresh_all_task.delay()
    assert ExpiryFlag.objects.count() == 1


def test_results_changed_runs_the_refresh_on_commit(last_chance_candidate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        results_changed.send(sender=None, candidate_ids=[last_chance_candidate.pk])
    assert ExpiryFlag.objects.filter(candidate=last_chance_candidate, kind="last_chance").count() == 1


def test_a_dead_broker_is_logged_and_the_caller_carries_on(last_chance_candidate, django_capture_on_commit_callbacks,
                                                           caplog):
    broken = mock.patch.object(tasks.flags_refresh_candidates_task, "delay", side_effect=ConnectionError("no broker"))
    with broken, django_capture_on_commit_callbacks(execute=True):
        results_changed.send(sender=None, candidate_ids=[last_chance_candidate.pk])
    assert "nightly run will catch up" in caplog.text
    assert not ExpiryFlag.objects.exists()


def pending_calendar(**dates):
    exam_year, _ = ExamYear.objects.update_or_create(year=2026, defaults=dates)
    return exam_year


def test_last_chance_reminder_twice_notifies_once(last_chance_candidate):
    tasks.flags_refresh_all_task.delay()
    pending_calendar(registration_opens_on=datetime.date(2026, 8, 10),
                     registration_closes_on=datetime.date(2026, 8, 25),
                     results_published_on=datetime.date(2026, 12, 25))
    day = datetime.date(2026, 8, 12)
    assert notifications.reminders_send(today=day) == 1
    assert notifications.reminders_send(today=day) == 0
    note = Notification.objects.get()
    assert note.kind == NotificationKind.LAST_CHANCE and "2023" in note.title


def test_results_day_reminder_twice_notifies_once(candidate_a, candidate_b):
    pending_calendar(results_published_on=datetime.date(2026, 12, 25))
    day = datetime.date(2026, 12, 26)
    assert notifications.reminders_send(today=day) == 2
    assert tasks.reminders_send_task.delay().get() == 0
    assert notifications.reminders_send(today=day) == 0
    assert Notification.objects.filter(event_key="results_day:2026").count() == 2


def test_opting_out_in_app_and_by_email_silences_a_kind(candidate_a, candidate_b):
    NotificationPreference.objects.create(user=candidate_a.user, kind=NotificationKind.RESULTS_DAY, in_app=False,
                                          by_email=False)
    pending_calendar(results_published_on=datetime.date(2026, 12, 25))
    notifications.reminders_send(today=datetime.date(2026, 12, 25))
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["cand_b"]


def test_digest_twice_emails_once_and_respects_email_opt_out(candidate_a, candidate_b):
    for candidate in (candidate_a, candidate_b):
        notifications.notify(recipient=candidate.user, kind=NotificationKind.GENERAL, event_key="hello",
                             title="你好")
    NotificationPreference.objects.create(user=candidate_b.user, kind=NotificationKind.GENERAL, by_email=False)
    assert tasks.digests_send_task.delay().get() == 1
    assert tasks.digests_send_task.delay().get() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [candidate_a.user.email]


def test_staff_digest_twice_notifies_each_staff_once(last_chance_candidate, staff1, staff2):
    tasks.flags_refresh_all_task.delay()
    assert tasks.staff_digest_task.delay().get() == 1
    assert tasks.staff_digest_task.delay().get() == 0
    note = Notification.objects.get(kind=NotificationKind.STAFF_DIGEST)
    assert note.recipient == staff1 and last_chance_candidate.full_name in note.body
    assert note.link == reverse("candidates:staff_at_risk")


def test_notify_creates_one_row_per_event(candidate_a):
    args = {"recipient": candidate_a.user, "kind": NotificationKind.GENERAL, "event_key": "x", "title": "t"}
    assert notifications.notify(**args) is True
    assert notifications.notify(**args) is False


def test_the_beat_schedule_is_in_the_database():
    names = set(PeriodicTask.objects.values_list("task", flat=True))
    assert {"candidates.tasks.flags_refresh_all_task", "candidates.tasks.reminders_send_task",
            "candidates.tasks.digests_send_task", "candidates.tasks.staff_digest_task"} <= names


@pytest.fixture
def unreachable_broker():
    """Point the Celery app at a Redis port nothing listens on, with eager mode off, then restore it."""
    from zhuan.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "broker_connection_timeout",
                                             "broker_connection_retry", "broker_connection_max_retries",
                                             "task_publish_retry")}
    app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False, broker_connection_timeout=1,
                    broker_connection_retry=False, broker_connection_max_retries=0, task_publish_retry=False)
    app._pool = None
    app.amqp._producer_pool = None
    yield
    app.conf.update(saved)
    app._pool = None
    app.amqp._producer_pool = None


def test_a_broken_broker_url_is_logged_and_the_results_stay_saved(last_chance_candidate, unreachable_broker, caplog,
                                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        factories.SubjectResultFactory(candidate=last_chance_candidate, exam_year_id=2024, subject="management",
                                       score=75)
        results_changed.send(sender=None, candidate_ids=[last_chance_candidate.pk])
    assert "nightly run will catch up" in caplog.text
    assert last_chance_candidate.results.count() == 2
    assert not ExpiryFlag.objects.exists()


def test_month_before_the_sitting_reminds_last_chance_once_more(last_chance_candidate):
    tasks.flags_refresh_all_task.delay()
    exam_year = pending_calendar(registration_opens_on=datetime.date(2026, 6, 1),
                                 registration_closes_on=datetime.date(2026, 6, 20))
    exam_year.sittings.create(starts_on=datetime.date(2026, 10, 24), ends_on=datetime.date(2026, 10, 25))
    assert notifications.reminders_send(today=datetime.date(2026, 6, 2)) == 1
    assert notifications.reminders_send(today=datetime.date(2026, 9, 30)) == 1
    assert notifications.reminders_send(today=datetime.date(2026, 10, 1)) == 0
    assert set(Notification.objects.values_list("event_key", flat=True)) == {
        "last_chance:2026:registration", "last_chance:2026:sitting"}


def test_e_certificate_reminder_goes_once_to_those_who_qualified_that_year(candidate_a, candidate_b):
    for subject in ("law", "management", "technology"):
        factories.SubjectResultFactory(candidate=candidate_a, exam_year_id=2025, subject=subject, score=70)
    factories.SubjectResultFactory(candidate=candidate_a, exam_year_id=2025, subject="practice",
                                   specialty=candidate_a.specialty, score=70)
    factories.SubjectResultFactory(candidate=candidate_b, exam_year_id=2025, subject="law", score=70)
    ExamYear.objects.filter(year=2025).update(e_certificate_on=datetime.date(2026, 1, 26))
    day = datetime.date(2026, 1, 27)
    assert notifications.reminders_send(today=day) == 1
    assert tasks.reminders_send_task.delay().get() == 0
    assert notifications.reminders_send(today=day) == 0
    assert Notification.objects.get().recipient == candidate_a.user


def test_in_app_opt_out_still_emails_but_leaves_the_inbox_read(candidate_a):
    NotificationPreference.objects.create(user=candidate_a.user, kind=NotificationKind.GENERAL, in_app=False)
    notifications.notify(recipient=candidate_a.user, kind=NotificationKind.GENERAL, event_key="e", title="t")
    assert not Notification.objects.unread().exists()
    assert notifications.digests_send() == 1


def test_one_digest_per_person_per_day_even_with_new_messages(candidate_a):
    user = candidate_a.user
    day = datetime.date(2026, 3, 2)
    notifications.notify(recipient=user, kind=NotificationKind.GENERAL, event_key="one", title="一")
    assert notifications.digest_send(user=user, day=day) is True
    notifications.notify(recipient=user, kind=NotificationKind.GENERAL, event_key="two", title="二")
    assert notifications.digest_send(user=user, day=day) is False
    assert notifications.digest_send(user=user, day=day + datetime.timedelta(days=1)) is True
    assert len(mail.outbox) == 2 and "二" in mail.outbox[1].body


def test_the_beat_schedule_migration_is_idempotent_and_reversible():
    from importlib import import_module

    from django.apps import apps

    schedule = import_module("candidates.migrations.0003_beat_schedule")
    schedule.create_schedule(apps, None)
    assert PeriodicTask.objects.filter(name__in=[row[0] for row in schedule.SCHEDULE]).count() == 4
    schedule.remove_schedule(apps, None)
    assert not PeriodicTask.objects.filter(name__in=[row[0] for row in schedule.SCHEDULE]).exists()
    schedule.create_schedule(apps, None)
    nightly = PeriodicTask.objects.get(task="candidates.tasks.flags_refresh_all_task")
    assert str(nightly.crontab.timezone) == "Asia/Shanghai" and nightly.crontab.hour == "2"
