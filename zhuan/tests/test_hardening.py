"""Production hardening: deploy checks, no inline code for the CSP, no caching, no personal numbers in URLs or logs."""
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from zhuan.logging import MaskPersonalNumbersFilter, mask_personal_numbers

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *(ROOT.glob("*/templates"))]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+=\"", re.IGNORECASE)


def templates():
    return sorted(path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html"))


def test_production_settings_pass_the_deploy_checks_at_warning_level():
    environment = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "zhuan.settings.production",
        "SECRET_KEY": "x" * 30 + "-deploy-check-only-" + "y" * 30, "ALLOWED_HOSTS": "zhuan.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_template_has_inline_scripts_styles_or_event_handlers():
    offenders = []
    for path in templates():
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, INLINE_HANDLER):
            offenders += [f"{path.relative_to(ROOT)}: {match.group(0)}" for match in pattern.finditer(text)]
    assert not offenders, offenders


@pytest.mark.django_db
def test_the_policy_allows_only_this_sites_scripts_and_styles(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"


@pytest.mark.django_db
def test_anonymous_pages_and_private_feeds_are_not_stored_either(candidate_a, client):
    assert "no-store" in client.get(reverse("login"))["Cache-Control"]
    assert client.get(reverse("password_reset_done"))["Cache-Control"] == "no-store, private"
    feed = client.get(reverse("candidates:calendar_feed", args=[candidate_a.calendar_token]))
    assert feed.status_code == 200 and "no-store" in feed["Cache-Control"]


def url_routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route


def test_no_url_carries_an_id_number_or_a_mobile_number():
    suspicious = [route for route in url_routes() if re.search(r"id_number|idnumber|mobile|phone|身份证", route)]
    assert not suspicious, suspicious


def test_no_get_form_asks_for_an_id_number_or_a_mobile_number():
    offenders = []
    for path in templates():
        text = path.read_text(encoding="utf-8")
        for form in re.findall(r"<form\b[^>]*method=\"get\"[^>]*>.*?</form>", text, re.IGNORECASE | re.DOTALL):
            if re.search(r"name=\"(id_number|mobile)\"", form):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders


@pytest.mark.parametrize(("text", "masked"), [
    ("id 11010519700101101X tel 13912345678", "id 110105********101X tel 139****5678"),
    ("11010519700101101x,13912345678.", "110105********101x,139****5678."),
    ("order 1234567890123456789012 stays", "order 1234567890123456789012 stays"),
    ("/school/candidates/42/", "/school/candidates/42/"),
])
def test_personal_numbers_are_masked_and_nothing_else(text, masked):
    assert mask_personal_numbers(text) == masked


def test_tracebacks_are_masked_in_the_log():
    record = None
    try:
        raise ValueError("bad row 110105197001011014 / 13912345678")
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
                                   ("/me/",), sys.exc_info())
    assert MaskPersonalNumbersFilter().filter(record)
    output = logging.Formatter().format(record)
    assert "110105197001011014" not in output and "13912345678" not in output
    assert "110105********1014" in output


def test_the_console_log_handler_masks_personal_numbers():
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler))
    assert any(isinstance(f, MaskPersonalNumbersFilter) for f in handler.filters)


@pytest.mark.django_db
def test_a_server_error_is_logged_masked_and_shows_the_plain_500_page(candidate_a, caplog):
    from django.urls import clear_url_caches, path

    import zhuan.urls

    def boom(request):
        raise RuntimeError("lookup of 110105197001011014 failed")

    zhuan.urls.urlpatterns.append(path("boom-hardening/", boom))
    clear_url_caches()
    try:
        client = Client(raise_request_exception=False)
        client.force_login(candidate_a.user)
        with caplog.at_level(logging.ERROR, logger="django.request"):
            response = client.get("/boom-hardening/")
    finally:
        zhuan.urls.urlpatterns.pop()
        clear_url_caches()
    assert response.status_code == 500
    body = response.content.decode()
    assert "110105197001011014" not in body and "RuntimeError" not in body and "<h1" in body
    handler_filter = MaskPersonalNumbersFilter()
    for record in caplog.records:
        handler_filter.filter(record)
        assert "110105197001011014" not in logging.Formatter().format(record)
