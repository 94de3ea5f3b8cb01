"""End-to-end journeys: a live server with the demo data, each journey in both languages and both sizes."""
import pytest
from django.core.management import call_command

from candidates.demo import demo_password

LANGUAGES = ["zh-hans", "en"]
SIZES = ["phone", "desktop"]


@pytest.fixture
def demo(django_db_serialized_rollback, live_server):
    """Load the demo data into the live server's database (reference data restored after each test)."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
    return demo_password()


def every_language_and_size(test):
    """Run a journey test in Chinese and English, on a phone and a desktop."""
    test = pytest.mark.parametrize("size", SIZES)(test)
    return pytest.mark.parametrize("language", LANGUAGES)(test)
