"""The benchmark's measurements, each returning plain dicts for the report and the JSON file."""
import csv
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse

from candidates import rules
from candidates.models import Candidate, Cohort, ExamYear, ExpiryFlag, School
from candidates.progress import pending_exam_year

from . import ceilings, http
from .pages import logged_in_client, measure_page, persistent_connection
from .population import BENCH_PASSWORD, Population
from .stats import Figure, database_url, repeat, timed

IMPORT_YEAR_OFFSET = 1  # the import loads the last published year, one before the pending sitting


def run_all(population: Population, *, repetitions: int, page_requests: int, import_rows: int,
            http_seconds: int | None, progress: Callable[[str], None]) -> dict:
    """Run every measurement on the loaded population and return {section: figures}."""
    results = {}
    progress("flag refresh …")
    results["refresh"] = measure_refresh(repetitions)
    progress("standing snapshots …")
    results["snapshots"] = measure_snapshots()
    progress("pages …")
    with persistent_connection():
        results["pages"] = measure_pages(population, page_requests)
    progress("import …")
    results["import"] = measure_import(population, import_rows, repetitions)
    if http_seconds:
        progress("HTTP …")
        results["http"] = measure_http(population, http_seconds)
    return results


def _refresh_in_child() -> tuple[float, float]:
    """Run the whole-table refresh in a child process; return (seconds, peak resident MB)."""
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env["DATABASE_URL"] = database_url()
    child = subprocess.Popen(
        [sys.executable, "-m", "candidates.benchmark.refresh_child"], stdout=subprocess.PIPE, env=env,
        cwd=settings.BASE_DIR,
    )
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"the refresh child failed with exit code {child.returncode}")
    return json.loads(output)["seconds"], usage.ru_maxrss / 1024


def measure_refresh(repetitions: int) -> dict:
    """Time the cold refresh (no flag yet) of the whole table against the same-run SQL ceiling."""
    pending = pending_exam_year()
    runs = []
    for _ in range(repetitions):
        ExpiryFlag.objects.all().delete()
        runs.append(_refresh_in_child())
    flags = ExpiryFlag.objects.count()
    candidates = Candidate.objects.count()
    seconds = [seconds for seconds, _ in runs]
    refresh = Figure("flag refresh", "s", sorted(seconds)[len(seconds) // 2], min(seconds), max(seconds),
                     repetitions)
    ceiling = repeat("SQL ceiling", "s", lambda: timed(lambda: ceilings.flag_pass_count(pending)), repetitions)
    return {
        "refresh": refresh.as_dict(),
        "ceiling": ceiling.as_dict(),
        "ratio": refresh.median / ceiling.median,
        "candidates_per_second": candidates / refresh.median,
        "peak_memory_mb": max(memory for _, memory in runs),
        "flags": flags,
        "ceiling_passes": ceilings.flag_pass_count(pending),
    }


def measure_snapshots() -> dict:
    """Time the whole-table refresh of the stored standings from none (the nightly job after a sitting's results
    are published); the pages then read them as they would in production."""
    from candidates.models import StandingSnapshot
    from candidates.tasks import snapshots_refresh_stale_task

    StandingSnapshot.objects.all().delete()
    started = time.perf_counter()
    recomputed = snapshots_refresh_stale_task.apply().get()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "snapshots": recomputed, "candidates_per_second": recomputed / seconds}


def measure_pages(population: Population, requests: int) -> dict:
    """Time each page through the test client with its query count."""
    candidate = logged_in_client(population.candidate_username, BENCH_PASSWORD)
    staff = logged_in_client(population.staff_username, BENCH_PASSWORD)
    pending = pending_exam_year()
    cohort = population.page_cohort_id
    figures = [
        measure_page(candidate, "candidate progress", reverse("candidates:progress"), requests=requests),
        measure_page(candidate, "what-if planner", reverse("candidates:planner"),
                     data={"year": pending, "subjects": [rules.Subject.LAW.value]}, requests=requests),
        measure_page(staff, "cohort dashboard (1,000)", reverse("candidates:staff_cohort_detail", args=[cohort]),
                     requests=requests),
        measure_page(staff, "at-risk list (1,000)", reverse("candidates:staff_at_risk"),
                     data={"cohort": cohort}, requests=requests),
    ]
    upload_pk = _upload_for_preview(staff, population, rows=5000)
    figures.append(measure_page(staff, "import preview (5,000 rows)",
                                reverse("candidates:staff_import_preview", args=[upload_pk]), requests=requests))
    return {figure.name: figure.as_dict() for figure in figures}


