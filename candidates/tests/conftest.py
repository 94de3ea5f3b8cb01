"""Shared fixtures of the candidates tests: the demo data with 2026 as the pending sitting, whatever today is."""
import pytest
from django.core.management import call_command

from candidates.models import ExamYear


@pytest.fixture
def demo(db):
    """Load the demo data; keep 2026 unpublished so the pending sitting is 2026 on any date."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    ExamYear.objects.filter(year=2026).update(results_published_on=None)


@pytest.fixture
def logged_in(client):
    """Return a function that logs the test client in as a demo user."""
    def login(username: str):
        client.force_login(__import__("django.contrib.auth", fromlist=["get_user_model"]).get_user_model()
                           .objects.get(username=username))
        return client
    return login
