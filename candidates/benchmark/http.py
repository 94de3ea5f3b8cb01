"""Throughput over HTTP: gunicorn on loopback under wrk, the progress page against a one-lookup view."""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model

from candidates.benchmark.stats import database_url

WRK_DURATION_SECONDS = 10
WRK_CONNECTIONS = 16


@dataclass
class HttpFigure:
    name: str
    url: str
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    errors: int

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def session_cookie_for(username: str) -> str:
    """Return a session key logged in as `username`, created without going through the login form."""
    user = get_user_model().objects.get(username=username)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(workers: int):
    """Run gunicorn with the production settings (DEBUG off, persistent connections) on a free loopback port."""
    port = _free_port()
    static_root = tempfile.mkdtemp(prefix="zhuan-bench-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhuan.settings.production",
        "SECRET_KEY": settings.SECRET_KEY,  # the session cookie below is signed with this process's key
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "BENCHMARK_URLS": "1",
        "STATIC_ROOT": static_root,
        "DATABASE_URL": database_url(),
    }
    # The production settings serve hashed static file names from a manifest: build it as a deployment would.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   env=env, cwd=settings.BASE_DIR, check=True)
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
        [sys.executable, "-m", "gunicorn", "zhuan.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--log-level", "warning"],
        env=env,
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)


LATENCY = re.compile(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(name: str, url: str, session_key: str, *, duration: int = WRK_DURATION_SECONDS) -> HttpFigure:
    """Load `url` with wrk over loopback and parse its throughput, latency percentiles and errors."""
    output = subprocess.run(  # noqa: S603
        ["wrk", "-t2", f"-c{WRK_CONNECTIONS}", f"-d{duration}s", "--latency",  # noqa: S607
         "-H", f"Cookie: {settings.SESSION_COOKIE_NAME}={session_key}", "-H", "X-Forwarded-Proto: https", url],
        capture_output=True, text=True, check=True,
    ).stdout
    latency = {pct: float(value) * UNIT_MS[unit] for pct, value, unit in LATENCY.findall(output)}
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    return HttpFigure(name, url, rate, latency.get("50", 0.0), latency.get("90", 0.0), latency.get("99", 0.0), errors)
