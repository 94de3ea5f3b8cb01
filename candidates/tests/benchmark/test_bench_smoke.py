"""A tiny run of `make bench`, so that the benchmark never rots (the real runs are not part of the suite)."""
import json
import shutil

import pytest
from django.core.management import call_command
from django.db import connection

from conftest import require_service

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_bench_runs_end_to_end_at_tiny_scale(tmp_path):
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    require_service(shutil.which("wrk") is not None, "wrk")
    out = tmp_path / "bench.json"
    call_command("bench", scale=400, repetitions=1, page_requests=2, import_rows=40, http_seconds=3,
                 json_path=str(out), stdout=open("/dev/null", "w"))  # noqa: SIM115
    results = json.loads(out.read_text())
    assert results["run"]["scale"] == 400
    assert results["refresh"]["flags"] > 0
    assert all(page["queries"] > 0 for page in results["pages"].values())
    assert results["import"]["rows"] > 0
    assert results["http"]["progress"]["errors"] == 0
    assert {target["target"] for target in results["targets"]}
