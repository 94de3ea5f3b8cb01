"""A real Celery worker (prefork, Redis, PostgreSQL) runs the fanned-out refresh; killing it half-way loses nothing.

Skipped without PostgreSQL and Redis, failed under REQUIRE_SERVICES=1. The worker is a subprocess pointed at the
pytest-django test database (a transactional test, so what the test writes is committed and visible to it) and
at a queue of its own on Redis.
"""
import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Prefetch
from django.utils import timezone

from candidates import rules
from candidates.benchmark.population import generate
from candidates.models import Candidate, Enrolment, ExamYear, ExpiryFlag, Notification
from candidates.progress import assessments_for, pending_exam_year
from conftest import require_service

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BASE_DIR = Path(settings.BASE_DIR)
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
SCALE = 3000
CHUNK = 40  # 75 ranges: enough tasks that a kill lands half-way through the fan-out
WAIT = 180


def redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A `celery worker` subprocess in its own process group, so that a SIGKILL takes its pool children too."""

    def __init__(self, queue: str, log: Path):
        self.queue, self.log = queue, log
        env = {
            **os.environ, "DJANGO_SETTINGS_MODULE": "zhuan.settings.local", "DATABASE_URL": database_url(),
            "REDIS_URL": REDIS_URL, "CELERY_QUEUE": queue, "FLAG_REFRESH_CHUNK": str(CHUNK),
            "EMAIL_URL": "consolemail://", "DEBUG": "0",
        }
        self.output = open(log, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "zhuan", "worker", "--pool=prefork", "-c", "2", "-Q", queue,
             "-n", f"{queue}-{uuid.uuid4().hex[:6]}@%h", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "--loglevel=INFO"],
            cwd=BASE_DIR, env=env, stdout=self.output, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the worker exited: {self.log.read_text()[-3000:]}")
            if b" ready." in self.log.read_bytes():
                return
            time.sleep(0.2)
        pytest.fail(f"the worker did not start: {self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.output.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.output.close()


@pytest.fixture
def services(tmp_path):
    """Check the services, load a generated population, and yield a sender, a queue and a worker factory."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    require_service(redis_available(), f"Redis at {REDIS_URL}")
    import redis

    broker = redis.Redis.from_url(REDIS_URL)
    generate(scale=SCALE, seed=6)
    queue = f"jobs-test-{uuid.uuid4().hex[:8]}"
    sender = Celery("zhuan-test-sender", broker=REDIS_URL)
    sender.conf.task_default_queue = queue
    workers: list[Worker] = []

    def start() -> Worker:
        worker = Worker(queue, tmp_path / f"worker-{len(workers)}.log")
        workers.append(worker)
        return worker

    yield sender, queue, start
    for worker in workers:
        worker.stop()
    sender.close()
    # Messages the killed worker held stay unacknowledged in Redis; they belong to this test's queue only.
    broker.delete(queue)
    for tag, payload in broker.hgetall("unacked").items():
        if queue.encode() in payload:
            broker.hdel("unacked", tag)
            broker.zrem("unacked_index", tag)

def expected_flags(as_of: int) -> set[tuple]:
    """Return the open flags `rules.assess` implies for every candidate (active ones, not qualified)."""
    candidates = Candidate.objects.with_assessment_data().prefetch_related(
        Prefetch("enrolments", queryset=Enrolment.objects.current(), to_attr="current_enrolments")
    )
    expected = set()
    for pk, assessment in assessments_for(candidates, as_of=as_of).items():
        expected |= {(pk, *flag) for flag in flags_of(assessment, as_of)}
    active = set(Candidate.objects.filter(user__isnull=False).values_list("pk", flat=True)) | set(
        Enrolment.objects.current().values_list("candidate_id", flat=True)
    )
    return {flag for flag in expected if flag[0] in active}


def flags_of(assessment: rules.Assessment, as_of: int) -> set[tuple]:
    if assessment.qualified:
        return set()
    found = set()
    for status in assessment.subjects.values():
        if status.state is rules.State.LAST_CHANCE:
            found.add((status.subject.value, status.pass_year, "last_chance"))
        elif status.state is rules.State.EXPIRED and status.valid_through == as_of - 1:
            found.add((status.subject.value, status.pass_year, "expired"))
    return found


def open_flags() -> set[tuple]:
    return set(ExpiryFlag.objects.open().values_list("candidate_id", "subject", "pass_year", "kind"))


def wait_for(condition, what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def refresh_all(sender) -> None:
    sender.send_task("candidates.tasks.flags_refresh_all_task")


def test_a_real_worker_fans_the_refresh_out_and_agrees_with_the_rules(services):
    sender, _queue, start = services
    expected = expected_flags(pending_exam_year())
    assert len(expected) > 100, "the generated population has flags to compare"
    start()
    refresh_all(sender)
    wait_for(lambda: ExpiryFlag.objects.count() >= len(expected), "the fanned-out refresh")
    time.sleep(1)  # any straggling range would add flags the rules do not imply
    assert open_flags() == expected
    assert ExpiryFlag.objects.count() == len(expected)


def test_killing_the_worker_half_way_then_rerunning_gives_the_same_flags_and_no_duplicate_notification(services):
    sender, _queue, start = services
    as_of = pending_exam_year()
    expected = expected_flags(as_of)
    # Candidates with a login get last-chance reminders: registration for the pending year is open today.
    today = timezone.localdate()
    ExamYear.objects.update_or_create(year=as_of, defaults={
        "registration_opens_on": today - datetime.timedelta(days=1),
        "registration_closes_on": today + datetime.timedelta(days=5),
    })
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"jobs-test-{n}", email=f"jobs-{n}@example.com") for n in range(200)
    )
    for n, user in enumerate(users):
        Candidate.objects.filter(pk=2 + n * 7).update(user=user)

    worker = start()
    refresh_all(sender)
    wait_for(lambda: ExpiryFlag.objects.exists(), "the first flags")
    worker.kill()
    half_way = ExpiryFlag.objects.count()
    assert half_way < len(expected), "the worker was killed before the fan-out finished"

    start()
    refresh_all(sender)
    wait_for(lambda: open_flags() == expected, "the rerun to converge")
    for _ in range(2):
        sender.send_task("candidates.tasks.reminders_send_task")
        sender.send_task("candidates.tasks.staff_digest_task")
    last_chance_users = set(
        ExpiryFlag.objects.open().filter(kind="last_chance", candidate__user__isnull=False)
        .values_list("candidate__user_id", flat=True)
    )
    expected_notifications = len(last_chance_users) + 1  # one weekly digest for the bench school's staff member
    assert last_chance_users
    wait_for(lambda: Notification.objects.count() >= expected_notifications, "the reminders")
    time.sleep(1)
    assert Notification.objects.count() == expected_notifications
    duplicates = Notification.objects.values("recipient", "kind").annotate(n=Count("pk")).filter(n__gt=1)
    assert not duplicates.exists()
    assert ExpiryFlag.objects.count() == len(expected)
