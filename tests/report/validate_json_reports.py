#!/usr/bin/env python3
"""Validates real reports against schemas/report-v1.schema.json.

Usage: validate_json_reports.py SOURCE_DIR MRA_PREFLIGHT_BINARY

The reports are made by the built binary, as a user makes them: `cert` on every fixtures/certs
scenario with an expected.txt (its `args:` line, from its folder) and `replay` of every
fixtures/captures/*.json (real lab runs). Together they cover every finding status and a
withheld score; this script fails if they stop doing so, so the coverage cannot silently shrink.
Uses python3-jsonschema (Debian 12: 4.10, which knows draft 2020-12).
"""
import copy
import json
import pathlib
import subprocess
import sys

import jsonschema


def cert_reports(source, binary):
    for folder in sorted((source / "fixtures/certs").iterdir()):
        expected = folder / "expected.txt"
        if not expected.is_file():
            continue
        args = []
        for line in expected.read_text().splitlines():
            if line.startswith("args:"):
                args = line.split()[1:]
        command = [binary, "cert", "--ca-bundle", "../ca/root.pem", "--at", "2027-01-15T00:00:00Z",
                   "--format", "json"] + args
        yield f"cert {folder.name}", subprocess.run(command, cwd=folder, capture_output=True, text=True)


def replay_reports(source, binary):
    for capture in sorted((source / "fixtures/captures").glob("*.json")):
        command = [binary, "replay", str(capture), "--format", "json"]
        yield f"replay {capture.name}", subprocess.run(command, capture_output=True, text=True)


def main():
    # Absolute: the cert runs happen in each fixture folder.
    source, binary = pathlib.Path(sys.argv[1]), str(pathlib.Path(sys.argv[2]).resolve())
    schema = json.loads((source / "schemas/report-v1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    failures, statuses, withheld, reports = [], set(), 0, []
    for name, run in list(cert_reports(source, binary)) + list(replay_reports(source, binary)):
        if run.returncode not in (0, 1, 2, 3):
            failures.append(f"{name}: exit {run.returncode}: {run.stderr.strip()}")
            continue
        try:
            report = json.loads(run.stdout)
        except json.JSONDecodeError as error:
            failures.append(f"{name}: not JSON ({error})")
            continue
        for error in validator.iter_errors(report):
            failures.append(f"{name}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
        statuses.update(finding["status"] for finding in report.get("findings", []))
        withheld += report.get("score") is None
        reports.append(report)

    # The reports must exercise the schema, not just pass it.
    missing = {"pass", "info", "warn", "fail", "not_run", "not_applicable"} - statuses
    if missing:
        failures.append(f"no report has a finding with status {sorted(missing)}")
    if not withheld:
        failures.append("no report withholds its score")
    if len(reports) < 30:
        failures.append(f"only {len(reports)} reports were made")

    # And the schema must reject what breaks the contract.
    if reports:
        for label, mutate in [
            ("unknown finding status", lambda r: r["findings"][0].update(status="bogus")),
            ("missing target", lambda r: r.pop("target")),
            ("undocumented field", lambda r: r.update(surprise=1)),
            ("score out of range", lambda r: r.update(score=101, grade="A")),
            ("withheld score with no reason", lambda r: (r.update(score=None, grade=None),
                                                         r.pop("score_withheld_because", None))),
        ]:
            broken = copy.deepcopy(reports[0])
            mutate(broken)
            if validator.is_valid(broken):
                failures.append(f"the schema accepts a report with {label}")

    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(reports)} reports, statuses {sorted(statuses)}, {withheld} with the score withheld")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
