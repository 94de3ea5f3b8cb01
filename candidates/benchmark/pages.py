"""Page timings through Django's test client, with the number of queries each request costs."""
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

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


def logged_in_client(username: str, password: str) -> Client:
    client = Client()
    if not client.login(username=username, password=password):
        raise RuntimeError(f"the benchmark account {username} cannot log in")
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
    for _ in range(requests):
        started = time.perf_counter()
        call(url, data or {})
        timings.append((time.perf_counter() - started) * 1000)
    return PageFigure(name, url, percentile(timings, 0.5), percentile(timings, 0.95), len(queries), requests)


def url_or_none(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None
