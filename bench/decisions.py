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
        m = re.match(r"startup (\S+) \(-XX:TieredStopAtLevel=1\)$", figure)
        if m:
            names.append(m.group(1))
    return names


def decisions(report):
    table = rows(report)
    names = services(table)
    out = [HEADING, ""]
    missing = "not measured in this run"

    # 1. Image layout vs java -jar (startup-memory.sh)
    jar = [first_number(table[f][2]) for f in table if f.endswith(", java -jar (fat jar)")]
    jar_span = span(jar, "{:.2f}")
    out.append(
        "- **Startup is measured in the image layout** (`bench/startup-memory.sh`). Jib puts the classes "
        "and the dependency jars on a plain class path; `java -Djarmode=tools extract` makes the same "
        "layout from the boot jar, and the startup rows use it. `java -jar` on the boot jar, which no "
        "deployment here uses, is reported beside it: "
        + (f"{jar_span}x the extracted layout's time." if jar_span else missing + ".")
    )

    # 2. C1-only JIT (startup-memory.sh, portal.sh, portal-ceiling.sh, load-generator.sh)
    gains = []
    for name in names:
        c1 = first_number(table[f"startup {name} (-XX:TieredStopAtLevel=1)"][0])
        tiered_row = table.get(f"startup {name}, the baseline's flags (without -XX:TieredStopAtLevel=1)")
        tiered = first_number(tiered_row[0]) if tiered_row else None
        if c1 and tiered:
            gains.append((name, 100 * (1 - c1 / tiered)))
    portal = section(report, "portal")
    cpu_ready = re.search(r"CPU time to readiness, extracted, median of 5 \| (\d+) ms", portal)
    cpu_req = re.search(r"metrics on \| [\d.]+ req/s, p99 [\d.]+ ms, ([\d.]+) µs CPU/request", portal)
    ceiling = table.get("portal GET /api/records?size=20 req/s (3 rounds)")
    loadgen = re.search(r"CPU: ([\d.]+)% of one core", section(report, "load-generator"))
    parts = []
    if gains:
        parts.append(
            "C1-only starts "
            + ", ".join(f"{n} {g:.0f}%" for n, g in gains)
            + " faster than the same service with the baseline's tiered flags (median "
            f"{statistics.median(g for _, g in gains):.0f}%; `bench/startup-memory.sh`)"
        )
    if cpu_ready:
        parts.append(f"the portal needs {cpu_ready.group(1)} ms of CPU to readiness (`bench/portal.sh`)")
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
        "- **C1-only JIT for every image** (parent pom `image.jit.flags`, `-XX:TieredStopAtLevel=1`). "
        "In the cluster the pods are capped at 0.5–1 CPU, so start-up time is CPU time: each "
        "crash-loop restart, each heal and each CronJob run waits for it. "
        + ("; ".join(parts) + "." if parts else missing + ".")
        + " The tiered steady state is not benchmarked; the baseline keeps tiered compilation, as a "
        "default app would."
    )

    # 3. CDS (startup-memory.sh)
    cds = []
    for name in names + ["baseline"]:
        row = table.get(f"startup {name} with CDS")
        if row:
            m = re.match(r"(\d+)% / (\d+)% faster", row[2])
            if m:
                cds.append((name, int(m.group(1)), int(m.group(2)), row[3]))
    if cds:
        vs_jar = span([c[1] for c in cds])
        vs_extracted = span([c[2] for c in cds])
        met = [c[0] for c in cds if c[2] >= 30]
        out.append(
            "- **Class data sharing** (`bench/startup-memory.sh`): Spring Boot's CDS training run "
            f"starts {vs_jar}% faster than `java -jar` and {vs_extracted}% faster than the extracted "
            "layout alone (the \"with CDS\" rows; bar: 30%). Over the extracted layout it clears the "
            f"bar for {len(met)} of {len(cds)} ({', '.join(met) if met else 'none'}). `make local-up` runs every "
            "service with an archive; the images do not (Jib cannot run a training run at build time "
            "and Java 17 has no `-XX:+AutoCreateSharedArchive`)."
        )
    else:
        out.append("- **Class data sharing**: " + missing + ".")

    # 4. Batch job (batch-sync.sh)
    batch = re.search(r"wall ms median/min/max: (\d+) / (\d+) / (\d+)", section(report, "batch-sync"))
    out.append(
        "- **The batch job** (`bench/batch-sync.sh`): 10,000 records end to end, JVM start included, "
        + (
            f"{batch.group(1)} ms median ({batch.group(2)}–{batch.group(3)} ms) against a 10 s target."
            if batch
            else missing + "."
        )
    )

    # 5. auto-healer (auto-healer.sh)
    runs = re.findall(r"RESULT pods=(\d+) .*?api_requests=(\d+)", section(report, "auto-healer"))
    requests = sorted({r for _, r in runs})
    pods = sorted({int(p) for p, _ in runs})
    out.append(
        "- **The auto-healer's API cost does not grow with the pods** (`bench/auto-healer.sh`): "
        + (
            f"{' / '.join(requests)} API requests per run over "
            + ", ".join(f"{p:,}" for p in pods)
            + " pods."
            if runs
            else missing + "."
        )
    )
    out.append("")
    out.append(
        "Spring AOT and the tiered steady state were tried by hand once and are not part of `make bench`, "
        "so no figure of theirs is quoted here."
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
