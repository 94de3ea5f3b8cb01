"""The expiry-flag refresh: set-based SQL over a range of candidate ids, the same rules as `rules.assess`.

For the candidates in [first_id, last_id] it computes, in the database:

1. every counting pass (passed, not voided, of a subject of the candidate's level, `practice` only in the
   candidate's specialty, not after the pending sitting) with its last valid exam year. Excused years extend
   it exactly as `rules.valid_through` does: with e_1 < e_2 < … the excused years after the pass, the pass is
   extended once for each i with e_i - (i - 1) <= pass_year + window - 1 (that sequence never decreases, so
   the extensions are a prefix, which is what walking the years in order gives);
2. which candidates are qualified (some pass year Y at which every subject of the level has a pass valid in Y,
   read from a running maximum of each subject's last valid year over the candidate's passes in year order),
   only for the candidates that could hold a flag (a latest pass whose last valid year is the pending sitting or
   the one before, or an open flag to resolve): the costliest step then runs on a fraction of the range;
3. the flags that should be open: for an active candidate (with a login or a current enrolment) who is not
   qualified, the latest pass of a subject whose last valid year is the pending sitting (last chance) or the
   sitting before it (expired since);

then raises the missing flags (ON CONFLICT DO NOTHING against the unique constraint, so two workers never
duplicate one), reopens flags that apply again, and resolves open flags that no longer apply with the reason.
Nothing loops over candidates in Python; a range costs a fixed number of statements.
"""
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from candidates import rules
from candidates.models import Candidate, ExpiryFlag
from candidates.progress import pending_exam_year

DEFAULT_CHUNK = 50_000


@dataclass
class RefreshReport:
    """How many flags a refresh raised (or reopened) and resolved."""

    raised: int = 0
    resolved: int = 0

    def __add__(self, other: "RefreshReport") -> "RefreshReport":
        return RefreshReport(self.raised + other.raised, self.resolved + other.resolved)

    def as_dict(self) -> dict:
        return {"raised": self.raised, "resolved": self.resolved}


def chunk_size() -> int:
    return getattr(settings, "FLAG_REFRESH_CHUNK", DEFAULT_CHUNK)


def _subject_bit(subject: rules.Subject) -> int:
    return 1 << list(rules.Subject).index(subject)


def _level_subject_values() -> str:
    """Return a VALUES list of (level, subject, window, the bits of the level's subjects)."""
    rows = [
        f"('{level.value}', '{subject.value}', {rules.WINDOW[level]}, {sum(_subject_bit(s) for s in subjects)})"
        for level, subjects in rules.LEVEL_SUBJECTS.items()
        for subject in subjects
    ]
    return ", ".join(rows)


# Every interpolated piece below comes from the rules' constants; values are bound parameters.
VALID_PASSES_SQL = """
CREATE TEMP TABLE flag_valid AS
WITH level_subject (level, subject, window_years, level_bits) AS (VALUES {level_subjects}),
passes AS (
    SELECT r.candidate_id, r.subject, r.exam_year_id AS pass_year, ls.level_bits,
           r.exam_year_id + ls.window_years - 1 AS last0
    FROM candidates_subjectresult r
    JOIN candidates_candidate c ON c.id = r.candidate_id
    JOIN level_subject ls ON ls.level = c.level AND ls.subject = r.subject
    WHERE c.id BETWEEN %(first)s AND %(last)s
      -- the same range on the results themselves, so that the counting-pass index scans only this range
      -- (PostgreSQL does not carry a range through a join)
      AND r.candidate_id BETWEEN %(first)s AND %(last)s
      AND r.passed AND NOT r.voided AND r.exam_year_id <= %(as_of)s
      AND (r.subject <> 'practice' OR r.specialty = c.specialty)
),
ranked AS (
    SELECT p.candidate_id, p.subject, p.pass_year, p.last0, e.exam_year AS excused_year,
           ROW_NUMBER() OVER (PARTITION BY p.candidate_id, p.subject, p.pass_year ORDER BY e.exam_year) AS rn
    FROM passes p JOIN candidates_excusedyear e ON e.candidate_id = p.candidate_id AND e.exam_year > p.pass_year
    WHERE e.candidate_id BETWEEN %(first)s AND %(last)s
),
extension AS (
    SELECT candidate_id, subject, pass_year, COUNT(*) AS years
    FROM ranked WHERE excused_year - (rn - 1) <= last0
    GROUP BY candidate_id, subject, pass_year
)
SELECT p.candidate_id, p.subject, p.pass_year, p.level_bits,
       p.last0 + COALESCE(x.years, 0) AS valid_through,
       MAX(p.pass_year) OVER (PARTITION BY p.candidate_id, p.subject) AS latest_year
FROM passes p
LEFT JOIN extension x ON x.candidate_id = p.candidate_id AND x.subject = p.subject AND x.pass_year = p.pass_year
"""

