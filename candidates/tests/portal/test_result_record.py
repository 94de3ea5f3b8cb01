"""result_record: one subject saved with history and the results_changed signal; verified rows stay as they are."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from candidates.forms.portal import NOTHING_ENTERED
from candidates.models import SubjectResult
from candidates.services.results import result_record
from candidates.signals import results_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def signals():
    sent = []

    def receiver(sender, candidate_ids, **kwargs):
        sent.append(list(candidate_ids))

    results_changed.connect(receiver, dispatch_uid="test-result-record")
    yield sent
    results_changed.disconnect(dispatch_uid="test-result-record")


def test_recording_a_score_saves_a_pass_with_history_and_signals(candidate_a, signals):
    row = result_record(candidate=candidate_a, exam_year=2024, subject="law", specialty="", score=61, code="",
                        by=candidate_a.user)
    assert (row.passed, row.source, row.entered_by, row.verified_at) == (True, "candidate", candidate_a.user, None)
    assert row.history.first().history_user == candidate_a.user
    assert signals == [[candidate_a.pk]]


def test_recording_again_changes_the_row_and_keeps_the_old_value_in_history(candidate_a):
    result_record(candidate=candidate_a, exam_year=2024, subject="law", score=50, by=candidate_a.user)
    row = result_record(candidate=candidate_a, exam_year=2024, subject="law", score=70, by=candidate_a.user)
    assert candidate_a.results.count() == 1 and row.passed
    assert [entry.score for entry in row.history.all()] == [70, 50]


def test_a_verified_row_is_not_changed_by_the_candidate(candidate_a, staff1):
    verified = SubjectResult.objects.create(candidate=candidate_a, exam_year_id=2024, subject="law", score=66,
                                            source="staff", verified_by=staff1, verified_at=timezone.now())
    result_record(candidate=candidate_a, exam_year=2024, subject="law", score=10, by=candidate_a.user)
    verified.refresh_from_db()
    assert verified.score == 66


def test_a_score_and_a_code_together_are_refused_and_nothing_is_saved(candidate_a, signals):
    with pytest.raises(ValidationError):
        result_record(candidate=candidate_a, exam_year=2024, subject="law", score=70, code="absent",
                      by=candidate_a.user)
    assert not candidate_a.results.exists() and signals == []


def test_an_empty_year_form_asks_for_at_least_one_subject(client, candidate_a, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(candidate_a.user)
    response = client.post(reverse("candidates:result_add", args=[2024]), {"practice_specialty": "chemical"})
    assert response.status_code == 200
    assert str(NOTHING_ENTERED) in response.context["form"].non_field_errors()
    assert not candidate_a.results.exists()


def test_a_crafted_post_cannot_reach_another_candidates_year(client, candidate_a, candidate_b):
    theirs = SubjectResult.objects.create(candidate=candidate_b, exam_year_id=2024, subject="law", score=66,
                                          source="candidate")
    client.force_login(candidate_a.user)
    client.post(reverse("candidates:result_add", args=[2024]),
                {"law_score": "1", "candidate": candidate_b.pk, "candidate_id": candidate_b.pk, "pk": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.score == 66
    assert candidate_a.results.get().score == 1
