#!/usr/bin/env python3
"""Validates real reports against schemas/report-v1.schema.json.

Usage: validate_json_reports.py SOURCE_DIR MRA_PREFLIGHT_BINARY

The reports are made by the built binary, as a user makes them: `cert` on every fixtures/certs
scenario with an expected.txt (its `args:` line, from its folder), `replay` of every
fixtures/captures/*.json (real lab runs), and those replays again one after another with
`--history`, so that each but the first has `changes`, then healthy.json once more and judged 20 days
before its certificates expire. Together they cover every finding status, a
withheld score and every kind of change; this script fails if they stop doing so, so the coverage
cannot silently shrink.
Uses python3-jsonschema (Debian 12: 4.10, which knows draft 2020-12).
"""
import copy
import json
import pathlib
import subprocess
import sys
import tempfile

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


def judged_later(capture, directory):
    """A copy of `capture` judged 20 days before its first leaf certificate expires."""
    content = json.loads(capture.read_text())
    facts = content["facts"]
    leaves = [endpoint["chain"]["presented"][endpoint["chain"]["path"][0]]["not_after"]
              for endpoint in facts["edges"] + [server["tls"] for server in facts["sip"] + facts["xmpp"]]
              if endpoint.get("chain") and endpoint["chain"]["path"]]
    facts["evaluated_at"] = min(leaves) - 20 * 86400
    content["started_at_ms"] += 1
    later = pathlib.Path(directory) / f"later-{capture.name}"
    later.write_text(json.dumps(content))
    return later


def history_reports(source, binary):
    """The replays recorded one after another in one history database: what changed each time; last,
    healthy.json again and judged 20 days before its certificates expire."""
    with tempfile.TemporaryDirectory() as directory:
        database = str(pathlib.Path(directory) / "history.db")
        captures = sorted((source / "fixtures/captures").glob("*.json"))
        healthy = source / "fixtures/captures/healthy.json"
        for capture in captures + [healthy, judged_later(healthy, directory)]:
            command = [binary, "replay", str(capture), "--history", database, "--format", "json"]
            yield f"replay --history {capture.name}", subprocess.run(command, capture_output=True, text=True)


def main():
    # Absolute: the cert runs happen in each fixture folder.
    source, binary = pathlib.Path(sys.argv[1]), str(pathlib.Path(sys.argv[2]).resolve())
    schema = json.loads((source / "schemas/report-v1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    failures, statuses, withheld, reports = [], set(), 0, []
    changes = []
    runs = list(cert_reports(source, binary)) + list(replay_reports(source, binary)) + list(
        history_reports(source, binary))
    for name, run in runs:
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
        if "changes" in report:
            changes.append(report)

    # The reports must exercise the schema, not just pass it.
    missing = {"pass", "info", "warn", "fail", "not_run", "not_applicable"} - statuses
    if missing:
        failures.append(f"no report has a finding with status {sorted(missing)}")
    if not withheld:
        failures.append("no report withholds its score")
    if len(reports) < 30:
        failures.append(f"only {len(reports)} reports were made")
    for kind in ["status", "score", "grade", "new_problems", "fixed", "certificates_replaced",
                 "certificates_closer_to_expiry"]:
        if not any(report["changes"].get(kind) for report in changes):
            failures.append(f"no report's changes have {kind}")

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
    example = next((r for r in changes if r["changes"]["new_problems"] and r["changes"]["certificates_replaced"]),
                   None)
    if example:
        for label, mutate in [
            ("a change of unknown status", lambda c: c["new_problems"][0].update(to="bogus")),
            ("changes without fixed", lambda c: c.pop("fixed")),
            ("an undocumented change", lambda c: c.update(surprise=[])),
            ("a replaced certificate without a fingerprint", lambda c: c["certificates_replaced"][0].pop("to_sha256")),
        ]:
            broken = copy.deepcopy(example)
            mutate(broken["changes"])
            if validator.is_valid(broken):
                failures.append(f"the schema accepts a report with {label}")

    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(reports)} reports, statuses {sorted(statuses)}, {withheld} with the score withheld, "
          f"{len(changes)} with changes")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
