#!/usr/bin/env python3
"""Renders real HTML reports in headless Chromium and checks what a person would see.

Usage: html_in_chromium.py SOURCE_DIR MRA_PREFLIGHT_BINARY OUT_DIR

The reports are made by the built binary as a user makes them (a replay of the lab's healthy and
MD5-signed captures, `cert` on the expired fixture), each with the JSON report of the same run
to hold the page against. Chromium and chromedriver are Debian's (scripts/install-deps); the
script speaks W3C WebDriver to chromedriver with the standard library alone. For each report it
reads the page's rendered text (innerText: what is on screen, not what is in the markup) and
layout, and checks the verdict, score and grade, the stage headings in the client's path order,
a failing finding's fix, an endpoint's chain drawn top to bottom leaf first with its countdown;
then that the browser requested nothing but the report files and logged no error (the page's
Content-Security-Policy would log any blocked load), after proving on a tampered copy that it
would notice. It writes a full-page screenshot of each report to OUT_DIR/html-report-NAME.png.
"""
import base64
import json
import pathlib
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request

STAGES = [("DNS", {"dns"}), ("Certificates", {"cert"}), ("Edge", {"edge"}), ("UDS/TFTP", {"uds", "tftp"}),
          ("SIP/XMPP/TURN", {"sip", "xmpp", "turn"})]

# name, arguments, working directory (relative to the source), the endpoint whose chain is checked
# ("" for the `cert` command's own, titled by the target) and the subjects it must show, leaf first
# (none: the page must say why there is no chain).
SCENARIOS = [
    ("healthy", ["replay", "fixtures/captures/healthy.json"], ".", "expe1.example.com:8443",
     ["CN=expe1.example.com,O=Example Corp,C=US", "CN=MRA Lab Issuing CA,O=mra-preflight lab",
      "CN=MRA Lab Root CA,O=mra-preflight lab"]),
    ("cert-md5", ["replay", "fixtures/captures/cert-md5.json"], ".", "expe2.example.com:5061",
     ["CN=expe2.example.com,O=Example Corp,C=US", "CN=MRA Lab Issuing CA,O=mra-preflight lab",
      "CN=MRA Lab Root CA,O=mra-preflight lab"]),
    ("expired", ["cert", "leaf.pem", "--chain", "chain.pem", "--ca-bundle", "../ca/root.pem",
                 "--at", "2027-01-15T00:00:00Z"], "fixtures/certs/expired", "",
     ["CN=expe.example.com,O=Example Corp,C=US", "CN=MRA Preflight Test Issuing CA,O=mra-preflight fixtures"]),
    # Unknown: the certificate does not decode, so there is no chain and the score is withheld.
    ("unreadable", ["cert", "truncated.pem", "--domain", "example.com", "--ca-bundle", "../ca/root.pem",
                    "--at", "2027-01-15T00:00:00Z"], "fixtures/certs/bad", "", []),
]

MAX_SCREENSHOT_HEIGHT = 16000  # Chromium's limit for one capture is 16384 pixels


