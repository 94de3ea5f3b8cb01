"""Page timings through Django's test client, with the number of queries each request costs."""
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .stats import percentile


@dataclass
class PageFigure:
    name: str
    url: str
    p50_ms: float
    p95_ms: float
    queries: int
    requests: int

    def as_dict(self) -> dict:
        return self.__dict__.copy()


@contextmanager
def persistent_connection():
    """Keep one database connection across requests, as production does (CONN_MAX_AGE), so that each request's
    queries can be counted and its time excludes connecting."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def logged_in_client(username: str, password: str) -> Client:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    if not user.check_password(password):
        raise RuntimeError(f"the benchmark account {username} cannot log in")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def measure_page(client: Client, name: str, url: str, *, requests: int = 30, method: str = "get",
                 data: dict | None = None) -> PageFigure:
    """Request `url` `requests` times after one warm-up; fail loudly on anything but 200."""
    call = getattr(client, method)
    warm = call(url, data or {})
    if warm.status_code != 200:
        raise RuntimeError(f"{name}: {url} answered {warm.status_code}")
    timings = []
    with CaptureQueriesContext(connection) as queries:
        call(url, data or {})
    query_count = len(queries)  # now: the next request's start clears the connection's query log
    for _ in range(requests):
        started = time.perf_counter()
        call(url, data or {})
        timings.append((time.perf_counter() - started) * 1000)
    return PageFigure(name, url, percentile(timings, 0.5), percentile(timings, 0.95), query_count, requests)