# Only candidates that could hold a flag need the qualification test: those with a latest pass in its last
# year or the year after it, and those with an open flag to resolve.
FOCUS_SQL = """
CREATE TEMP TABLE flag_focus AS
SELECT candidate_id FROM flag_valid
WHERE valid_through IN (%(as_of)s, %(as_of)s - 1) AND pass_year = latest_year
UNION
SELECT candidate_id FROM candidates_expiryflag
WHERE candidate_id BETWEEN %(first)s AND %(last)s AND resolved_at IS NULL
"""

# A subject covers year Y when one of its passes has pass_year <= Y <= valid_through, that is when the latest last
# valid year among its passes up to Y is Y or later: one running MAX per subject over the candidate's passes in
# year order. The candidate is qualified at a pass year covered by every subject of the level. (Any year covered
# by every subject gives such a pass year: the latest of the covering passes' years.)
QUALIFIED_SQL = """
CREATE TEMP TABLE flag_qualified AS
SELECT DISTINCT c.candidate_id FROM (
    SELECT v.candidate_id, v.pass_year, v.level_bits, {through_columns}
    FROM flag_valid v JOIN flag_focus f ON f.candidate_id = v.candidate_id
    WINDOW through_year AS (PARTITION BY v.candidate_id ORDER BY v.pass_year
                            RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
) c
WHERE {every_subject_covered}
"""


def _qualified_parts() -> dict[str, str]:
    """Return QUALIFIED_SQL's running maximum per subject and its test that every subject of the level is covered."""
    return {
        "through_columns": ", ".join(
            f"MAX(v.valid_through) FILTER (WHERE v.subject = '{subject.value}') OVER through_year"
            f" AS {subject.value}_through"
            for subject in rules.Subject
        ),
        "every_subject_covered": " AND ".join(
            f"(c.level_bits & {_subject_bit(subject)} = 0 OR c.{subject.value}_through >= c.pass_year)"
            for subject in rules.Subject
        ),
    }


SHOULD_SQL = """
CREATE TEMP TABLE flag_should AS
SELECT v.candidate_id, v.subject, v.pass_year, v.valid_through,
       CASE WHEN v.valid_through = %(as_of)s THEN 'last_chance' ELSE 'expired' END AS kind
FROM flag_valid v
JOIN candidates_candidate c ON c.id = v.candidate_id
WHERE v.valid_through IN (%(as_of)s, %(as_of)s - 1)
  AND v.pass_year = v.latest_year
  AND NOT EXISTS (SELECT 1 FROM flag_qualified q WHERE q.candidate_id = v.candidate_id)
  AND (c.user_id IS NOT NULL OR EXISTS (
        SELECT 1 FROM candidates_enrolment e
        WHERE e.candidate_id = c.id AND e.left_on IS NULL AND e.candidate_id BETWEEN %(first)s AND %(last)s))
  AND c.id BETWEEN %(first)s AND %(last)s
"""

RAISE_SQL = """
INSERT INTO candidates_expiryflag (candidate_id, subject, pass_year, kind, valid_through, raised_at, resolution)
SELECT candidate_id, subject, pass_year, kind, valid_through, %(now)s, '' FROM flag_should WHERE true
ON CONFLICT DO NOTHING
"""

REOPEN_SQL = """
UPDATE candidates_expiryflag SET resolved_at = NULL, resolution = ''
WHERE candidate_id BETWEEN %(first)s AND %(last)s AND resolved_at IS NOT NULL
  AND EXISTS (SELECT 1 FROM flag_should s
              WHERE s.candidate_id = candidates_expiryflag.candidate_id AND s.subject = candidates_expiryflag.subject
                AND s.pass_year = candidates_expiryflag.pass_year AND s.kind = candidates_expiryflag.kind)
"""

