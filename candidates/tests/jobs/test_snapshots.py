"""Stored standings agree with the rules, are deleted whenever an input changes, and are recomputed when stale."""
import random

import pytest
from django.urls import reverse

from candidates.models import Candidate, ExamYear, ExcusedYear, StandingSnapshot, SubjectResult
from candidates.progress import assessments_for, pending_exam_year, situation_of
from candidates.roster import school_roster
from candidates.services.results import result_record
from candidates.services.snapshots import (
    lapsing_passes,
    remaining_subjects,
    snapshots_bring_current,
    snapshots_refresh,
    snapshots_refresh_stale,
)
from candidates.signals import results_changed
from candidates.tasks import snapshots_refresh_stale_task
from candidates.tests import factories

from .test_flags import random_population

pytestmark = pytest.mark.django_db


def assert_snapshots_agree_with_the_rules(candidates) -> None:
    candidates = list(candidates)
    as_of = pending_exam_year()
    assessed = assessments_for(candidates, as_of=as_of)
    snapshots = StandingSnapshot.objects.in_bulk([candidate.pk for candidate in candidates])
    assert len(snapshots) == len(candidates)
    for candidate in candidates:
        assessment, snapshot = assessed[candidate.pk], snapshots[candidate.pk]
        assert snapshot.as_of == as_of
        assert snapshot.situation == situation_of(assessment).value
        assert set(remaining_subjects(snapshot)) == set(assessment.remaining)
        assert snapshot.remaining_count == len(assessment.remaining)
        assert snapshot.deadline == assessment.deadline
        assert set(lapsing_passes(snapshot)) == {(s.pass_year, s.subject) for s in assessment.lapsing}


@pytest.mark.parametrize("seed", [1, 2])
def test_snapshots_agree_with_the_rules_on_random_candidates(seed, administrator):
    random_population(random.Random(seed), 150, administrator)
    assert snapshots_refresh_stale() == Candidate.objects.count()
    assert_snapshots_agree_with_the_rules(Candidate.objects.all())
    situations = set(StandingSnapshot.objects.values_list("situation", flat=True))
    assert {"last_chance", "on_track", "qualified"} <= situations, "the population covers the main situations"


def test_the_whole_table_refresh_run_twice_recomputes_nothing_the_second_time(administrator):
    random_population(random.Random(5), 40, administrator)
    assert snapshots_refresh_stale_task.delay().get() == 40
    before = list(StandingSnapshot.objects.order_by("pk").values())
    assert snapshots_refresh_stale_task.delay().get() == 0
    assert list(StandingSnapshot.objects.order_by("pk").values()) == before


def test_the_whole_table_refresh_scans_every_id_range(administrator, monkeypatch):
    monkeypatch.setattr("candidates.services.snapshots.SCAN", 7)
    monkeypatch.setattr("candidates.services.snapshots.BATCH", 3)
    random_population(random.Random(6), 25, administrator)
    assert snapshots_refresh_stale() == 25
    assert_snapshots_agree_with_the_rules(Candidate.objects.all())


@pytest.fixture
def snapshotted():
    """A candidate with a law pass two sittings ago, whose snapshot is current."""
    candidate = factories.CandidateFactory(level="full", specialty="chemical")
    factories.SubjectResultFactory(candidate=candidate, exam_year_id=pending_exam_year() - 2, subject="law", score=70)
    snapshots_refresh([candidate.pk])
    assert StandingSnapshot.objects.filter(candidate=candidate).exists()
    return candidate


def has_snapshot(candidate) -> bool:
    return StandingSnapshot.objects.filter(candidate=candidate).exists()


def test_a_result_recorded_through_the_service_deletes_the_snapshot(snapshotted, administrator):
    result_record(candidate=snapshotted, exam_year=pending_exam_year() - 1, subject="management", score=80,
                  by=administrator, source="staff")
    assert not has_snapshot(snapshotted)


def test_a_result_saved_or_deleted_through_the_orm_deletes_the_snapshot(snapshotted):
    result = SubjectResult.objects.get(candidate=snapshotted)
    result.voided, result.void_reason = True, "审核未通过"
    result.save()
    assert not has_snapshot(snapshotted)
    snapshots_refresh([snapshotted.pk])
    result.delete()
    assert not has_snapshot(snapshotted)


