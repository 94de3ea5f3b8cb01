"""`python manage.py bench --scale N --json PATH`: measure zhuan at national scale against PostgreSQL."""
import json
import platform
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from candidates.benchmark import population, report
from candidates.benchmark.runs import run_all


class Command(BaseCommand):
    help = (
        "Generate a synthetic population (WIPES the candidate tables of the database it runs on: use a database "
        "whose name contains 'bench') and measure the flag refresh, pages, import and HTTP throughput."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=100_000, help="number of candidates (default 100,000)")
        parser.add_argument("--json", dest="json_path", help="write every figure to this JSON file")
        parser.add_argument("--repetitions", type=int, default=3, help="repetitions of each measurement")
        parser.add_argument("--skip-generate", action="store_true", help="measure the population already loaded")
        parser.add_argument("--no-http", action="store_true", help="skip the gunicorn + wrk measurement")
        parser.add_argument("--http-seconds", type=int, default=10, help="seconds of load per HTTP measurement")
        parser.add_argument("--page-requests", type=int, default=30, help="requests per page measurement")
        parser.add_argument("--import-rows", type=int, default=10_000, help="rows of the import measurement")
        parser.add_argument("--compare", help="JSON of a smaller run: check that the refresh scales linearly")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("the benchmark runs on PostgreSQL: set DATABASE_URL=postgres://…/zhuan_bench")
        name = connection.settings_dict["NAME"]
        if "bench" not in name and not name.startswith("test_"):
            raise CommandError(
                f"refusing to wipe database {connection.settings_dict['NAME']!r}: its name must contain 'bench'"
            )
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        if options["skip_generate"]:
            loaded = population.describe()
            generation_seconds = None
        else:
            self.stdout.write(f"generating {options['scale']:,} candidates …")
            generation_started = time.perf_counter()
            loaded = population.generate(scale=options["scale"])
            generation_seconds = time.perf_counter() - generation_started
            self.stdout.write(f"  loaded in {generation_seconds:.1f} s: {loaded.results:,} results")
        results = run_all(
            loaded,
            repetitions=options["repetitions"],
            page_requests=options["page_requests"],
            import_rows=options["import_rows"],
            http_seconds=None if options["no_http"] else options["http_seconds"],
            progress=self.stdout.write,
        )
        results["run"] = {
            "scale": loaded.candidates,
            "results": loaded.results,
            "generation_seconds": generation_seconds,
            "total_seconds": time.perf_counter() - started,
            "machine": f"{platform.node()} {platform.machine()} python {platform.python_version()}",
            "database": connection.settings_dict["NAME"],
        }
        previous = json.loads(Path(options["compare"]).read_text(encoding="utf-8")) if options["compare"] else None
        results["targets"] = report.evaluate_targets(results, previous)
        self.stdout.write(report.table(results))
        if options["json_path"]:
            path = Path(options["json_path"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
            self.stdout.write(f"written {path}")
