"""A synthetic national population for the benchmark, loaded with PostgreSQL's COPY.

Shape: every level and specialty, results spread over 2019 to the last published year with about 45% passes,
a few excused and voided years, schools with cohorts of 30–1,000 candidates. Deterministic for a given seed.
"""
import datetime
import random
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from candidates import rules
from candidates.models import Cohort, ExamYear, Province, School, StaffMembership
from candidates.validators import id_number_check_character

LEVEL_WEIGHTS = {rules.Level.FULL: 60, rules.Level.EXEMPT_ONE: 10, rules.Level.EXEMPT_TWO: 15,
                 rules.Level.ADD_SPECIALTY: 15}
SPECIALTY_WEIGHTS = {rules.Specialty.CHEMICAL: 25, rules.Specialty.CONSTRUCTION: 30, rules.Specialty.OTHER: 15,
                     rules.Specialty.COAL: 8, rules.Specialty.METAL_NONMETAL_MINE: 8, rules.Specialty.METALLURGY: 7,
                     rules.Specialty.ROAD_TRANSPORT: 7}
PASS_RATE = 0.45
BENCH_PASSWORD = "zhuan-bench"  # noqa: S105 - synthetic accounts in a throwaway benchmark database
PAGE_COHORT_SIZE = 1000

CANDIDATE_COLUMNS = (
    "id", "full_name", "id_number", "mobile", "email", "province_id", "level", "specialty", "held_specialty",
    "education", "major", "notes", "needs_attention", "attention_reason", "calendar_token", "created_at", "updated_at",
)
RESULT_COLUMNS = (
    "candidate_id", "exam_year_id", "subject", "specialty", "score", "code", "passed", "source", "voided",
    "void_reason", "created_at", "updated_at",
)


def synthetic_id_number(n: int) -> str:
    """Return a distinct valid ID number for each n: a thousand sequence numbers per birth day from 1960 on."""
    days, sequence = divmod(n, 1000)
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=days)
    first_17 = f"110105{birth:%Y%m%d}{sequence:03d}"
    return first_17 + id_number_check_character(first_17)


@dataclass
class Population:
    """What `generate` made: the handles the measurements need."""

    candidates: int = 0
    results: int = 0
    excused: int = 0
    page_cohort_id: int | None = None
    staff_username: str = "bench-staff"
    candidate_username: str = "bench-candidate"
    school_slug: str = "bench-school-0"
    cohort_sizes: list[int] = field(default_factory=list)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _candidate_results(rng: random.Random, level: rules.Level, specialty: str, last_year: int) -> Iterator[tuple]:
    window = rules.WINDOW[level]
    first = rng.randint(rules.FIRST_EXAM_YEAR, last_year)
    passed: set[rules.Subject] = set()
    for year in range(first, min(first + window + 1, last_year) + 1):
        if year > first and rng.random() > 0.7:
            continue
        for subject in rules.LEVEL_SUBJECTS[level]:
            if subject in passed or rng.random() > 0.72:
                continue
            roll = rng.random()
            if roll < 0.05:
                yield year, subject, None, "absent", False
            elif roll < 0.05 + PASS_RATE:
                passed.add(subject)
                yield year, subject, rng.randint(60, 95), "", True
            else:
                yield year, subject, rng.randint(15, 59), "", False


