"""Faults: Redis gone, PostgreSQL restarted under the app. Pages keep working or fail cleanly, and recover."""
import logging
import shutil
import socket
import subprocess
import time

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from candidates.models import ExpiryFlag, SubjectResult
from candidates.services.flags import flags_refresh_all
from candidates.tests import factories
from conftest import require_service
from zhuan.celery import app as celery_app

pytestmark = pytest.mark.services
OWN_REDIS_PORT = 6390


def wait_for_port(port: int, *, up: bool, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if (probe.connect_ex(("127.0.0.1", port)) == 0) == up:
                return True
        time.sleep(0.1)
    return False


@pytest.fixture
def own_redis():
    """Start a private redis-server (never the shared one) and return a function that kills it."""
    require_service(shutil.which("redis-server") is not None, "redis-server")
    process = subprocess.Popen(
        ["redis-server", "--port", str(OWN_REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--daemonize", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    assert wait_for_port(OWN_REDIS_PORT, up=True), "own redis-server did not start"

    def kill():
        process.kill()
        process.wait(timeout=10)
        assert wait_for_port(OWN_REDIS_PORT, up=False)

    yield kill
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture
def app_on_own_redis(own_redis, settings):
    """Point the cache and the Celery broker at the private Redis, with tasks really queued (not eager)."""
    url = f"redis://127.0.0.1:{OWN_REDIS_PORT}/0"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager", "broker_connection_timeout",
                                                   "task_publish_retry_policy")}
    celery_app.conf.update(broker_url=url, task_always_eager=False, broker_connection_timeout=1,
                           task_publish_retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.2})
    celery_app.pool.force_close_all()
    yield own_redis
    celery_app.conf.update(saved)
    celery_app.pool.force_close_all()


@pytest.mark.django_db
def test_with_redis_stopped_pages_render_and_results_are_saved_then_the_next_run_catches_up(
        app_on_own_redis, candidate_a, staff1, caplog, django_capture_on_commit_callbacks):
    factories.SubjectResultFactory(candidate=candidate_a, exam_year_id=2023, subject="law", score=70)
    app_on_own_redis()  # Redis is gone from here on
    candidate, staff = Client(), Client()
    candidate.force_login(candidate_a.user)
    staff.force_login(staff1)
    assert candidate.get(reverse("candidates:progress")).status_code == 200
    assert staff.get(reverse("candidates:staff_at_risk")).status_code == 200

    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = candidate.post(reverse("candidates:result_add", args=[2024]),
                                  {"management_score": "71", "technology_score": "55"})
    assert response.status_code == 302
    assert SubjectResult.objects.filter(candidate=candidate_a, exam_year_id=2024, subject="management").exists()
    assert "nightly run will catch up" in caplog.text, "the failure to queue is logged"
    assert not ExpiryFlag.objects.filter(candidate=candidate_a).exists(), "no refresh ran: the broker was down"

    flags_refresh_all()  # the nightly run
    assert ExpiryFlag.objects.filter(candidate=candidate_a).exists()


def terminate(pid: int) -> None:
    """Kill one server process of our test database, as a PostgreSQL restart does to every connection."""
    settings_dict = connection.settings_dict
    conninfo = (f"host={settings_dict['HOST'] or '127.0.0.1'} port={settings_dict['PORT'] or 5432} "
                f"user={settings_dict['USER'] or 'postgres'} dbname=postgres")
    if settings_dict["PASSWORD"]:
        conninfo += f" password={settings_dict['PASSWORD']}"
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def wsgi_get(path: str, session_key: str) -> tuple[int, str]:
    """GET `path` through Django's real WSGI handler, which (unlike the test client) checks connections first."""
    environ = RequestFactory().get(path, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={session_key}").environ
    status = []
    body = WSGIHandler()(environ, lambda line, headers, exc_info=None: status.append(line))
    try:
        return int(status[0].split()[0]), b"".join(body).decode()
    finally:
        body.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_restart_during_a_request_fails_cleanly_and_the_next_request_succeeds(candidate_a, monkeypatch):
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    # Keep the connection between requests as production does, so that the next request must notice it died.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)
    monkeypatch.setitem(connection.settings_dict, "CONN_HEALTH_CHECKS", True)
    client = Client()
    client.force_login(candidate_a.user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert wsgi_get("/me/", key)[0] == 200

    queries = []

    def restart_after_the_first_query(execute, sql, params, many, context):
        # The first query of a request runs the health check; the server goes away after it, mid-request.
        queries.append(sql)
        if len(queries) == 2:
            terminate(connection.connection.info.backend_pid)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(restart_after_the_first_query):
        status, body = wsgi_get("/me/", key)
    assert status == 500
    assert "Traceback" not in body and "OperationalError" not in body and "terminating connection" not in body
    assert "<h1" in body

    status, body = wsgi_get("/me/", key)
    assert status == 200 and 'id="main"' in body
