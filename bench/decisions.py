#!/usr/bin/env python3
"""Writes the "What the numbers decided" section of docs/performance.md from the figures measured in
the same report, each with the script that measured it. No figure is typed in here: a decision
whose figures are missing from the report (a section skipped with SKIP=...) says so instead.

    python3 bench/decisions.py docs/performance.md     # rewrites that section in place

run-all.sh calls it after writing the report; it also runs on a saved report.
"""
import re
import statistics
import sys
import textwrap

HEADING = "## What the numbers decided"


def rows(report):
    """The 'Figures beside their baselines' table: figure -> (ours, baseline, ratio, target, verdict)."""
    table = {}
    for line in report.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 6 and cells[0] not in ("figure", "---"):
            table.setdefault(cells[0], cells[1:])
    return table


def section(report, name):
    """The text of one benchmark's own summary (### name), or ''."""
    m = re.search(r"^### " + re.escape(name) + r"\n(.*?)(?=^### |\Z)", report, re.S | re.M)
    return m.group(1) if m else ""


def first_number(text):
    m = re.search(r"-?\d+(?:\.\d+)?", text or "")
    return float(m.group(0)) if m else None


def span(values, fmt="{:.0f}"):
    values = [v for v in values if v is not None]
    if not values:
        return None
    lo, hi = min(values), max(values)
    return fmt.format(lo) if fmt.format(lo) == fmt.format(hi) else fmt.format(lo) + "–" + fmt.format(hi)


def services(table):
    names = []
    for figure in table:
        m = re.match(r"startup (\S+), new vs old$", figure)
        if m:
            names.append(m.group(1))
    return names


def ratios(table, figure_of, names):
    """The ratio column of one kind of row, per service: [(name, ratio, verdict)]."""
    found = []
    for name in names:
        row = table.get(figure_of(name))
        if row and first_number(row[2]) is not None:
            found.append((name, first_number(row[2]), row[4]))
    return found


def ratio_clause(found, what, target):
    """'what 0.55–0.62x (target ≤ 0.65x; met for 4 of 4)' or None."""
    if not found:
        return None
    met = [n for n, _, v in found if v == "met"]
    return (
        f"{what} {span([r for _, r, _ in found], '{:.2f}')}x ({target}; met for {len(met)} of {len(found)}"
        + ("" if len(met) == len(found) else f": {', '.join(met) if met else 'none'}")
        + ")"
    )


