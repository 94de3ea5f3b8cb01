"""Repeat a measurement and summarise it: median with min and max, and latency percentiles."""
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass
class Figure:
    """One benchmark figure: the median of several repetitions, with their min and max."""

    name: str
    unit: str
    median: float
    min: float
    max: float
    repetitions: int
    extra: dict | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def repeat(name: str, unit: str, run: Callable[[], float], repetitions: int, extra=None) -> Figure:
    """Call `run` (which returns one value) `repetitions` times and summarise the values."""
    values = [run() for _ in range(repetitions)]
    return Figure(name, unit, statistics.median(values), min(values), max(values), repetitions, extra)


def timed(action: Callable[[], object]) -> float:
    """Return how many seconds `action` took."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of `values` (fraction 0.5 for the median, 0.95 for p95)."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def database_url() -> str:
    """Return a DATABASE_URL for the database this process uses, for the benchmark's child processes."""
    from urllib.parse import quote

    from django.db import connection

    db = connection.settings_dict
    credentials = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
