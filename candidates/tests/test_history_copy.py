"""`history_copy` writes the records django-simple-history's own bulk path would write, straight from the table."""
import pytest
from django.utils import timezone

from candidates.models import SubjectResult
from candidates.models.choices import Subject
from candidates.services.history import history_copy
from candidates.tests import factories

pytestmark = pytest.mark.django_db


def tracked(record) -> dict:
    return {field.attname: getattr(record, field.attname) for field in SubjectResult.history.model.tracked_fields}


def test_history_copy_matches_simple_historys_bulk_records(staff1):
    candidates = [factories.CandidateFactory() for _ in range(3)]
    rows = SubjectResult.objects.bulk_create([
        SubjectResult(candidate=candidate, exam_year_id=2024, subject=Subject.LAW, score=61 + n, passed=True,
                      source="import", entered_by=staff1)
        for n, candidate in enumerate(candidates)
    ])
    when = timezone.now()
    assert history_copy(SubjectResult, [row.pk for row in rows], history_type="+", by=staff1, reason="import",
                        when=when) == 3
    copied = {record.id: record for record in SubjectResult.history.all()}
    expected = SubjectResult.history.bulk_history_create(rows, default_user=staff1, default_change_reason="import",
                                                         default_date=when)
    for record in expected:
        mine = copied[record.id]
        assert tracked(mine) == tracked(record)
        assert (mine.history_type, mine.history_user_id, mine.history_change_reason, mine.history_date) == (
            "+", staff1.pk, "import", when)


def test_history_copy_records_changes_in_batches_and_nothing_for_no_ids(staff1, monkeypatch):
    monkeypatch.setattr("candidates.services.history.BATCH", 2)
    rows = [factories.SubjectResultFactory() for _ in range(5)]
    SubjectResult.history.all().delete()
    SubjectResult.objects.filter(pk__in=[row.pk for row in rows]).update(score=99)
    assert history_copy(SubjectResult, [row.pk for row in rows], history_type="~", by=None, reason="import",
                        when=timezone.now()) == 5
    assert set(SubjectResult.history.values_list("history_type", "score")) == {("~", 99)}
    assert history_copy(SubjectResult, [], history_type="~", by=staff1, reason="import", when=timezone.now()) == 0