class WebDriver:
    """Just enough W3C WebDriver: one chromedriver, one headless Chromium session."""

    def __init__(self):
        for program in ("chromedriver", "/usr/lib/chromium/chromium"):
            if not shutil.which(program):
                sys.exit(f"{program} is missing: scripts/install-deps installs Debian's chromium and chromium-driver")
        with socket.socket() as probe:  # a free port for chromedriver
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.driver = subprocess.Popen(["chromedriver", f"--port={self.port}"], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        self.session = None
        deadline = time.monotonic() + 10
        while True:
            try:
                self.call("GET", "/status")
                break
            except OSError:
                if time.monotonic() > deadline or self.driver.poll() is not None:
                    self.close()
                    sys.exit("chromedriver did not start")
                time.sleep(0.05)
        options = {
            "binary": "/usr/lib/chromium/chromium",  # not the /usr/bin wrapper script
            # --no-sandbox: Chromium's sandbox refuses to run as root, as tests here do.
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,1000",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--disable-default-apps"],
        }
        capabilities = {"browserName": "chrome", "goog:chromeOptions": options,
                        "goog:loggingPrefs": {"performance": "ALL", "browser": "ALL"}}
        try:
            self.session = self.call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})["sessionId"]
        except Exception:
            self.close()
            raise

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response)["value"]
        except urllib.error.HTTPError as error:  # WebDriver says what went wrong in the body
            raise RuntimeError(f"WebDriver {method} {path}: {error.read().decode(errors='replace')}") from None

    def command(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def script(self, source, *args):
        return self.command("POST", "/execute/sync", {"script": source, "args": list(args)})

    def log(self, kind):
        """Entries since the last call (chromedriver's extension to WebDriver)."""
        return self.command("POST", "/se/log", {"type": kind})

    def requested_urls(self):
        urls = []
        for entry in self.log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

    def errors(self):
        return [entry["message"] for entry in self.log("browser") if entry["level"] == "SEVERE"]

    def screenshot(self, path):
        """The whole page: the window made as tall as the page (up to Chromium's limit), then captured."""
        height, chrome = self.script("return [document.documentElement.scrollHeight,"
                                     " window.outerHeight - window.innerHeight]")
        self.command("POST", "/window/rect", {"width": 1280, "height": min(height, MAX_SCREENSHOT_HEIGHT) + chrome})
        path.write_bytes(base64.b64decode(self.command("GET", "/screenshot")))
        self.command("POST", "/window/rect", {"width": 1280, "height": 1000})

    def close(self):
        try:
            if self.session:
                self.command("DELETE", "")
        finally:
            self.driver.terminate()
            self.driver.wait(timeout=10)


# What the page shows, read from the rendered page: innerText is the text as laid out on screen
# (nothing of a closed <details>, nothing hidden), rectangles are where things are drawn.
READ_PAGE = """
const text = element => element ? element.innerText.trim() : null;
const grade = document.querySelector('header .grade');
return {
  text: document.body.innerText,
  headings: [...document.querySelectorAll('main h2')].map(h => ({text: text(h), top: h.getBoundingClientRect().top})),
  scripts: document.scripts.length,
  gradeSize: parseFloat(getComputedStyle(grade).fontSize),
  bodySize: parseFloat(getComputedStyle(document.body).fontSize),
  gradeVisible: grade.getBoundingClientRect().top < window.innerHeight,
  badges: [...document.querySelectorAll('li.finding')].map(item => ({
    word: text(item.querySelector('.badge')),
    colour: getComputedStyle(item.querySelector('.badge')).backgroundColor,
    check: item.dataset.check,
    findings: parseInt(item.dataset.findings),
    subject: text(item.querySelector('.subject')),
    message: text(item.querySelector('.message')),
  })),
  chains: [...document.querySelectorAll('article.chain')].map(article => ({
    title: text(article.querySelector('h3')),
    text: article.innerText,
    certificates: [...article.querySelectorAll('li.cert')].map(item => ({
      subject: text(item.querySelector('.subject')),
      countdown: text(item.querySelector('.countdown')),
      top: item.getBoundingClientRect().top,
      bottom: item.getBoundingClientRect().bottom,
      left: item.getBoundingClientRect().left,
    })),
  })),
};
"""


def countdown(days_left):
    days = f"{abs(days_left)} day{'' if abs(days_left) == 1 else 's'}"
    return f"expires in {days}" if days_left > 0 else f"expired {days} ago" if days_left < 0 else "less than a day"


def listings(names):
    """How a row may list these subjects: their names joined, or, when they are one part of several
    endpoints ("expe1.example.com:8443 chain", "expe2.example.com:8443 chain"), "chain of" the
    endpoints."""
    names = [name for name in names if name]
    joined = [", ".join(names)]
    split = [name.rsplit(" ", 1) for name in names]
    if all(len(pair) == 2 for pair in split) and len({part for _, part in split}) == 1:
        joined.append(f"{split[0][1]} of " + ", ".join(endpoint for endpoint, _ in split))
    return joined


def check_page(page, report, endpoint, subjects, failures):
    text = page["text"]

    def expect(condition, what):
        if not condition:
            failures.append(what)

    # At a glance: the verdict, score and grade, large and at the top.
    status = report["status"].upper()
    if report["score"] is None:
        mark, headline = "?\nscore withheld\n", f"Status {status}: score withheld"
        expect(report["score_withheld_because"] in text, "the reason the score is withheld is not shown")
    else:
        mark = f"{report['grade']}\n{report['score']}/100\n"
        headline = f"Status {status}: score {report['score']}/100, grade {report['grade']}"
    expect(text.startswith(mark), f"the page does not open with {mark!r}")
    expect(headline in text, f"'{headline}' not shown")
    expect(page["gradeVisible"], "the grade is not in the first screen")
    expect(page["gradeSize"] >= 2.5 * page["bodySize"], f"the grade is not prominent ({page['gradeSize']}px)")
    for field in ("target", "profile", "evaluated_at"):
        expect(report[field] in text, f"{field} {report[field]} not shown")
    expect(page["scripts"] == 0, "the page has scripts")
    for error in report["errors"]:
        expect(error in text, f"the input error '{error}' is not shown")

    # The stages, in the order of the client's path, then the chains.
    groups = {finding["id"].split(".")[0] for finding in report["findings"]}
    wanted = [title for title, members in STAGES if groups & members]
    if groups - set().union(*(members for _, members in STAGES)):
        wanted.append("Other")
    wanted.append("Certificate chains")
    headings = [heading["text"] for heading in sorted(page["headings"], key=lambda heading: heading["top"])]
    expect(headings == wanted, f"headings from the top {headings}, expected {wanted}")

    # Every problem with its fix in view; the status as a word and in a colour of its own.
    for finding in report["findings"]:
        if finding["status"] in ("fail", "warn", "error"):
            expect(f"Fix: {finding['remediation']}" in text, f"the fix of {finding['id']} is not shown")
    words = {"pass": "PASS", "fail": "FAIL", "warn": "WARN", "info": "INFO", "error": "ERROR",
             "not_applicable": "N/A", "not_run": "NOT RUN"}
    shown = [badge["word"] for badge in page["badges"] for _ in range(badge["findings"])]
    expect(sorted(shown) == sorted(words[finding["status"]] for finding in report["findings"]),
           "the status words do not match the findings")
    # What is true of several subjects is said once, in a row that lists them all.
    said = {}
    for finding in report["findings"]:
        said.setdefault((finding["id"], finding["status"], finding["message"]), []).append(finding["subject"])
    for (check, status, message), subjects_said in said.items():
        rows = [badge for badge in page["badges"]
                if badge["check"] == check and badge["word"] == words[status] and badge["message"] == message]
        expect(len(rows) == 1, f"{check} '{message}' is said in {len(rows)} rows, not once")
        if rows and len(subjects_said) > 1:
            expect(rows[0]["subject"] in listings(subjects_said),
                   f"{check} '{message}': the row lists {rows[0]['subject']!r}, not {subjects_said}")
    colours = {}
    for badge in page["badges"]:
        colours.setdefault(badge["word"], set()).add(badge["colour"])
    for word in ("PASS", "FAIL"):
        if word in colours:
            expect(len(colours[word]) == 1, f"{word} badges in several colours")
    if "PASS" in colours and "FAIL" in colours:
        expect(colours["PASS"] != colours["FAIL"], "PASS and FAIL in the same colour")

    # The endpoint's chain: drawn top to bottom in one column, leaf first, with its countdown.
    title = endpoint or report["target"]
    chain = next((chain for chain in page["chains"] if chain["title"] == title), None)
    if chain is None:
        failures.append(f"no chain drawn for {title}")
        return
    certificates = chain["certificates"]
    if not subjects:
        expect(not certificates and "No chain: " in chain["text"], f"{title}: no chain, and no reason why shown")
    expect([c["subject"] for c in certificates] == subjects,
           f"chain of {title}: {[c['subject'] for c in certificates]}, expected {subjects}")
    expect(all(a["bottom"] <= b["top"] and a["left"] == b["left"] for a, b in zip(certificates, certificates[1:])),
           f"chain of {title} is not drawn as one column, leaf on top")
    prefix = f"{endpoint} " if endpoint else ""
    for position in range(len(certificates)):
        part = "leaf" if position == 0 else f"chain[{position}]"
        expiry = next((f for f in report["findings"] if f["id"] == "cert.expiry" and f["subject"] == prefix + part),
                      None)
        if expiry:
            wanted = countdown(expiry["evidence"]["days_left"])
            expect(wanted in (certificates[position]["countdown"] or ""),
                   f"{title} {part}: countdown '{certificates[position]['countdown']}', expected '{wanted}'")
            expect(f"{expiry['evidence']['not_after'][:10]}, {wanted}" in chain["text"],
                   f"{title} {part}: the not-after date is not shown")


def check_md5_said_once(page, failures):
    """Both peers present the MD5-signed certificate on 8443, 5061 and 5222: one problem, one row
    naming the six endpoints."""
    rows = [badge for badge in page["badges"] if badge["check"] == "cert.signature-hash" and badge["word"] == "FAIL"]
    endpoints = [f"expe{peer}.example.com:{port}" for port in (8443, 5061, 5222) for peer in (1, 2)]
    if len(rows) != 1 or rows[0]["findings"] != 6 or not rows[0]["subject"].startswith("chain of ") or \
            sorted(rows[0]["subject"][len("chain of "):].split(", ")) != sorted(endpoints):
        failures.append(f"the MD5 signature is not one row naming the six endpoints: {rows}")


def check_png(path, failures):
    data = path.read_bytes() if path.exists() else b""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        failures.append(f"{path} is not a PNG")
        return
    width, height = struct.unpack(">II", data[16:24])
    if width != 1280 or height < 1000 or len(data) < 20000:
        failures.append(f"{path}: {width}x{height}, {len(data)} bytes: not a whole page")


def main():
    source, binary, out = (pathlib.Path(argument).resolve() for argument in sys.argv[1:4])
    out.mkdir(parents=True, exist_ok=True)
    failures, pages = [], []
    for name, args, directory, endpoint, subjects in SCENARIOS:
        html, report_json = out / f"html-report-{name}.html", out / f"html-report-{name}.json"
        run = subprocess.run([str(binary)] + args + ["--format", f"html={html}", "--format", f"json={report_json}"],
                             cwd=source / directory, capture_output=True, text=True)
        if run.returncode not in (0, 1, 2, 3) or not html.exists():
            sys.exit(f"{name}: exit {run.returncode}: {run.stderr.strip()}")
        pages.append((name, html, json.loads(report_json.read_text()), endpoint, subjects))

    started = time.monotonic()
    browser = WebDriver()
    try:
        for name, html, report, endpoint, subjects in pages:
            before = len(failures)
            browser.command("POST", "/url", {"url": html.as_uri()})
            page = browser.script(READ_PAGE)
            check_page(page, report, endpoint, subjects, failures)
            if name == "cert-md5":
                check_md5_said_once(page, failures)
            screenshot = out / f"html-report-{name}.png"
            browser.screenshot(screenshot)
            check_png(screenshot, failures)
            failures[before:] = [f"{name}: {failure}" for failure in failures[before:]]
            print(f"{name}: {report['status']}, {len(report['findings'])} findings; screenshot {screenshot}")

        allowed = {html.as_uri() for _, html, *_ in pages}
        for url in browser.requested_urls():
            if url not in allowed:
                failures.append(f"the browser requested {url}")
        for error in browser.errors():
            failures.append(f"the browser logged an error: {error}")

        # The two checks above must be able to fail: a copy of a report with an external image.
        tampered = out / "html-report-tampered.html"
        page = pages[0][1].read_text()
        tampered.write_text(page.replace("</h1>", '</h1><img src="http://example.invalid/pixel.png" />', 1))
        browser.command("POST", "/url", {"url": tampered.as_uri()})
        caught = [url for url in browser.requested_urls() if "example.invalid" in url] + \
                 [error for error in browser.errors() if "example.invalid" in error]
        if not caught:
            failures.append("an external image in the page went unnoticed: the network checks cannot fail")
        tampered.unlink()
    finally:
        browser.close()

    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(pages)} reports checked in Chromium in {time.monotonic() - started:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