def test_a_bulk_write_announced_by_results_changed_deletes_the_snapshot(snapshotted):
    results_changed.send(sender=SubjectResult, candidate_ids=[snapshotted.pk])
    assert not has_snapshot(snapshotted)


def test_an_excused_year_granted_or_withdrawn_deletes_the_snapshot(snapshotted, administrator):
    excused = ExcusedYear.objects.create(candidate=snapshotted, exam_year=2022, reason="application",
                                         granted_by=administrator)
    assert not has_snapshot(snapshotted)
    snapshots_refresh([snapshotted.pk])
    excused.delete()
    assert not has_snapshot(snapshotted)


def test_a_new_level_or_specialty_deletes_the_snapshot_other_fields_do_not(snapshotted):
    snapshotted.mobile = "13900000001"
    snapshotted.save(update_fields=["mobile"])
    assert has_snapshot(snapshotted)
    snapshotted.level = "exempt_two"
    snapshotted.save(update_fields=["level"])
    assert not has_snapshot(snapshotted)
    snapshots_refresh([snapshotted.pk])
    snapshotted.specialty = "coal"
    snapshotted.save()
    assert not has_snapshot(snapshotted)


def test_snapshots_of_another_pending_sitting_are_stale_and_recomputed_on_read(snapshotted):
    pending = pending_exam_year()
    StandingSnapshot.objects.filter(candidate=snapshotted).update(as_of=pending - 1, situation="qualified")
    roster = Candidate.objects.filter(pk=snapshotted.pk)
    assert snapshots_bring_current(roster, as_of=pending) == 1
    assert_snapshots_agree_with_the_rules([snapshotted])
    assert snapshots_bring_current(roster, as_of=pending) == 0


def test_the_at_risk_list_follows_a_sitting_becoming_pending(client, staff1, school1):
    """Published results move the pending sitting: a law pass in its last year before lapses after."""
    cohort = factories.CohortFactory(school=school1)
    latest = ExamYear.objects.order_by("year").last()
    published_on = latest.results_published_on
    ExamYear.objects.filter(pk=latest.pk).update(results_published_on=None)
    pending = pending_exam_year()
    assert pending == latest.year
    candidate = factories.CandidateFactory(level="full", full_name="将过期")
    factories.EnrolmentFactory(candidate=candidate, cohort=cohort)
    factories.SubjectResultFactory(candidate=candidate, exam_year_id=pending - 3, subject="law", score=70)
    client.force_login(staff1)
    url = reverse("candidates:staff_at_risk")
    entries = client.get(url, {"cohort": cohort.pk}).context["page"].object_list
    assert [entry.situation for entry in entries] == ["last_chance"]
    ExamYear.objects.filter(pk=latest.pk).update(results_published_on=published_on)
    assert pending_exam_year() == pending + 1
    entries = client.get(url, {"cohort": cohort.pk}).context["page"].object_list
    assert [entry.situation for entry in entries] == ["expired"]


def test_a_result_entered_after_a_visit_shows_on_the_next_visit(client, staff1, school1, administrator):
    cohort = factories.CohortFactory(school=school1)
    candidate = factories.CandidateFactory(level="exempt_two", specialty="chemical")
    factories.EnrolmentFactory(candidate=candidate, cohort=cohort)
    client.force_login(staff1)
    url = reverse("candidates:staff_cohort_detail", args=[cohort.pk])
    counts = dict(client.get(url).context["counts"])
    assert counts["not_started"] == 1
    pending = pending_exam_year()
    for subject in ("law", "practice"):
        result_record(candidate=candidate, exam_year=pending - 1, subject=subject, score=80, by=administrator,
                      source="staff", specialty="chemical" if subject == "practice" else "")
    counts = dict(client.get(url).context["counts"])
    assert counts["qualified"] == 1 and counts["not_started"] == 0


def test_the_roster_brings_only_its_own_candidates_current(school1, school2):
    mine = factories.CohortFactory(school=school1)
    theirs = factories.CohortFactory(school=school2)
    for cohort in (mine, theirs):
        factories.EnrolmentFactory(candidate=factories.CandidateFactory(), cohort=cohort)
    assert len(school_roster(school1, cohort=mine)) == 1
    assert StandingSnapshot.objects.count() == 1
