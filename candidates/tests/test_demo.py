"""`seed_demo` creates every situation the product explains, and a second run changes nothing."""
import pytest
from django.apps import apps
from django.core.management import call_command

from candidates.demo import NAMED, demo_password
from candidates.models import Candidate
from candidates.progress import Situation, assessment_for, situation_of

pytestmark = pytest.mark.django_db

PENDING = 2026
EXPECTED = {
    "qualified": Situation.QUALIFIED,
    "lastchance": Situation.LAST_CHANCE,
    "expired": Situation.EXPIRED,
    "neversat": Situation.NOT_STARTED,
    "exempttwo": Situation.LAST_CHANCE,
    "exemptone": Situation.ON_TRACK,
    "addspecialty": Situation.NOT_STARTED,
    "excused": Situation.QUALIFIED,
    "levelchange": Situation.ON_TRACK,
    "voided": Situation.LAST_CHANCE,
}


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_seed_demo_twice_leaves_the_same_rows_and_history(capsys):
    call_command("seed_demo")
    first = row_counts()
    call_command("seed_demo")
    assert row_counts() == first
    assert "nothing to do" in capsys.readouterr().out
    assert 55 <= first["candidates.Candidate"] <= 65
    assert first["candidates.HistoricalSubjectResult"] == first["candidates.SubjectResult"]


def test_every_named_account_is_in_its_situation_at_the_pending_sitting():
    call_command("seed_demo")
    assert {spec.username for spec in NAMED} == set(EXPECTED)
    for username, situation in EXPECTED.items():
        candidate = Candidate.objects.with_assessment_data().get(user__username=username)
        assert situation_of(assessment_for(candidate, as_of=PENDING)) is situation, username


def test_demo_covers_every_level_excused_year_voided_year_and_attention_mark():
    call_command("seed_demo")
    levels = set(Candidate.objects.values_list("level", flat=True))
    assert levels == {"full", "exempt_one", "exempt_two", "add_specialty"}
    assert Candidate.objects.filter(excused_years__isnull=False).exists()
    assert Candidate.objects.filter(results__voided=True).exists()
    assert Candidate.objects.filter(needs_attention=True).count() >= 2
    assert Candidate.objects.values("province").distinct().count() >= 5


def test_demo_accounts_log_in_with_the_demo_password(client):
    call_command("seed_demo")
    for username in ["admin", "staff", "staff2", "lastchance"]:
        assert client.login(username=username, password=demo_password()), username
