"""Hand-written SQL that the benchmark holds zhuan's own code against: the fastest the database can do it."""
from django.db import connection

from candidates import rules


def _window_case(column: str) -> str:
    whens = " ".join(f"WHEN '{level.value}' THEN {window}" for level, window in rules.WINDOW.items())
    return f"(CASE {column} {whens} END)"


def _level_subject_pairs() -> str:
    pairs = [(level, subject) for level, subjects in rules.LEVEL_SUBJECTS.items() for subject in subjects]
    return ", ".join(f"('{level.value}', '{subject.value}')" for level, subject in pairs)


def flag_pass_count(pending_year: int) -> int:
    """Count, in one scan, every latest counting pass in its last valid year or past it (excused years ignored).

    These are the passes the flag refresh looks at: the ceiling of any refresh that finds them.
    """
    sql = f"""
        WITH level_subject(level, subject) AS (VALUES {_level_subject_pairs()}),
        latest AS (
            SELECT r.candidate_id, r.subject, max(r.exam_year_id) AS pass_year
            FROM candidates_subjectresult r
            JOIN candidates_candidate c ON c.id = r.candidate_id
            JOIN level_subject ls ON ls.level = c.level AND ls.subject = r.subject
            WHERE r.passed AND NOT r.voided AND r.exam_year_id <= %s
              AND (r.subject <> 'practice' OR r.specialty = c.specialty)
            GROUP BY r.candidate_id, r.subject
        )
        SELECT count(*) FROM latest l JOIN candidates_candidate c ON c.id = l.candidate_id
        WHERE l.pass_year + {_window_case("c.level")} - 1 <= %s
    """  # noqa: S608 - every interpolated piece comes from the rules' constants
    with connection.cursor() as cursor:
        cursor.execute(sql, [pending_year, pending_year])
        return cursor.fetchone()[0]


COPY_RESULT_COLUMNS = ("candidate_id", "exam_year_id", "subject", "specialty", "score", "code", "passed", "source",
                       "voided", "void_reason", "created_at", "updated_at")


def copy_results(rows: list[tuple]) -> None:
    """Load result rows with COPY into a temporary copy of the results table: the ceiling of any import."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS bench_copy_results"
            " (LIKE candidates_subjectresult INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES)"
        )
        cursor.execute("TRUNCATE bench_copy_results")
        with cursor.cursor.copy(f"COPY bench_copy_results ({', '.join(COPY_RESULT_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
