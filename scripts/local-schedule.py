#!/usr/bin/env python3
"""Runs a command on a Kubernetes CronJob's schedule: local mode's stand-in for the CronJob.

The schedule is read from the CronJob's manifest (one source for both modes), e.g.

    local-schedule.py --cronjob k8s/base/batch-sync.yaml --run-log LOG -- java -jar batch-sync.jar

Like the CronJob (concurrencyPolicy: Forbid) it never starts a run while the previous one still
runs: that slot is skipped and logged. Times are UTC, as on a k3s node. TERM or INT stops the
scheduler and the run in progress (its whole process group), so `make local-down` leaves nothing.
Each event is one key=value line on stdout; the runs' own output is appended to --run-log.

Also: --print-schedule (the schedule it would use), --next N [--after ISO-8601] (the next N slots).
"""

import argparse
import datetime
import os
import re
import signal
import subprocess
import sys
import threading

UTC = datetime.timezone.utc
MACROS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
DAYS = "sun mon tue wed thu fri sat".split()
# (lowest, highest, names) of minute, hour, day of month, month, day of week (0 and 7 = Sunday).
FIELDS = [(0, 59, None), (0, 23, None), (1, 31, None), (1, 12, MONTHS), (0, 7, DAYS)]


def read_schedule(manifest):
    """spec.schedule of the (single) CronJob in a manifest file."""
    with open(manifest, encoding="utf-8") as f:
        documents = re.split(r"(?m)^---\s*$", f.read())
    schedules = []
    for document in documents:
        if re.search(r"(?m)^kind:\s*CronJob\s*$", document):
            match = re.search(r"(?m)^  schedule:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(#.*)?$", document)
            if match:
                schedules.append(match.group(1).strip())
    if len(schedules) != 1:
        sys.exit(f"{manifest}: expected one CronJob with a spec.schedule, found {len(schedules)}")
    return schedules[0]


def parse_field(text, lowest, highest, names):
    """The set of values one cron field allows."""
    values = set()
    for part in text.lower().split(","):
        body, _, step = part.partition("/")
        step = int(step) if step else 1
        if names:
            for index, name in enumerate(names):
                body = re.sub(rf"\b{name}\b", str(index + (1 if names is MONTHS else 0)), body)
        if body == "*":
            start, end = lowest, highest
        elif "-" in body:
            start, end = (int(v) for v in body.split("-", 1))
        else:
            start = int(body)
            end = highest if step > 1 else start
        if not (lowest <= start <= end <= highest) or step < 1:
            raise ValueError(f"cron field '{text}' out of range {lowest}-{highest}")
        values.update(range(start, end + 1, step))
    return values


class Schedule:
    """A five-field cron schedule as Kubernetes reads it (robfig/cron's standard parser)."""

    def __init__(self, text):
        fields = MACROS.get(text.strip(), text).split()
        if len(fields) != 5:
            raise ValueError(f"'{text}': a schedule has five fields")
        self.minutes, self.hours, self.days, self.months, weekdays = (
            parse_field(field, *spec) for field, spec in zip(fields, FIELDS)
        )
        self.weekdays = {d % 7 for d in weekdays}
        # Vixie cron: when both day fields are restricted, a day matching either one runs.
        self.any_day = fields[2].startswith("*") or fields[4].startswith("*")

    def _day_matches(self, t):
        in_month = t.day in self.days
        in_week = (t.weekday() + 1) % 7 in self.weekdays
        return (in_month and in_week) if self.any_day else (in_month or in_week)

    def next_after(self, moment):
        """The first slot strictly after moment (a UTC datetime)."""
        t = moment.astimezone(UTC).replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
        for _ in range(60 * 24 * 366 * 5):
            if (
                t.minute in self.minutes
                and t.hour in self.hours
                and t.month in self.months
                and self._day_matches(t)
            ):
                return t
            t += datetime.timedelta(minutes=1)
        raise ValueError("the schedule never fires")


def log(**fields):
    now = datetime.datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = " ".join(f'{k}="{v}"' if " " in str(v) else f"{k}={v}" for k, v in fields.items())
    print(f"{now} {text}", flush=True)


def stop_run(run):
    """TERM to the run's process group, a bounded wait, then KILL."""
    if run is None or run.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(run.pid, sig)
        except ProcessLookupError:
            return
        try:
            run.wait(wait)
            log(event="run-stopped", pid=run.pid, signal=sig.name)
            return
        except subprocess.TimeoutExpired:
            continue


def serve(schedule, text, command, run_log, run_now):
    stopping = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopping.set())
    run = None
    now = datetime.datetime.now(UTC)
    due = now if run_now else schedule.next_after(now)
    log(event="started", schedule=text, next=due.strftime("%H:%M:%SZ"))
    try:
        while not stopping.is_set():
            if run is not None and run.poll() is not None:
                log(event="run-finished", pid=run.pid, exit=run.returncode)
                run = None
            now = datetime.datetime.now(UTC)
            if now >= due:
                if run is not None:
                    log(event="run-skipped", reason="previous run still running", pid=run.pid)
                else:
                    with open(run_log, "ab") as out:
                        run = subprocess.Popen(
                            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
                        )
                    log(event="run-started", pid=run.pid)
                due = schedule.next_after(now)
                log(event="next", at=due.strftime("%Y-%m-%dT%H:%M:%SZ"))
            # Wake at least every second to notice a finished run and a stop request.
            stopping.wait(min(1.0, max(0.0, (due - datetime.datetime.now(UTC)).total_seconds())))
    finally:
        stop_run(run)
        log(event="stopped")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cronjob", required=True, help="manifest file holding the CronJob")
    parser.add_argument("--print-schedule", action="store_true")
    parser.add_argument("--next", type=int, metavar="N", help="print the next N slots and exit")
    parser.add_argument("--after", help="with --next: start from this ISO-8601 time, not now")
    parser.add_argument("--run-now", action="store_true", help="also run once at start")
    parser.add_argument("--run-log", default=os.devnull, help="file the runs' output is appended to")
    parser.add_argument("command", nargs="*", help="after --: the command each slot runs")
    args = parser.parse_args()

    text = read_schedule(args.cronjob)
    schedule = Schedule(text)
    if args.print_schedule:
        print(text)
        return
    if args.next:
        moment = datetime.datetime.fromisoformat(args.after.replace("Z", "+00:00")) if args.after else (
            datetime.datetime.now(UTC)
        )
        for _ in range(args.next):
            moment = schedule.next_after(moment)
            print(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
        return
    if not args.command:
        parser.error("no command to run (give it after --)")
    serve(schedule, text, args.command, args.run_log, args.run_now)


if __name__ == "__main__":
    main()
