"""Project-wide test set-up: the `services` marker and the REQUIRE_SERVICES switch."""
import os

import pytest

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"

# The role fixtures every access test walks (two candidates, two schools' staff, administrators), for every app.
pytest_plugins = ["candidates.tests.fixtures"]


def require_service(available: bool, what: str) -> None:
    """Skip the calling test when `what` is missing, or fail it under REQUIRE_SERVICES=1."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required (REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{what} not available")


@pytest.fixture(autouse=True)
def _no_signup_attempts_counted():
    """Start every test with no sign-up attempts counted for the test client's address.

    The count lives in the cache, which (on Redis) outlives a test's database transaction.
    """
    from django.core.cache import cache

    from candidates.views.account.signup import attempts_key

    cache.delete(attempts_key("127.0.0.1"))


# --- browser tests: Playwright driving Debian's chromium ----------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
ARTIFACTS = os.path.join(os.path.dirname(__file__), "artifacts", "screenshots")


@pytest.fixture(scope="session")
def chromium():
    """Launch Debian's chromium once per session (never a downloaded browser)."""
    require_service(os.path.exists(CHROMIUM), f"chromium at {CHROMIUM}")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


_CATALOGUE: dict[str, str] = {}


def catalogue_pairs() -> dict[str, str]:
    """Return {English msgid: Chinese msgstr} of every catalogue whose translation differs from the msgid."""
    if not _CATALOGUE:
        import gettext
        import glob

        for path in glob.glob(os.path.join(os.path.dirname(__file__), "locale", "*", "zh_Hans", "LC_MESSAGES", "*.mo")):
            with open(path, "rb") as compiled:
                messages = gettext.GNUTranslations(compiled)._catalog
            _CATALOGUE.update(
                {msgid: msgstr for msgid, msgstr in messages.items()
                 if isinstance(msgid, str) and msgid and msgstr != msgid and "%(" not in msgid}
            )
    return _CATALOGUE


class Journey:
    """A browser page with a language and viewport, saving a numbered screenshot of every step."""

    def __init__(self, browser, base_url: str, name: str, language: str, size: str):
        self.base_url, self.name, self.language, self.size = base_url, name, language, size
        viewport = PHONE if size == "phone" else DESKTOP
        self.context = browser.new_context(viewport=viewport, locale="zh-CN" if language == "zh-hans" else "en-US")
        self.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.step = 0
        self.folder = os.path.join(ARTIFACTS, name)
        os.makedirs(self.folder, exist_ok=True)

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        return response

    def shot(self, label: str) -> str:
        """Save a full-page screenshot and check the page does not scroll sideways on a phone."""
        self.step += 1
        path = os.path.join(self.folder, f"{self.language}-{self.size}-{self.step:02d}-{label}.png")
        self.page.screenshot(path=path, full_page=True)
        if self.size == "phone":
            overflow = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{label}: the page scrolls {overflow}px sideways on a phone"
        return path

    def check_accessibility_basics(self) -> None:
        """Check landmarks, exactly one h1, a label for every visible input and a visible focus outline."""
        page = self.page
        assert page.locator("main").count() == 1, "a page has one <main> landmark"
        assert page.locator("header nav, nav").count() >= 1, "a page has a navigation landmark"
        assert page.locator("h1").count() == 1, "a page has exactly one h1"
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input, select, textarea')]
                .filter(el => el.type !== 'hidden' && el.type !== 'submit' && el.type !== 'button')
                .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                              && !el.getAttribute('aria-labelledby'))
                .map(el => el.name || el.id)"""
        )
        assert not unlabelled, f"inputs without a label: {unlabelled}"

    def check_focus_visible(self) -> None:
        """Tab to the first focusable element and check that focus draws an outline or a shadow."""
        self.page.keyboard.press("Tab")
        visible = self.page.evaluate(
            """() => { const el = document.activeElement; if (!el || el === document.body) return false;
                       const css = getComputedStyle(el);
                       return (css.outlineStyle !== 'none' && parseFloat(css.outlineWidth) > 0)
                              || (css.boxShadow && css.boxShadow !== 'none'); }"""
        )
        assert visible, "the focused element shows no outline or shadow"

    def check_translated(self) -> None:
        """Check the page shows no message of the other language: a Chinese page no English msgid, and back."""
        text = self.page.locator("body").inner_text()
        if self.language == "zh-hans":
            leaks = [msgid for msgid in catalogue_pairs() if len(msgid.split()) >= 3 and msgid in text]
        else:
            leaks = [msgstr for msgstr in catalogue_pairs().values() if len(msgstr) >= 4 and msgstr in text]
        assert not leaks, f"{self.page.url} shows untranslated text: {leaks[:5]}"

    def login(self, username: str, password: str) -> None:
        self.goto("/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.locator("main form button[type=submit]").click()
        self.page.wait_for_load_state()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def journey(chromium, live_server):
    """Open journeys (name, language, size) against the live server; closed at the end of the test."""
    opened = []

    def open_journey(name: str, language: str = "zh-hans", size: str = "desktop") -> Journey:
        opened.append(Journey(chromium, live_server.url, name, language, size))
        return opened[-1]

    yield open_journey
    for item in opened:
        item.close()