RESOLVE_SQL = """
UPDATE candidates_expiryflag SET resolved_at = %(now)s, resolution = CASE
    WHEN EXISTS (SELECT 1 FROM flag_qualified q WHERE q.candidate_id = candidates_expiryflag.candidate_id)
        THEN 'qualified'
    WHEN NOT EXISTS (SELECT 1 FROM candidates_candidate c WHERE c.id = candidates_expiryflag.candidate_id
                       AND (c.user_id IS NOT NULL OR EXISTS (SELECT 1 FROM candidates_enrolment e
                                                             WHERE e.candidate_id = c.id AND e.left_on IS NULL)))
        THEN 'left'
    WHEN EXISTS (SELECT 1 FROM flag_valid v WHERE v.candidate_id = candidates_expiryflag.candidate_id
                   AND v.subject = candidates_expiryflag.subject AND v.pass_year > candidates_expiryflag.pass_year)
        THEN 'passed_again'
    WHEN candidates_expiryflag.valid_through < %(as_of)s - (CASE WHEN kind = 'expired' THEN 1 ELSE 0 END)
        THEN 'lapsed'
    ELSE 'no_longer_applies'
END
WHERE candidate_id BETWEEN %(first)s AND %(last)s AND resolved_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM flag_should s
                  WHERE s.candidate_id = candidates_expiryflag.candidate_id
                    AND s.subject = candidates_expiryflag.subject
                    AND s.pass_year = candidates_expiryflag.pass_year AND s.kind = candidates_expiryflag.kind)
"""

TEMP_TABLES = ("flag_should", "flag_qualified", "flag_focus", "flag_valid")


def _analyze(cursor, table: str) -> None:
    """Give PostgreSQL's planner the temporary table's statistics (it has none otherwise and picks nested loops)."""
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {table}")


def flags_refresh(*, first_id: int, last_id: int, as_of: int | None = None) -> RefreshReport:
    """Raise, reopen and resolve the expiry flags of candidates with ids in [first_id, last_id]."""
    params = {
        "first": first_id, "last": last_id, "now": timezone.now(),
        "as_of": as_of if as_of is not None else pending_exam_year(),
    }
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Set-based work over whole ranges: hash joins always win, but freshly raised flags have no statistics
            # yet and would lead the planner into nested loops (seconds instead of milliseconds per range).
            cursor.execute("SET LOCAL enable_nestloop = off")
            # Sorts and hashes of a range (about 100,000 passes) fit in memory instead of spilling to disk, and
            # the temporary tables' statistics come from a small sample: the planner needs only their shape.
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute("SET LOCAL default_statistics_target = 10")
            # The temporary tables' row estimates run high enough to trigger JIT compilation, which costs more
            # (some 20 ms a statement) than these short statements could save.
            cursor.execute("SET LOCAL jit = off")
        for table in TEMP_TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(VALID_PASSES_SQL.format(level_subjects=_level_subject_values()), params)
        _analyze(cursor, "flag_valid")
        cursor.execute(FOCUS_SQL, params)
        _analyze(cursor, "flag_focus")
        cursor.execute(QUALIFIED_SQL.format(**_qualified_parts()), params)
        _analyze(cursor, "flag_qualified")
        cursor.execute(SHOULD_SQL, params)
        _analyze(cursor, "flag_should")
        cursor.execute(RAISE_SQL, params)
        raised = cursor.rowcount
        cursor.execute(REOPEN_SQL, params)
        raised += cursor.rowcount
        cursor.execute(RESOLVE_SQL, params)
        resolved = cursor.rowcount
        for table in TEMP_TABLES:
            cursor.execute(f"DROP TABLE {table}")
    return RefreshReport(raised=raised, resolved=resolved)


def id_ranges(*, size: int | None = None) -> list[tuple[int, int]]:
    """Split the candidate table into id ranges of `size` ids (the refresh's unit of work)."""
    size = size or chunk_size()
    bounds = Candidate.objects.order_by().values_list("pk", flat=True)
    first = bounds.order_by("pk").first()
    last = bounds.order_by("-pk").first()
    if first is None:
        return []
    return [(start, min(start + size - 1, last)) for start in range(first, last + 1, size)]


def ranges_of(candidate_ids: Iterable[int], *, size: int | None = None) -> list[tuple[int, int]]:
    """Group candidate ids into as few ranges as possible, none wider than `size` ids."""
    size = size or chunk_size()
    ranges: list[list[int]] = []
    for pk in sorted(set(candidate_ids)):
        if ranges and pk - ranges[-1][0] < size:
            ranges[-1][1] = pk
        else:
            ranges.append([pk, pk])
    return [(first, last) for first, last in ranges]


def flags_refresh_all(*, as_of: int | None = None) -> RefreshReport:
    """Refresh every candidate's flags synchronously, one id range after another."""
    report = RefreshReport()
    as_of = as_of if as_of is not None else pending_exam_year()
    for first, last in id_ranges():
        report += flags_refresh(first_id=first, last_id=last, as_of=as_of)
    return report


def open_flags_for(candidate) -> list[ExpiryFlag]:
    """Return the candidate's open flags, last chance first."""
    return sorted(candidate.expiry_flags.open(), key=lambda flag: (flag.kind != "last_chance", flag.subject))