def decisions(report):
    table = rows(report)
    names = services(table)
    out = [HEADING, ""]
    missing = "not measured in this run"

    # 1. Java 25 + AOT cache vs the Java 17 build (startup-memory.sh)
    clauses = [
        ratio_clause(ratios(table, lambda n: f"startup {n}, new vs old", names),
                     "start to readiness", "target ≤ 0.65x"),
        ratio_clause(ratios(table, lambda n: f"startup {n}, new vs minimal Boot app", names),
                     "against the minimal Boot app started `java -jar` with Java 17 defaults",
                     "target ≤ 0.5x"),
        ratio_clause(ratios(table, lambda n: f"CPU to readiness {n}, new vs old", names),
                     "CPU to readiness", "target ≤ 0.7x"),
        ratio_clause([(n, r, v) for n, r, v in ratios(
            table, lambda n: next((f for f in table if f.startswith(f"RSS {n} after ") and f.endswith(", new vs old")), ""),
            names)], "RSS after the requests", "target ≤ 1.00x"),
    ]
    work = ratios(table, lambda n: next((f for f in table if f.startswith("CPU for ") and f.endswith(f", {n}, new vs old")), ""), names)
    if work:
        clauses.append("CPU for those requests (no target; the scrape on a platform thread, docs/runtime-threads.md) "
                       + ", ".join(f"{n} {r:.2f}x" for n, r, _ in work))
    clauses = [c for c in clauses if c]
    out.append(
        "- **Java 25 with the AOT cache against the last Java 17 build** (`bench/startup-memory.sh`): "
        "every web service in its image layout, new / old: "
        + ("; ".join(clauses) + "." if clauses else missing + ".")
    )

    # 2. The AOT cache itself (startup-memory.sh)
    cache = ratios(table, lambda n: f"startup {n}, Java 25 without the AOT cache", names)
    out.append(
        "- **The AOT cache** (`bench/startup-memory.sh`, lib.sh `aot_train`): Spring Boot's training run "
        "(`-XX:AOTCacheOutput` with `spring.context.exit=onRefresh`) on the extracted layout, then "
        "`-XX:AOTCache`. "
        + (f"On Java 25 without the cache the same services take {span([r for _, r, _ in cache], '{:.2f}')}x "
           f"as long to readiness ({', '.join(n for n, _, _ in cache)})."
           if cache else "Its own gain: " + missing + ".")
    )

    # 3. C1-only JIT (portal.sh, portal-ceiling.sh, load-generator.sh)
    portal = section(report, "portal")
    cpu_ready = re.search(r"CPU time to readiness, extracted, median of 5 \| (\d+) ms", portal)
    cpu_req = re.search(r"metrics on \| [\d.]+ req/s, p99 [\d.]+ ms, ([\d.]+) µs CPU/request", portal)
    ceiling = table.get("portal GET /api/records?size=20 req/s (3 rounds)")
    loadgen = re.search(r"CPU: ([\d.]+)% of one core", section(report, "load-generator"))
    parts = []
    if cpu_ready:
        parts.append(f"The portal needs {cpu_ready.group(1)} ms of CPU to readiness without the cache (`bench/portal.sh`)")
    if cpu_req:
        parts.append(f"{cpu_req.group(1)} µs of CPU per request at full load (`bench/portal.sh`)")
    if ceiling:
        parts.append(
            f"and serves {ceiling[2].replace(' of the ceiling', '')} of a bare JDK HttpServer's rate "
            "with the same JSON "
            "(`bench/portal-ceiling.sh`)"
        )
    if loadgen:
        parts.append(f"the load generator uses {loadgen.group(1)}% of a core at 200 req/s (`bench/load-generator.sh`)")
    out.append(
        "- **C1-only JIT for every image** (parent pom `image.jit.flags`, `-XX:TieredStopAtLevel=1`), on both "
        "sides of the comparison. In the cluster the pods are capped at 0.5–1 CPU, so start-up time is CPU "
        "time: each crash-loop restart, each heal and each CronJob run waits for it. "
        + ("; ".join(parts) + "." if parts
           else "Its figures (`bench/portal.sh`, `bench/portal-ceiling.sh`, `bench/load-generator.sh`): "
           + missing + ".")
    )

    # 3b. Every JVM flag of the images, on Java 25 with the cache (jvm-flags.sh)
    def flag_row(prefix):
        return next((table[f] for f in table if f.startswith(prefix)), None)

    checks = [
        ("`-XX:TieredStopAtLevel=1` (C1 only): CPU to readiness", "flag -XX:TieredStopAtLevel=1: CPU to readiness"),
        ("CPU for the requests after it", "flag -XX:TieredStopAtLevel=1: CPU for "),
        ("`-XX:+UseSerialGC`: CPU to readiness against G1", "flag -XX:+UseSerialGC: CPU to readiness"),
        ("RSS after the requests against G1", "flag -XX:+UseSerialGC: RSS after "),
        ("`-XX:NewSize=8m`: RSS after the requests against none", "flag -XX:NewSize=8m: RSS after "),
        ("`-XX:TrimNativeHeapInterval=10000`: RSS after the requests against none",
         "flag -XX:TrimNativeHeapInterval=10000: RSS after "),
    ]
    found = [(what, flag_row(prefix)) for what, prefix in checks]
    clauses = [f"{what} {row[2]} ({row[4]})" for what, row in found if row]
    trim_cost = flag_row("flag -XX:TrimNativeHeapInterval=10000: CPU for ")
    if trim_cost:
        clauses.append(f"its CPU for the requests {trim_cost[2]} of without it")
    code = flag_row("flag -XX:ReservedCodeCacheSize=64m: ")
    if code:
        clauses.append(f"`-XX:ReservedCodeCacheSize=64m`: {code[0]} in use after the requests (the cap {code[4]})")
    out.append(
        "- **The images' JVM flags on Java 25 with the cache** (`bench/jvm-flags.sh`: one service in its image "
        "layout, each variant with its own cache; with the flag / without it): "
        + ("; ".join(clauses) + "." if clauses else missing + ".")
        + " The sizing and behaviour flags (`MaxRAMPercentage`, `MaxMetaspaceSize`, `Xss`, "
        "`ExitOnOutOfMemoryError`) are not speed flags: docs/jvm-runtime.md gives their reasons."
    )

    # 4. Batch job (batch-sync.sh)
    batch_section = section(report, "batch-sync")
    batch = re.search(r"wall ms median/min/max: (\d+) / (\d+) / (\d+) +target", batch_section)
    batch_row = next((table[f] for f in table if f.startswith("batch-sync run over ")), None)
    text = missing + "."
    if batch:
        text = f"{batch.group(1)} ms median ({batch.group(2)}–{batch.group(3)} ms) against a 10 s target"
        if batch_row:
            text += f"; {batch_row[2]} of the Java 17 build's {batch_row[1]} (target ≤ 0.7x: {batch_row[4]})"
        text += "."
    out.append(
        "- **The batch job** (`bench/batch-sync.sh`): 10,000 records end to end, JVM start included, "
        "new (Java 25 with the AOT cache): " + text
    )

    # 5. auto-healer (auto-healer.sh)
    runs = re.findall(r"RESULT pods=(\d+) .*?api_requests=(\d+)", section(report, "auto-healer"))
    requests = sorted({r for _, r in runs})
    pods = sorted({int(p) for p, _ in runs})
    heal_row = next((table[f] for f in table if f.startswith("auto-healer run over ")), None)
    out.append(
        "- **The auto-healer** (`bench/auto-healer.sh`): its API cost does not grow with the pods: "
        + (
            f"{' / '.join(requests)} API requests per run over "
            + ", ".join(f"{p:,}" for p in pods)
            + " pods"
            if runs
            else missing
        )
        + (
            f"; a run over 5,000 pods, JVM start included, takes {heal_row[2]} of the Java 17 build's "
            f"time (target ≤ 0.7x: {heal_row[4]})."
            if heal_row
            else "; its old/new wall time is " + missing + "."
        )
    )
    out.append("")
    out.append(
        "Spring AOT was tried by hand once and is not part of `make bench`, so no figure of it is quoted here."
    )
    wrapped = [
        textwrap.fill(line, width=100, subsequent_indent="  " if line.startswith("- ") else "",
                      break_on_hyphens=False, break_long_words=False)
        if line and not line.startswith("#") else line
        for line in out
    ]
    return "\n".join(wrapped) + "\n"


def main(path):
    with open(path, encoding="utf-8") as f:
        report = f.read()
    start = report.index(HEADING)
    end = report.index("\n## ", start + len(HEADING))
    updated = report[:start] + decisions(report) + report[end:]
    with open(path, "w", encoding="utf-8") as f:
        f.write(updated)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/performance.md")
