"""Run the whole-table flag refresh through its Celery task in-process, in a process of its own.

The benchmark starts this module as a child (without REDIS_URL, so the task's group runs eagerly) so that the
peak memory of the refresh is the child's own (read with `os.wait4`); it prints {"seconds": …, "outcome": …}
as JSON on stdout.
"""
import json
import time

import django


def main() -> None:
    django.setup()
    from candidates.tasks import flags_refresh_all_task

    started = time.perf_counter()
    outcome = flags_refresh_all_task.apply().get()
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "outcome": outcome}))


if __name__ == "__main__":
    main()
