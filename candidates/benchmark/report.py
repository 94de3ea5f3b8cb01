"""The benchmark's table and its targets (issue 8), each shown as met or not."""
REFRESH_RATIO_MAX = 5.0
REFRESH_MEMORY_MB_MAX = 256
SCALING_MAX = 12.0
PAGE_QUERIES_MAX = 12
PAGE_P95_MS_MAX = 100.0
IMPORT_ROWS_PER_SECOND_MIN = 2000
HTTP_RATIO_MIN = 0.4


def evaluate_targets(results: dict, previous: dict | None = None) -> list[dict]:
    """Return each target with the measured value and whether it is met."""
    targets = []

    def target(name: str, value, limit, met: bool) -> None:
        targets.append({"target": name, "value": value, "limit": limit, "met": met})

    refresh = results.get("refresh")
    if refresh:
        target("flag refresh within 5x the SQL ceiling", round(refresh["ratio"], 2), REFRESH_RATIO_MAX,
               refresh["ratio"] <= REFRESH_RATIO_MAX)
        target("flag refresh peak memory (MB)", round(refresh["peak_memory_mb"]), REFRESH_MEMORY_MB_MAX,
               refresh["peak_memory_mb"] < REFRESH_MEMORY_MB_MAX)
        if previous and previous.get("refresh") and previous["run"]["scale"] < results["run"]["scale"]:
            factor = refresh["refresh"]["median"] / previous["refresh"]["refresh"]["median"]
            scale = results["run"]["scale"] / previous["run"]["scale"]
            target(f"refresh time x{scale:g} scale", round(factor, 2), SCALING_MAX * scale / 10,
                   factor <= SCALING_MAX * scale / 10)
    for name, page in results.get("pages", {}).items():
        target(f"{name}: queries", page["queries"], PAGE_QUERIES_MAX, page["queries"] <= PAGE_QUERIES_MAX)
        target(f"{name}: p95 ms", round(page["p95_ms"], 1), PAGE_P95_MS_MAX, page["p95_ms"] < PAGE_P95_MS_MAX)
    imported = results.get("import")
    if imported:
        rate = imported["import"]["median"]
        target("import rows/s end to end", round(rate), IMPORT_ROWS_PER_SECOND_MIN, rate >= IMPORT_ROWS_PER_SECOND_MIN)
    served = results.get("http")
    if served:
        target("progress page throughput vs one-lookup view", round(served["ratio"], 2), HTTP_RATIO_MIN,
               served["ratio"] >= HTTP_RATIO_MIN)
    return targets


def table(results: dict) -> str:
    """Return the human-readable summary of a run."""
    lines = [f"zhuan benchmark: {results['run']['scale']:,} candidates, {results['run']['results']:,} results"]
    refresh = results.get("refresh")
    if refresh:
        r, c = refresh["refresh"], refresh["ceiling"]
        lines += [
            "",
            "flag refresh (median [min–max])",
            f"  refresh      {r['median']:.2f} s [{r['min']:.2f}–{r['max']:.2f}]"
            f"  {refresh['candidates_per_second']:,.0f} candidates/s  peak {refresh['peak_memory_mb']:.0f} MB"
            f"  flags {refresh['flags']:,}",
            f"  SQL ceiling  {c['median']:.2f} s [{c['min']:.2f}–{c['max']:.2f}]  ratio {refresh['ratio']:.2f}",
        ]
    snapshots = results.get("snapshots")
    if snapshots:
        lines += ["", f"standing snapshots of the whole table from none: {snapshots['seconds']:.1f} s,"
                      f" {snapshots['candidates_per_second']:,.0f} candidates/s"]
    if results.get("pages"):
        lines += ["", f"{'page':<32}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}"]
        for name, page in results["pages"].items():
            lines.append(f"  {name:<30}{page['p50_ms']:>9.1f}{page['p95_ms']:>9.1f}{page['queries']:>9}")
    imported = results.get("import")
    if imported:
        i, c = imported["import"], imported["ceiling"]
        lines += [
            "",
            f"import of {imported['rows']:,} rows",
            f"  end to end   {i['median']:,.0f} rows/s [{i['min']:,.0f}–{i['max']:,.0f}]",
            f"  COPY ceiling {c['median']:,.0f} rows/s",
        ]
    served = results.get("http")
    if served:
        lines += ["", f"{'HTTP (gunicorn, wrk)':<32}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"]
        for key in ("progress", "reference"):
            h = served[key]
            lines.append(f"  {h['name']:<30}{h['requests_per_second']:>9.0f}{h['p50_ms']:>9.1f}{h['p99_ms']:>9.1f}"
                         f"{h['errors']:>8}")
        lines.append(f"  ratio {served['ratio']:.2f}")
    lines += ["", "targets"]
    for t in results.get("targets", []):
        lines.append(f"  [{'met' if t['met'] else 'MISSED'}] {t['target']}: {t['value']} (limit {t['limit']})")
    return "\n".join(lines)
