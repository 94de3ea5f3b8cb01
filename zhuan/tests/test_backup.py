"""Backup and restore: pg_dump of the demo database restored into a fresh database holds every row and history row."""
import os
import shutil
import subprocess

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from conftest import require_service

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def libpq_environment(settings_dict: dict) -> dict:
    """Return the environment that points pg_dump, pg_restore and psql at the test database's server."""
    return {
        **os.environ, "PGHOST": settings_dict["HOST"] or "127.0.0.1", "PGPORT": str(settings_dict["PORT"] or 5432),
        "PGUSER": settings_dict["USER"] or "postgres", "PGPASSWORD": settings_dict["PASSWORD"] or "",
    }


def row_counts(conninfo: str) -> dict[str, int]:
    """Return {table: row count} for every table of the public schema."""
    with psycopg.connect(conninfo, autocommit=True) as db:
        tables = [name for (name,) in db.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")]
        return {table: db.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]
                for table in tables}


def test_a_dump_of_the_demo_database_restores_every_row_and_every_history_record(tmp_path):
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    require_service(bool(shutil.which("pg_dump") and shutil.which("pg_restore")), "pg_dump and pg_restore")
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    source = connection.settings_dict
    environment = libpq_environment(source)
    restored = f"{source['NAME']}_restored"[:63]
    dump = tmp_path / "zhuan.dump"

    subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source["NAME"]],
                   env=environment, check=True, timeout=300)
    subprocess.run(["dropdb", "--if-exists", restored], env=environment, check=True, timeout=60)
    subprocess.run(["createdb", restored], env=environment, check=True, timeout=60)
    try:
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump)],
                       env=environment, check=True, timeout=300)
        server = f"host={environment['PGHOST']} port={environment['PGPORT']} user={environment['PGUSER']}"
        if environment["PGPASSWORD"]:
            server += f" password={environment['PGPASSWORD']}"
        before = row_counts(f"{server} dbname={source['NAME']}")
        after = row_counts(f"{server} dbname={restored}")
    finally:
        subprocess.run(["dropdb", "--if-exists", restored], env=environment, check=False, timeout=60)

    assert after == before
    history = {table: count for table, count in before.items() if "historical" in table}
    assert history and history["candidates_historicalcandidate"] > 0, history
    assert before["candidates_candidate"] > 0 and before["candidates_subjectresult"] > 0