def _copy(table: str, columns: tuple[str, ...], rows) -> int:
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def wipe() -> None:
    """Empty every table the population fills (the benchmark database only)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE candidates_subjectresult, candidates_historicalsubjectresult, candidates_excusedyear,"
            " candidates_historicalexcusedyear, candidates_enrolment, candidates_historicalenrolment,"
            " candidates_expiryflag, candidates_notification, candidates_candidate, candidates_historicalcandidate,"
            " candidates_cohort, candidates_historicalcohort, candidates_staffmembership,"
            " candidates_historicalstaffmembership, candidates_school RESTART IDENTITY CASCADE"
        )
        cursor.execute("DELETE FROM auth_user WHERE username LIKE 'bench-%%'")


def generate(*, scale: int, seed: int = 2026) -> Population:
    """Wipe and load `scale` candidates with their results, excused years, schools and cohorts."""
    if connection.vendor != "postgresql":
        raise RuntimeError("the benchmark population is loaded with COPY: point DATABASE_URL at PostgreSQL")
    rng = random.Random(seed)
    now = timezone.now()
    last_year = ExamYear.objects.published().order_by("-year").values_list("year", flat=True).first()
    provinces = list(Province.objects.values_list("pk", flat=True))
    population = Population()
    wipe()
    admin, _ = get_user_model().objects.get_or_create(username="bench-admin", defaults={"is_superuser": True})
    levels: dict[int, tuple[rules.Level, str]] = {}

    def candidate_rows():
        for n in range(1, scale + 1):
            level = _weighted(rng, LEVEL_WEIGHTS)
            specialty = _weighted(rng, SPECIALTY_WEIGHTS)
            held = ""
            if level is rules.Level.ADD_SPECIALTY:
                held = rules.Specialty.OTHER if specialty != rules.Specialty.OTHER else rules.Specialty.CHEMICAL
            levels[n] = (level, specialty)
            yield (n, f"考生{n}", synthetic_id_number(n), f"13{n % 1000000000:09d}", "", rng.choice(provinces),
                   level.value, specialty.value, held, "", "", "", False, "", secrets.token_urlsafe(24), now, now)

    def result_rows():
        for n, (level, specialty) in levels.items():
            voided_year = rng.randint(2019, last_year) if rng.random() < 0.002 else None
            for year, subject, score, code, passed in _candidate_results(rng, level, specialty, last_year):
                voided = year == voided_year
                yield (n, year, subject.value, specialty.value if subject is rules.Subject.PRACTICE else "", score,
                       code, passed, "import", voided, "考后审核未通过" if voided else "", now, now)
                population.results += 1

    def excused_rows():
        for n in range(1, scale + 1):
            if rng.random() < 0.02:
                population.excused += 1
                yield n, rng.choice((2020, 2021, 2022)), "application", "", admin.pk, now

    with transaction.atomic():
        population.candidates = _copy("candidates_candidate", CANDIDATE_COLUMNS, candidate_rows())
        _copy("candidates_subjectresult", RESULT_COLUMNS, result_rows())
        _copy("candidates_excusedyear", ("candidate_id", "exam_year", "reason", "note", "granted_by_id", "granted_at"),
              excused_rows())
        _load_schools(rng, scale, population)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('candidates_candidate', 'id'), %s)", [max(scale, 1)]
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return population


def _load_schools(rng: random.Random, scale: int, population: Population) -> None:
    """Enrol about 70% of the candidates in cohorts of 30–1,000 at schools of about 5,000 candidates."""
    user_model = get_user_model()
    enrolled = int(scale * 0.7)
    sizes, total = [], 0
    if enrolled >= PAGE_COHORT_SIZE:
        sizes.append(PAGE_COHORT_SIZE)
        total = PAGE_COHORT_SIZE
    while total < enrolled:
        size = min(rng.randint(30, 1000), enrolled - total)
        sizes.append(size)
        total += size
    population.cohort_sizes = sizes
    schools = [School(name=f"Bench school {i}", slug=f"bench-school-{i}") for i in range(max(1, enrolled // 5000))]
    School.objects.bulk_create(schools)
    cohorts = [
        Cohort(school=schools[i * len(schools) // max(len(sizes), 1)], name=f"Cohort {i}", target_exam_year=2026)
        for i in range(len(sizes))
    ]
    Cohort.objects.bulk_create(cohorts)
    population.page_cohort_id = cohorts[0].pk if cohorts else None

    def enrolment_rows():
        first = 1
        today = timezone.localdate()
        for cohort, size in zip(cohorts, sizes, strict=True):
            for candidate_id in range(first, first + size):
                yield candidate_id, cohort.pk, today, None, ""
            first += size

    _copy("candidates_enrolment", ("candidate_id", "cohort_id", "enrolled_on", "left_on", "left_reason"),
          enrolment_rows())
    staff = user_model.objects.create_user(population.staff_username, password=BENCH_PASSWORD)
    StaffMembership.objects.create(user=staff, school=schools[0], role=StaffMembership.Role.MANAGER)
    candidate_user = user_model.objects.create_user(population.candidate_username, password=BENCH_PASSWORD)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE candidates_candidate SET user_id = %s WHERE id = 1", [candidate_user.pk])


def describe() -> Population:
    """Return the handles of the population already loaded (for `bench --skip-generate`)."""
    from candidates.models import Candidate, ExcusedYear, SubjectResult

    cohorts = Cohort.objects.filter(school__slug__startswith="bench-school-").exclude(name="Bench import cohort")
    first = cohorts.order_by("pk").first()
    return Population(
        candidates=Candidate.objects.count(),
        results=SubjectResult.objects.count(),
        excused=ExcusedYear.objects.count(),
        page_cohort_id=first.pk if first else None,
    )