def _import_candidates(population: Population, rows: int) -> list[tuple[str, str, str]]:
    """Enrol up to `rows` candidates of no cohort into an import cohort of the staff's school."""
    school = School.objects.get(slug=population.school_slug)
    cohort, _ = Cohort.objects.get_or_create(school=school, name="Bench import cohort",
                                             defaults={"target_exam_year": pending_exam_year()})
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO candidates_enrolment (candidate_id, cohort_id, enrolled_on, left_on, left_reason)"
            " SELECT c.id, %s, CURRENT_DATE, NULL, '' FROM candidates_candidate c"
            " WHERE c.level = 'full' AND NOT EXISTS (SELECT 1 FROM candidates_enrolment e WHERE e.candidate_id = c.id)"
            " ORDER BY c.id LIMIT %s",
            [cohort.pk, rows],
        )
    return list(
        Candidate.objects.filter(enrolments__cohort=cohort).order_by("pk")
        .values_list("id_number", "full_name", "specialty")[:rows]
    )


def results_file(people: list[tuple[str, str, str]], seed: int = 0) -> bytes:
    """Return a results CSV (Chinese headers, UTF-8 with BOM) with one row per person and four scores."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["身份证号", "姓名", "安全生产法律法规", "安全生产管理", "安全生产技术基础", "安全生产专业实务"])
    for n, (id_number, name, _) in enumerate(people):
        scores = [(n * 7 + seed + k * 13) % 101 for k in range(4)]
        writer.writerow([id_number, name, *scores])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _upload_for_preview(staff_client, population: Population, *, rows: int) -> int:
    people = _import_candidates(population, rows)
    content = results_file(people)
    from candidates.models import ImportUpload

    before = set(ImportUpload.objects.values_list("pk", flat=True))
    response = staff_client.post(reverse("candidates:staff_import"), {
        "file": SimpleUploadedFile("results.csv", content, content_type="text/csv"),
        "exam_year": _import_year(), "kind": "results",
    })
    if response.status_code not in (200, 302):
        raise RuntimeError(f"the import upload answered {response.status_code}")
    created = set(ImportUpload.objects.values_list("pk", flat=True)) - before
    if not created:
        raise RuntimeError("the import upload was refused: " + response.content.decode()[:500])
    return created.pop()


def _import_year() -> int:
    return ExamYear.objects.published().order_by("-year").values_list("year", flat=True).first()


def measure_import(population: Population, rows: int, repetitions: int) -> dict:
    """Time a results file end to end (parse, validate, preview, confirm with history), rolled back after each run."""
    from django.contrib.auth import get_user_model

    from candidates.imports.outcome import ImportOutcome
    from candidates.services.imports import results_import_confirm, upload_store

    people = _import_candidates(population, rows)
    content = results_file(people, seed=3)
    staff = get_user_model().objects.get(username=population.staff_username)
    school = School.objects.get(slug=population.school_slug)
    year = _import_year()

    def end_to_end() -> float:
        with transaction.atomic():
            def run():
                upload = upload_store(content=content, name="results.csv", exam_year=year, school=school, by=staff)
                outcome = ImportOutcome(upload)  # validated once, at upload
                if outcome.file_error or outcome.error_count:
                    raise RuntimeError(f"the benchmark file has errors: {outcome.file_error or outcome.errors()[:3]}")
                results_import_confirm(upload=upload, by=staff)

            seconds = timed(run)
            transaction.set_rollback(True)
        return len(people) / seconds

    figure = repeat("import end to end", "rows/s", end_to_end, repetitions, extra={"rows": len(people)})
    copy_rows = _copy_rows(people, year)
    ceiling = repeat("COPY ceiling", "rows/s",
                     lambda: len(people) / timed(lambda: ceilings.copy_results(copy_rows)), repetitions)
    return {"import": figure.as_dict(), "ceiling": ceiling.as_dict(), "rows": len(people)}


def _copy_rows(people, year) -> list[tuple]:
    from django.utils import timezone

    now = timezone.now()
    ids = dict(Candidate.objects.filter(id_number__in=[p[0] for p in people]).values_list("id_number", "pk"))
    rows = []
    for n, (id_number, _, specialty) in enumerate(people):
        for k, subject in enumerate(rules.LEVEL_SUBJECTS[rules.Level.FULL]):
            score = (n * 7 + 3 + k * 13) % 101
            rows.append((ids[id_number], year, subject.value, specialty if subject is rules.Subject.PRACTICE else "",
                         score, "", score >= 60, "import", False, "", now, now))
    return rows


def measure_http(population: Population, seconds: int) -> dict:
    """Load the progress page and the one-lookup reference view through gunicorn with wrk."""
    session = http.session_cookie_for(population.candidate_username)
    candidate_pk = Candidate.objects.get(user__username=population.candidate_username).pk
    with http.gunicorn(workers=2) as base:
        reference = http.wrk("one-lookup view", f"{base}/bench/card/{candidate_pk}/", session, duration=seconds)
        progress = http.wrk("candidate progress", f"{base}{reverse('candidates:progress')}", session,
                            duration=seconds)
    return {
        "progress": progress.as_dict(),
        "reference": reference.as_dict(),
        "ratio": progress.requests_per_second / reference.requests_per_second if reference.requests_per_second else 0,
    }
