"""Fixtures of the account tests: English pages, a pending exam year with its calendar, a last-chance candidate."""
import datetime

import pytest

from candidates.models import ExamYear, Sitting
from candidates.tests import factories

D = datetime.date


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def calendar_2026(db):
    """Announce the 2026 calendar, leaving the review notice and certificates unannounced."""
    exam_year = ExamYear.objects.create(
        year=2026, registration_opens_on=D(2026, 7, 1), registration_closes_on=D(2026, 8, 10),
        results_published_on=D(2026, 12, 28),
    )
    Sitting.objects.create(exam_year=exam_year, starts_on=D(2026, 10, 24), ends_on=D(2026, 10, 25))
    return exam_year


@pytest.fixture
def last_chance_a(candidate_a):
    """Give candidate_a a 2023 law pass: under `full` its last sitting is 2026, the pending one."""
    factories.SubjectResultFactory(
        candidate=candidate_a, exam_year=ExamYear.objects.get(year=2023), subject="law", score=72
    )
    return candidate_a
