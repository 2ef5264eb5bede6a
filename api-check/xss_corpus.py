#!/usr/bin/env python3
"""Hostile strings through every text field a person can fill in Löfte, and back out.

Starts its own `lofte serve --demo` on a fresh data folder, then puts a corpus of XSS,
SQL-injection, Typst-markup and odd-Unicode strings into

  * the write API's promise document (title, aim, focus areas, focus text, outcome goal,
    commitment texts, partner names, local plans), one promise per string plus one
    promise (2030) that holds every string as a commitment;
  * the public input form (`/kommun/0482/tyck-till`: text and address), from several
    loopback source addresses because the form allows five inputs at once per address;
  * the coordinator's moderation form (each input published with the hostile text);
  * a safety walk's findings (description, owner, a status reason, a reassignment);
  * a follow-up report of the 2030 promise (narrative, reason, evidence links, "what we
    learned"), published so that its public page and PDF exist;

and reads back every page and export that shows them: the public and staff promise
pages, the follow-up page and its PDFs, the API's JSON, the public and staff lists of
inputs with their CSV and GeoJSON, the staff CSV/XLSX exports. It checks that

  * no answer is a 5xx, and the database still answers afterwards;
  * HTML: no corpus string with markup appears unescaped, no element or attribute the
    corpus tried to inject exists (inline scripts, on* handlers, javascript: links,
    iframes, `<img src=x>`), and each string does appear (decoded) where it should;
  * JSON, GeoJSON and CSV give back the exact string (CSV may guard a formula with `'`);
  * the XLSX is well-formed XML without formulas;
  * the PDFs render (200, `%PDF`), and with pdftotext: Typst markup came out as text.

Only the Python standard library. Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import html
import html.parser
import http.client
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zipfile
from xml.etree import ElementTree

CODE = "0482"  # Flen, the demo municipality
SHORT = 200  # Text::SHORT (titles, names, focus areas, owners, reasons for a status)
LONG = 4000  # Text::LONG (aim, commitment text, narratives, finding descriptions)
INPUT_TEXT = 2000  # NewInput::MAX_TEXT
INPUT_ADDRESS = 200  # NewInput::MAX_ADDRESS
REPORT_YEAR = 2030
FIRST_YEAR = 2031  # one promise per corpus string from here on

LONG_200 = ("<b>lång</b>\"'&" * 20)[:SHORT]
LONG_2000 = ("<script>alert('lång')</script>" + "Å" * 70) * 20
LONG_2000 = LONG_2000[:INPUT_TEXT]
LONG_4000 = ("\"><img src=x onerror=alert(1)>" + "ä" * 70) * 40
LONG_4000 = LONG_4000[:LONG]

# (name, string). None of them starts or ends with whitespace: every field is trimmed.
CORPUS: list[tuple[str, str]] = [
    ("script-tag", "<script>alert('xss')</script>"),
    ("img-onerror", '"><img src=x onerror=alert(1)>'),
    ("svg-onload", "'><svg/onload=alert(1)>"),
    ("attr-breakout-dq", '" autofocus onfocus="alert(1)'),
    ("attr-breakout-sq", "' onmouseover='alert(1)"),
    ("javascript-url", "javascript:alert(document.cookie)"),
    ("anchor-js", '<a href="javascript:alert(1)">klicka här</a>'),
    ("close-textarea", "</textarea><script>alert(2)</script>"),
    ("close-title", "</title><script>alert(3)</script>"),
    ("close-script", "</script><script>alert(4)</script>"),
    ("iframe", '<iframe src="https://evil.example/"></iframe>'),
    ("style", "<style>body{display:none}</style>"),
    ("comment-cdata", "<!-- kommentar --> ]]> <![CDATA[x]]>"),
    ("entities", "&lt;script&gt; &amp; &#x3C;b&#x3E; &quot;"),
    ("template", "{{7*7}} ${7*7} <%= 7*7 %> {% raw %}"),
    ("sql-drop", "'; DROP TABLE promise; --"),
    ("sql-or", "' OR 1=1 --"),
    ("sql-or-dq", '" OR ""="'),
    ("sql-union", "x' UNION SELECT password_hash FROM account --"),
    ("sql-delete", "1); DELETE FROM citizen_input; /*"),
    ("typst-import", '#import "x"'),
    ("typst-read", '#read("/etc/passwd")'),
    ("typst-bracket", "]"),
    ("typst-dollar", "$"),
    ("typst-markup", "*bold* _emph_ `raw` @ref <label> = rubrik"),
    ("typst-code", '#set page(width: 1pt) #{ panic("boom") } \\ // /* x'),
    ("rtl-override", "abc\u202egnp.exe\u202c def"),
    ("invisible", "\u200b\u2066mitt\u2069\u200d\ufeffslut"),
    ("crlf", "x\r\nSet-Cookie: stulen=1\r\n\r\n<b>fet</b>"),
    ("csv-formula", '=HYPERLINK("https://evil.example","klicka")'),
    ("csv-formula-plus", "+cmd|' /C calc'!A0"),
    ("path-format", "../../../etc/passwd %s%n%x {0}"),
    ("unicode", "Åäö 𝕏 👮\u200d♀️ e\u0301 Z̴̧̛̗a̷l̵g̶o"),
    ("long-200", LONG_200),
    ("long-2000", LONG_2000),
    ("long-4000", LONG_4000),
]

# Control characters are refused (422 with a message on the field, nothing stored): no
# one types them, PostgreSQL refuses a NUL byte, and terminals act on escapes.
REFUSED: list[tuple[str, str]] = [
    ("nul-byte", "före\x00efter"),
    ("control-chars", "a\x01\x07\x1b[31mröd\x1b[0m"),
]

HIDE_TEXT = "Att dölja: <script>alert(5)</script>"
FLEN_POINT = ("59.0574", "16.5887")  # inside Flen (the input form checks the boundary)


# --------------------------------------------------------------------------- server


class Server:
    """`lofte serve --demo` on a fresh data folder and a free port."""

    def __init__(self, binary: str, work: str, database_url: str | None = None) -> None:
        self.binary = binary
        self.data = os.path.join(work, "data")
        # Where the data lives: a SQLite file in a fresh folder, or the given database.
        self.where = ["--database-url", database_url] if database_url else ["--data-dir", self.data]
        self.log_path = os.path.join(work, "server.log")
        self.env = {k: v for k, v in os.environ.items() if k != "LOFTE_CONFIG"}
        self.work = work
        self.proc: subprocess.Popen | None = None
        self.url = ""
        self.accounts: dict[str, str] = {}
        # Load the Flen demo (and print its accounts); off for a second instance.
        self.demo = True

    def start(self) -> None:
        log = open(self.log_path, "wb")
        # cwd is the work folder, so a developer's ./lofte.toml is not read.
        self.proc = subprocess.Popen(
            [self.binary, *self.where, "serve", *(["--demo"] if self.demo else []), "--bind", "127.0.0.1:0"],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.work,
            env=self.env,
        )
        deadline = time.time() + 180
        while time.time() < deadline:
            text = open(self.log_path, encoding="utf-8", errors="replace").read()
            for m in re.finditer(r"^\s+(\S+@\S+)\s+(\S+)\s+\(", text, re.M):
                self.accounts[m.group(1)] = m.group(2)
            url = re.search(r"http://127\.0\.0\.1:\d+", text)
            if url:
                self.url = url.group(0)
                return
            if self.proc.poll() is not None:
                raise SystemExit(f"lofte serve stopped (exit {self.proc.returncode}):\n{text[-3000:]}")
            time.sleep(0.3)
        raise SystemExit("lofte serve did not print its address within 180 s")

    def cli(self, *args: str) -> str:
        out = subprocess.run(
            [self.binary, *self.where, *args],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# --------------------------------------------------------------------------- HTTP


class Response:
    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name: str) -> str | None:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body.decode("utf-8"))


class Client:
    """A small HTTP client: a cookie jar, an Origin header on POSTs, a log of answers."""

    def __init__(self, base: str, report: "Report") -> None:
        u = urllib.parse.urlsplit(base)
        self.base = base
        self.host = u.hostname or "127.0.0.1"
        self.port = u.port or 80
        self.cookies: dict[str, str] = {}
        self.report = report
        self.count = 0

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        source: str | None = None,
    ) -> Response:
        conn = http.client.HTTPConnection(
            self.host, self.port, timeout=120, source_address=(source, 0) if source else None
        )
        h = {"Accept-Language": "sv"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            h["Origin"] = self.base
        h.update(headers or {})
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        resp = Response(r.status, r.getheaders(), r.read())
        conn.close()
        self.count += 1
        for k, v in resp.headers:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if resp.status >= 500:
            self.report.fail(f"server error: {method} {path} answered {resp.status} {resp.text[:300]!r}")
        return resp

    def get(self, path: str, **kw) -> Response:
        return self.request("GET", path, **kw)

    def form(self, path: str, fields: list[tuple[str, str]] | dict[str, str], **kw) -> Response:
        items = fields.items() if isinstance(fields, dict) else fields
        body = urllib.parse.urlencode(list(items)).encode()
        return self.request(
            "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}, **kw
        )

    def post_json(self, path: str, doc, token: str | None) -> Response:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.request("POST", path, json.dumps(doc).encode(), headers)


# --------------------------------------------------------------------------- checks


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failures: list[str] = []

    def ok(self, cond: bool, message: str) -> bool:
        if cond:
            self.passed += 1
        else:
            self.fail(message)
        return cond

    def fail(self, message: str) -> None:
        self.failures.append(message)
        print(f"  FAIL {message}", flush=True)


def squash(s: str) -> str:
    """A string without whitespace: how a page's text is compared with what went in."""
    return re.sub(r"\s+", "", s)


class Scan(html.parser.HTMLParser):
    """What an HTML page really contains: elements, attributes, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.in_script = False
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    def check(self, tag, attrs):
        attrs = [(k, v or "") for k, v in attrs]
        d = dict(attrs)
        for k, v in attrs:
            self.text.append(v)
            if k.startswith("on"):
                self.problems.append(f"<{tag}> has an event-handler attribute {k}={v!r}")
            if k in ("href", "src", "action", "formaction", "xlink:href", "data"):
                bare = re.sub(r"[\s\x00-\x1f]", "", v).lower()
                if bare.startswith("javascript:"):
                    self.problems.append(f"<{tag} {k}={v!r}> is a javascript: link")
        if tag in ("iframe", "object", "embed", "frame", "base"):
            self.problems.append(f"an injected <{tag}> element")
        if tag == "img" and d.get("src") == "x":
            self.problems.append("an injected <img src=x>")
        if tag == "script":
            self.in_script = True
            if not d.get("src", "").startswith("/"):
                self.problems.append(f"a <script> without a same-site src: {attrs!r}")
        if tag == "style":
            self.in_style = True
        if tag == "meta" and d.get("http-equiv", "").lower() == "refresh":
            self.problems.append("an injected <meta http-equiv=refresh>")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append(f"an inline script: {data[:80]!r}")
        if self.in_style and "display:none" in data:
            self.problems.append("an injected <style>")
        self.text.append(data)

    def handle_comment(self, data):
        if "kommentar" in data:
            self.problems.append("an injected HTML comment")


def check_html(report: Report, where: str, resp: Response, expect: list[tuple[str, str]] = (), status: int = 200) -> str:
    """Checks one HTML answer; `expect` lists (name, string) that must show (decoded)."""
    if not report.ok(resp.status == status, f"{where}: status {resp.status}, expected {status}"):
        return ""
    ctype = resp.header("content-type") or ""
    report.ok(ctype.startswith("text/html"), f"{where}: content type {ctype!r}")
    page = resp.text
    scan = Scan()
    scan.feed(page)
    scan.close()
    for p in dict.fromkeys(scan.problems):
        report.fail(f"{where}: {p}")
    for name, s in CORPUS:
        if "<" in s and s in page:
            report.fail(f"{where}: corpus string {name} appears unescaped")
        else:
            report.passed += 1
    for bad in ('"><img src=x', "'><svg/onload", "<script>alert", "</textarea><script>alert", "</title><script>alert"):
        report.ok(bad not in page, f"{where}: raw {bad!r} in the page")
    text = squash("".join(scan.text))
    for name, s in expect:
        report.ok(squash(s) in text, f"{where}: corpus string {name} is not shown")
    return page


def check_exact(report: Report, where: str, got, want: str, name: str) -> None:
    report.ok(got == want, f"{where}: {name} came back as {str(got)[:120]!r}, sent {str(want)[:120]!r}")


def check_document(report: Report, where: str, got: dict, sent: dict) -> None:
    """The 201 answer holds every field that was sent, unchanged."""
    for key, value in sent.items():
        report.ok(got.get(key) == value, f"{where}: {key} came back as {str(got.get(key))[:160]!r}, sent {str(value)[:160]!r}")


def fits(s: str, limit: int) -> bool:
    return len(s.strip()) <= limit


def self_test() -> None:
    """The checks must catch what they are for: an unescaped page fails, an escaped passes."""
    import html as html_lib

    def run(page: str, expect) -> Report:
        r = Report()
        resp = Response(200, [("Content-Type", "text/html; charset=utf-8")], page.encode())
        out = io.StringIO()
        stdout, sys.stdout = sys.stdout, out
        try:
            check_html(r, "self-test", resp, expect)
        finally:
            sys.stdout = stdout
        return r

    shell = '<html><head><title>t</title><script src="/static/map.js" defer></script></head><body>{}</body></html>'
    escaped = "".join(f"<p>{html_lib.escape(s)}</p><input value=\"{html_lib.escape(s)}\">" for _, s in CORPUS)
    good = run(shell.format(escaped), CORPUS)
    assert not good.failures, f"self-test: an escaped page failed: {good.failures[:3]}"
    # Every string with markup, unescaped in text; the breakouts, unescaped in attributes.
    cases = [(name, "<p>{}</p>") for name, s in CORPUS if "<" in s]
    cases += [
        ("img-onerror", '<input value="{}">'),
        ("attr-breakout-dq", '<input value="{}">'),
        ("attr-breakout-sq", "<input value='{}'>"),
        ("svg-onload", "<input value='{}'>"),
        ("javascript-url", '<a href="{}">x</a>'),
        ("close-textarea", "<textarea>{}</textarea>"),
    ]
    strings = dict(CORPUS)
    for name, template in cases:
        bad = run(shell.format(template.format(strings[name])), [(name, strings[name])])
        assert bad.failures, f"self-test: {name} unescaped in {template!r} was not caught"
    missing = run(shell.format("<p>nothing here</p>"), CORPUS[:1])
    assert missing.failures, "self-test: a string that is not shown was not caught"


# --------------------------------------------------------------------------- steps


def promise_doc(year: int, title: str, aim: str, focus: list[str], commitments: list[dict], **extra) -> dict:
    doc = {
        "municipality": CODE,
        "years": {"first": year, "last": year},
        "title": title,
        "aim": aim,
        "focus_areas": focus,
        "outcome_goal": {"text": extra.pop("goal", "Tryggheten ska öka."), "measured_in": year},
        "follow_up": {"internal": "tertial", "final_report": {"year": year + 1, "quarter": 1}},
        "status": "published",
        "commitments": commitments,
    }
    doc.update(extra)
    return doc


def write_api(c: Client, r: Report, token: str) -> tuple[dict[int, tuple[str, str]], list[tuple[str, str]]]:
    """Creates the promises; returns {year: (name, string)} for the one-string promises
    and the strings that the 2030 promise holds as its commitments."""
    print("== write API: promise documents", flush=True)
    api = f"/api/v1/municipalities/{CODE}/promises"
    per_year: dict[int, tuple[str, str]] = {}
    for i, (name, s) in enumerate(CORPUS):
        year = FIRST_YEAR + i
        short = s if fits(s, SHORT) else f"Medborgarlöfte {year}"
        com = [
            {"party": "together", "kind": "process", "text": s},
            {"party": {"partner": short}, "kind": "output", "text": s, "local_plan": short},
        ]
        doc = promise_doc(year, short, s, [short], com, focus_text=s, goal=s)
        resp = c.post_json(api, doc, token)
        if r.ok(resp.status == 201, f"POST {api} ({name}, {year}): {resp.status} {resp.text[:300]}"):
            check_document(r, f"201 answer {year} ({name})", resp.json(), doc)
            per_year[year] = (name, s)
    accepted = [(n, x) for n, x in CORPUS if any(v == (n, x) for v in per_year.values())]
    # 2030: every string the database took above is a commitment (a string it could not
    # store is reported there once, and left out here so that the report, its PDF and the
    # exports are still tested), every short one a focus area (at most 20).
    commitments = []
    for i, (name, s) in enumerate(accepted):
        party = ["together", "police", "municipality"][i % 3]
        com = {"party": party, "kind": "process", "text": s}
        if i % 4 == 3 and fits(s, SHORT):
            com = {"party": {"partner": s}, "kind": "process", "text": s, "local_plan": s}
        commitments.append(com)
    focus = [s for _, s in accepted if fits(s, SHORT)][:20]
    doc = promise_doc(
        REPORT_YEAR,
        "</title><script>alert(3)</script> Medborgarlöfte",
        LONG_4000,
        focus,
        commitments,
        focus_text=" ".join(s for _, s in accepted[:20]),
        goal='#read("/etc/passwd") $ ] *bold*',
    )
    resp = c.post_json(api, doc, token)
    if r.ok(resp.status == 201, f"POST {api} ({REPORT_YEAR}, every string): {resp.status} {resp.text[:300]}"):
        back = resp.json()
        check_document(r, f"201 answer {REPORT_YEAR}", back, doc)
    # Too long: refused whole, field by field, nothing stored.
    year = FIRST_YEAR + len(CORPUS)
    doc = promise_doc(year, "x" * (SHORT + 1), "y" * (LONG + 1), ["z" * (SHORT + 1)], [{"party": "together", "kind": "process", "text": "<b>" * 1400}])
    resp = c.post_json(api, doc, token)
    if r.ok(resp.status == 422, f"POST {api} (too long): {resp.status}, expected 422"):
        paths = {e.get("path") for e in resp.json().get("errors", [])}
        r.ok({"title", "aim", "focus_areas[0]", "commitments[0].text"} <= paths, f"too-long document: error paths {sorted(paths)}")
    r.ok(c.get(f"{api}/{year}").status == 404, f"too-long document {year} was stored")
    # A second promise for a year that has one: 409, the first one unchanged.
    resp = c.post_json(api, promise_doc(FIRST_YEAR, "andra", "andra", [], [{"party": "together", "kind": "process", "text": "andra"}]), token)
    r.ok(resp.status == 409, f"POST {api} (year taken): {resp.status}, expected 409")
    # Without a token 401, with it for another municipality 403, no 5xx.
    resp = c.post_json(api, promise_doc(2099, "t", "a", [], [{"party": "together", "kind": "process", "text": "c"}]), None)
    r.ok(resp.status == 401, f"POST {api} without a token: {resp.status}, expected 401")
    resp = c.post_json("/api/v1/municipalities/0480/promises", promise_doc(2099, "t", "a", [], [{"party": "together", "kind": "process", "text": "c"}]), token)
    r.ok(resp.status == 403, f"POST for another municipality: {resp.status}, expected 403")
    return per_year, accepted


def read_promises(c: Client, r: Report, per_year: dict[int, tuple[str, str]], accepted: list[tuple[str, str]], staff: bool) -> None:
    print("== promise pages and JSON", flush=True)
    api = f"/api/v1/municipalities/{CODE}/promises"
    # 2030: every string back from JSON; every string shown on the page.
    resp = c.get(f"{api}/{REPORT_YEAR}")
    if r.ok(resp.status == 200, f"GET {api}/{REPORT_YEAR}: {resp.status}"):
        doc = resp.json()
        for (name, s), com in zip(accepted, doc.get("commitments", [])):
            check_exact(r, f"JSON {REPORT_YEAR} commitment", com.get("text"), s, name)
        r.ok(len(doc.get("commitments", [])) == len(accepted), f"JSON {REPORT_YEAR}: {len(doc.get('commitments', []))} commitments")
    page = f"/kommun/{CODE}/{REPORT_YEAR}"
    check_html(r, f"GET {page}", c.get(page), accepted)
    if staff:
        page = f"/personal/kommun/{CODE}/{REPORT_YEAR}"
        check_html(r, f"GET {page}", c.get(page), accepted)
    for year, (name, s) in per_year.items():
        resp = c.get(f"{api}/{year}")
        if r.ok(resp.status == 200, f"GET {api}/{year}: {resp.status}"):
            doc = resp.json()
            short = s if fits(s, SHORT) else f"Medborgarlöfte {year}"
            check_exact(r, f"JSON {year} title", doc.get("title"), short, name)
            check_exact(r, f"JSON {year} aim", doc.get("aim"), s, name)
            check_exact(r, f"JSON {year} focus_areas", doc.get("focus_areas"), [short], name)
            check_exact(r, f"JSON {year} focus_text", doc.get("focus_text"), s, name)
            check_exact(r, f"JSON {year} outcome_goal.text", doc.get("outcome_goal", {}).get("text"), s, name)
            coms = doc.get("commitments", [{}, {}])
            check_exact(r, f"JSON {year} commitments[0].text", coms[0].get("text"), s, name)
            check_exact(r, f"JSON {year} partner", coms[1].get("party"), {"partner": short}, name)
            check_exact(r, f"JSON {year} local_plan", coms[1].get("local_plan"), short, name)
        page = f"/kommun/{CODE}/{year}"
        check_html(r, f"GET {page} ({name})", c.get(page), [(name, s)])
        if staff:
            page = f"/personal/kommun/{CODE}/{year}"
            check_html(r, f"GET {page} ({name})", c.get(page), [(name, s)])
    # The municipality's promise list (titles) and the public start pages.
    resp = c.get(f"/api/v1/municipalities/{CODE}")
    if r.ok(resp.status == 200, f"GET /api/v1/municipalities/{CODE}: {resp.status}"):
        titles = {p["title"] for p in resp.json().get("promises", [])}
        for year, (name, s) in per_year.items():
            if fits(s, SHORT):
                r.ok(s in titles, f"GET /api/v1/municipalities/{CODE}: title {name} missing")
    for page in ("/", f"/kommun/{CODE}"):
        check_html(r, f"GET {page}", c.get(page))


def sign_in(c: Client, r: Report, email: str, password: str) -> bool:
    print(f"== sign in as {email}", flush=True)
    c.get("/logga-in")
    resp = c.form("/logga-in", {"email": email, "password": password, "nasta": ""})
    ok = resp.status in (302, 303) and bool(c.cookies)
    r.ok(ok, f"POST /logga-in: {resp.status} {resp.text[:200]}")
    return ok


def refused(c: Client, r: Report, token: str) -> None:
    """Strings with control characters: refused with a message, and nothing stored."""
    print("== control characters are refused", flush=True)
    api = f"/api/v1/municipalities/{CODE}/promises"
    for i, (name, s) in enumerate(REFUSED):
        year = FIRST_YEAR + len(CORPUS) + 10 + i
        doc = promise_doc(year, f"Medborgarlöfte {year}", s, ["Fokus"], [{"party": "together", "kind": "process", "text": s}])
        resp = c.post_json(api, doc, token)
        r.ok(resp.status == 422 and "styrtecken" in resp.text, f"POST {api} ({name}): {resp.status}, expected 422 naming the control character")
        r.ok(c.get(f"{api}/{year}").status == 404, f"POST {api} ({name}): refused, yet stored")
        resp = c.form(
            f"/kommun/{CODE}/tyck-till",
            {"input_locality": "flen", "input_category": "lighting", "input_text": s},
            source=f"127.0.0.{200 + i}",
        )
        r.ok(resp.status == 422 and "styrtecken" in resp.text, f"POST /kommun/{CODE}/tyck-till ({name}): {resp.status}, expected 422 naming the control character")


def inputs(c: Client, r: Report) -> dict[str, str]:
    """Submits one input per corpus string; returns {string: address sent}."""
    print("== public input form", flush=True)
    path = f"/kommun/{CODE}/tyck-till"
    sent: dict[str, str] = {}
    for i, (name, s) in enumerate(CORPUS):
        text = s if fits(s, INPUT_TEXT) else s[:INPUT_TEXT]
        address = s if fits(s, INPUT_ADDRESS) else "Storgatan 1"
        fields = {
            "input_locality": "flen",
            "input_category": "lighting",
            "input_text": text,
            "input_address": address,
            "input_lat": FLEN_POINT[0],
            "input_lon": FLEN_POINT[1],
        }
        # Five inputs at once per client address: a new loopback address every five.
        source = f"127.0.0.{10 + i // 5}"
        resp = c.form(path, fields, source=source)
        if r.ok(resp.status in (302, 303), f"POST {path} ({name}): {resp.status} {resp.text[:300]!r}"):
            sent[text] = address
    # A refused form shows what was typed again: escaped, too.
    source = f"127.0.0.{10 + len(CORPUS) // 5 + 1}"
    for name, s in CORPUS[:5]:
        resp = c.form(path, {"input_locality": "", "input_category": "lighting", "input_text": s, "input_address": s}, source=source)
        check_html(r, f"POST {path} refused ({name})", resp, [(name, s)], status=422)
    resp = c.form(path, {"input_locality": "flen", "input_category": "lighting", "input_text": LONG_2000 + "x"}, source=f"127.0.0.{10 + len(CORPUS) // 5 + 2}")
    check_html(r, f"POST {path} (text too long)", resp, status=422)
    # One more, for the coordinator to hide with a hostile reason.
    resp = c.form(path, {"input_locality": "flen", "input_category": "lighting", "input_text": HIDE_TEXT}, source=f"127.0.0.{10 + len(CORPUS) // 5 + 3}")
    r.ok(resp.status in (302, 303), f"POST {path} (to hide): {resp.status}")
    return sent


class Queue(html.parser.HTMLParser):
    """The staff moderation queue: each item's id, its text, the link choices."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: dict[int, str] = {}
        self.options: dict[str, list[str]] = {"commitment": [], "focus_link": []}
        self._textarea: int | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag == "textarea" and (d.get("id") or "").startswith("text-"):
            self._textarea = int(d["id"][5:])
            self.items[self._textarea] = ""
        if tag == "select":
            self._select = d.get("name")
        if tag == "option" and self._select in self.options and d.get("value"):
            self.options[self._select].append(d["value"])

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        if tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self.items[self._textarea] += data


def moderate(c: Client, r: Report, sent: dict[str, str]) -> list[tuple[str, str]]:
    print("== moderation (publish with the hostile text)", flush=True)
    path = f"/personal/kommun/{CODE}/synpunkter"
    resp = c.get(path)
    expect = [(n, t) for n, s in CORPUS for t in [s if fits(s, INPUT_TEXT) else s[:INPUT_TEXT]] if t in sent]
    page = check_html(r, f"GET {path}", resp, expect)
    q = Queue()
    q.feed(page)
    by_text = {}
    for i, t in q.items.items():
        # A textarea drops one newline right after its start tag.
        by_text.setdefault(t, i)
    published = []
    commitment = q.options["commitment"][0] if q.options["commitment"] else ""
    focus = q.options["focus_link"][0] if q.options["focus_link"] else ""
    for name, s in CORPUS:
        text = s if fits(s, INPUT_TEXT) else s[:INPUT_TEXT]
        if text not in sent:
            continue
        item = by_text.get(text)
        if not r.ok(item is not None, f"{path}: input {name} not in the queue (or its text changed)"):
            continue
        resp = c.form(f"{path}/{item}", {"action": "publish", "text": text, "commitment": commitment, "focus_link": focus})
        if r.ok(resp.status == 200, f"POST {path}/{item} publish ({name}): {resp.status} {resp.text[:200]!r}"):
            published.append((name, text))
    r.ok(bool(commitment and focus), f"{path}: no commitment or focus area to link to ({q.options})")
    # Hiding takes a reason (shown to staff only); hostile too.
    item = by_text.get(HIDE_TEXT)
    if r.ok(item is not None, f"{path}: the input to hide is not in the queue"):
        resp = c.form(f"{path}/{item}", {"action": "hide", "reason": CORPUS[1][1]})
        check_html(r, f"POST {path}/{item} hide", resp)
    check_html(r, f"GET {path} (after)", c.get(path))
    page = check_html(r, f"GET /kommun/{CODE}/synpunkter (hidden one)", c.get(f"/kommun/{CODE}/synpunkter"))
    r.ok(squash("Att dölja") not in squash(html.unescape(page)), "a hidden input is on the public list")
    return published


def walk(c: Client, r: Report) -> list[tuple[str, str]]:
    print("== safety walk findings", flush=True)
    base = f"/personal/kommun/{CODE}/trygghetsvandringar"
    today = datetime.date.today().isoformat()
    resp = c.form(base, [("walk_date", today), ("route", "flen"), ("walk_participants", "4"), ("walk_performer", "municipality")])
    location = resp.header("location") or ""
    m = re.search(r"/trygghetsvandringar/(\d+)", location)
    if not r.ok(resp.status in (302, 303) and m, f"POST {base}: {resp.status} {resp.text[:300]!r}"):
        return []
    walk_path = f"{base}/{m.group(1)}"
    findings = []
    for name, s in CORPUS:
        owner = s if fits(s, SHORT) else "Gatukontoret"
        resp = c.form(f"{walk_path}/fynd", {"finding_place": "flen", "finding_category": "lighting", "description": s, "owner": owner, "due": ""})
        if r.ok(resp.status in (302, 303), f"POST {walk_path}/fynd ({name}): {resp.status} {resp.text[:300]!r}"):
            findings.append((name, s))
    page = check_html(r, f"GET {walk_path}", c.get(walk_path), findings)
    ids = [int(i) for i in re.findall(r'id="fynd-(\d+)"', page)]
    # A status change with a hostile reason, and a reassignment to a hostile owner.
    shorts = [(n, s) for n, s in CORPUS if fits(s, SHORT)]
    for fid, (name, s) in zip(ids[:6], shorts[:6]):
        resp = c.form(f"{base}/fynd/{fid}", {"status": "wont_fix", "reason": s})
        r.ok(resp.status in (302, 303), f"POST {base}/fynd/{fid} wont_fix ({name}): {resp.status} {resp.text[:200]!r}")
    for fid, (name, s) in zip(ids[6:12], shorts[6:12]):
        resp = c.form(f"{base}/fynd/{fid}/ansvar", {"owner": s, "due": ""})
        r.ok(resp.status in (302, 303), f"POST {base}/fynd/{fid}/ansvar ({name}): {resp.status} {resp.text[:200]!r}")
    check_html(r, f"GET {walk_path} (after)", c.get(walk_path), shorts[:12])
    check_html(r, f"GET {base}", c.get(base))
    return findings


def public_lists(c: Client, r: Report, published: list[tuple[str, str]], findings: list[tuple[str, str]], staff: bool) -> None:
    print("== lists of inputs and findings, CSV, GeoJSON", flush=True)
    for path in (f"/kommun/{CODE}/synpunkter", f"/kommun/{CODE}/synpunkter?ort=flen&kategori=lighting"):
        check_html(r, f"GET {path}", c.get(path), published)
    check_html(r, f"GET /kommun/{CODE}/synpunkter (findings)", c.get(f"/kommun/{CODE}/synpunkter"), findings)
    prefixes = [f"/kommun/{CODE}/synpunkter"]
    if staff:
        prefixes.append(f"/personal/kommun/{CODE}/synpunkter")
    for prefix in prefixes:
        resp = c.get(prefix + ".csv")
        if r.ok(resp.status == 200, f"GET {prefix}.csv: {resp.status}"):
            text = resp.body.decode("utf-8-sig")
            cells = {cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row}
            for name, s in published + findings:
                guarded = csv_guard(s)
                r.ok(guarded in cells, f"{prefix}.csv: {name} is not a cell of its own (exact{' with the formula guard' if guarded != s else ''})")
                if guarded != s:
                    r.ok(s not in cells, f"{prefix}.csv: formula {name} written unguarded")
        resp = c.get(prefix + ".geojson")
        if r.ok(resp.status == 200, f"GET {prefix}.geojson: {resp.status}"):
            try:
                fc = resp.json()
                values = {v for f in fc.get("features", []) for v in f.get("properties", {}).values() if isinstance(v, str)}
                for name, s in published + findings:
                    r.ok(s in values, f"{prefix}.geojson: {name} not given back exactly")
            except ValueError as e:
                r.fail(f"{prefix}.geojson: not JSON ({e})")


def follow_up(c: Client, r: Report, accepted: list[tuple[str, str]]) -> None:
    print("== follow-up report (T1 2030) and its PDF", flush=True)
    staff_path = f"/personal/kommun/{CODE}/{REPORT_YEAR}/uppfoljning/t1"
    resp = c.get(staff_path)
    page = check_html(r, f"GET {staff_path}", resp)
    m = re.search(r'name="version" value="(\d+)"', page)
    version = m.group(1) if m else "0"
    evidence = [
        'https://evil.example/"><svg/onload=alert(1)>',
        "https://evil.example/?q=<script>alert(1)</script>",
        "http://evil.example/'onmouseover='alert(1)'",
    ]
    fields: list[tuple[str, str]] = [("version", version), ("action", "publish")]
    for i, (name, s) in enumerate(accepted):
        fields += [("status_" + str(i), ""), ("reason_" + str(i), s), ("narrative_" + str(i), s)]
        fields.append(("evidence_" + str(i), "\n".join(evidence) if i == 0 else ""))
    fields.append(("learned", " ".join(s for _, s in accepted[:25])))
    # A javascript: link is refused, and nothing is stored.
    bad = [(k, "javascript:alert(1)" if k == "evidence_1" else v) for k, v in fields]
    resp = c.form(staff_path, bad)
    check_html(r, f"POST {staff_path} with a javascript: link", resp, status=422)
    resp = c.form(staff_path, fields)
    r.ok(resp.status in (302, 303), f"POST {staff_path} publish: {resp.status} {resp.text[:300]!r}")
    check_html(r, f"GET {staff_path} (published)", c.get(staff_path), accepted)
    public = f"/kommun/{CODE}/{REPORT_YEAR}/uppfoljning/t1"
    page = check_html(r, f"GET {public}", c.get(public), accepted)
    for e in evidence:
        r.ok(e not in page, f"{public}: evidence link {e!r} unescaped")
    api = f"/api/v1/municipalities/{CODE}/promises/{REPORT_YEAR}/follow-ups"
    resp = c.get(api)
    if r.ok(resp.status == 200, f"GET {api}: {resp.status}"):
        reports = resp.json()
        t1 = [x for x in reports if x.get("period") == "t1"]
        if r.ok(len(t1) == 1, f"GET {api}: no t1 report ({[x.get('period') for x in reports]})"):
            entries = {e["commitment"]: e for e in t1[0]["entries"]}
            for i, (name, s) in enumerate(accepted):
                e = entries.get(i, {})
                check_exact(r, f"{api} narrative", e.get("narrative"), s, name)
                check_exact(r, f"{api} reason", e.get("reason"), s, name)
            check_exact(r, f"{api} evidence", entries.get(0, {}).get("evidence"), evidence, "evidence links")
    pdftotext = shutil.which("pdftotext")
    for edition in ("sv.pdf", "en.pdf"):
        path = f"{public}/{edition}"
        resp = c.get(path)
        if not r.ok(resp.status == 200 and resp.body.startswith(b"%PDF"), f"GET {path}: {resp.status} {resp.body[:200]!r}"):
            continue
        if pdftotext:
            out = subprocess.run([pdftotext, "-q", "-", "-"], input=resp.body, capture_output=True)
            text = out.stdout.decode("utf-8", errors="replace")
            flat = squash(text)
            r.ok("root:x:0:0" not in text, f"{path}: /etc/passwd was read into the PDF")
            r.ok(len(flat) > 1000, f"{path}: the PDF has almost no text")
            for lit in ("#read(", "/etc/passwd", "#import", "*bold*", "_emph_", "`raw`", "@ref", "<label>", "#set", "{{7*7}}", "DROPTABLEpromise", "Åäö"):
                r.ok(squash(lit) in flat, f"{path}: {lit!r} is not in the PDF text as written (Typst markup interpreted?)")
            r.ok("boom" in text, f"{path}: the panic(\"boom\") text is missing")
        else:
            print(f"  (pdftotext not found: {path} checked for %PDF only)")
    # The standalone HTML edition, if the report offers one.
    for edition in ("sv.html", "en.html"):
        resp = c.get(f"{public}/{edition}")
        if resp.status == 200:
            check_html(r, f"GET {public}/{edition}", resp, accepted)


def csv_guard(s: str) -> str:
    """The text as lofte's CSV writes it (crates/report/src/export.rs, `guard`): a `'` before
    every `=`, `+`, `-` or `@` that could start a cell, at the start or after `;`, `,`, a tab
    or a line break (spaces, tabs and quotes between), and before a leading tab or CR."""
    out = "'" if s[:1] in "\t\r" else ""
    cell_start = True
    for ch in s:
        if cell_start:
            if ch in "=+-@":
                out += "'"
                cell_start = False
            elif ch not in ' \t"':
                cell_start = False
        if ch in ";,\t\n\r":
            cell_start = True
        out += ch
    return out


def exports(c: Client, r: Report, accepted: list[tuple[str, str]]) -> None:
    print("== staff exports (CSV, XLSX)", flush=True)
    base = f"/personal/kommun/{CODE}/{REPORT_YEAR}/export"
    resp = c.get(f"{base}/ataganden.csv")
    if r.ok(resp.status == 200, f"GET {base}/ataganden.csv: {resp.status}"):
        cells = {cell for row in csv.reader(io.StringIO(resp.body.decode("utf-8-sig"), newline="")) for cell in row}
        for name, s in accepted:
            guarded = csv_guard(s)
            r.ok(guarded in cells, f"{base}/ataganden.csv: {name} not given back exactly")
    resp = c.get(f"{base}/uppfoljningar.csv")
    r.ok(resp.status == 200, f"GET {base}/uppfoljningar.csv: {resp.status}")
    resp = c.get(f"{base}/allt.xlsx")
    if r.ok(resp.status == 200 and resp.body[:2] == b"PK", f"GET {base}/allt.xlsx: {resp.status}"):
        try:
            z = zipfile.ZipFile(io.BytesIO(resp.body))
            for info in z.infolist():
                if not info.filename.endswith(".xml"):
                    continue
                data = z.read(info)
                try:
                    ElementTree.fromstring(data)
                    r.passed += 1
                except ElementTree.ParseError as e:
                    r.fail(f"{base}/allt.xlsx: {info.filename} is not well-formed XML ({e})")
                if info.filename.startswith("xl/worksheets/"):
                    r.ok(b"<f>" not in data and b"<f " not in data, f"{base}/allt.xlsx: {info.filename} has a formula")
        except zipfile.BadZipFile as e:
            r.fail(f"{base}/allt.xlsx: not a zip ({e})")


def still_works(c: Client, r: Report) -> None:
    print("== the database still answers", flush=True)
    r.ok(c.get("/healthz").status == 200, "GET /healthz")
    resp = c.get("/api/v1/municipalities")
    r.ok(resp.status == 200 and any(m.get("code") == CODE for m in resp.json()), "GET /api/v1/municipalities lists Flen")
    resp = c.get(f"/api/v1/municipalities/{CODE}/promises/2021")
    r.ok(resp.status == 200 and resp.json().get("title") == "Medborgarlöfte 2021", "the demo promise 2021 is intact")
    for path in (f"/api/v1/municipalities/{CODE}/promises/{REPORT_YEAR}/progress", f"/api/v1/municipalities/{CODE}/promises/{REPORT_YEAR}/outcome", f"/api/v1/municipalities/{CODE}/survey"):
        resp = c.get(path)
        r.ok(resp.status in (200, 404), f"GET {path}: {resp.status}")
    check_html(r, f"GET /kommun/{CODE}/2021", c.get(f"/kommun/{CODE}/2021"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lofte", required=True, help="the lofte binary")
    ap.add_argument("--work", help="a folder for the data and the server log (default: a new temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--database-url", help="serve from this (empty) database instead of a fresh SQLite file, e.g. postgres://...")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="lofte-xss-")
    os.makedirs(work, exist_ok=True)
    started = time.time()
    server = Server(os.path.abspath(args.lofte), work, args.database_url)
    self_test()
    report = Report()
    stats: dict[str, int] = {}
    requests_made = 0
    errors: list[str] = []
    try:
        server.start()
        print(f"lofte serve --demo at {server.url} (data in {server.data})", flush=True)
        token = server.cli("token", "create", "--organisation", f"municipality:{CODE}", "--role", "coordinator", "--name", "xss-corpus").strip().splitlines()[-1]
        if not token.startswith("lofte_"):
            raise SystemExit(f"no API token from `lofte token create`: {token!r}")
        c = Client(server.url, report)
        per_year, accepted = write_api(c, report, token)
        refused(c, report, token)
        sent = inputs(c, report)
        coordinator = "samordnare@flen.example"
        staff = coordinator in server.accounts and sign_in(c, report, coordinator, server.accounts[coordinator])
        published: list[tuple[str, str]] = []
        findings: list[tuple[str, str]] = []
        if staff:
            published = moderate(c, report, sent)
            findings = walk(c, report)
            follow_up(c, report, accepted)
            exports(c, report, accepted)
        else:
            report.fail("could not sign in as the demo coordinator: moderation, walks and reports untested")
        read_promises(c, report, per_year, accepted, staff)
        public_lists(c, report, published, findings, staff)
        # English pages too (the language is a cookie).
        c.get("/sprak/en")
        check_html(report, f"GET /kommun/{CODE}/{REPORT_YEAR} (en)", c.get(f"/kommun/{CODE}/{REPORT_YEAR}"), accepted)
        check_html(report, f"GET /kommun/{CODE}/synpunkter (en)", c.get(f"/kommun/{CODE}/synpunkter"), published)
        still_works(c, report)
        stats = {
            "promises stored": len(per_year) + 1,
            "inputs sent": len(sent),
            "inputs published": len(published),
            "findings": len(findings),
        }
    finally:
        requests_made = c.count if "c" in locals() else 0
        server.stop()
        log = open(server.log_path, encoding="utf-8", errors="replace").read()
        log = re.sub(r"\x1b\[[0-9;]*m", "", log)
        panics = re.findall(r".*panicked at.*", log)
        for p in panics[:5]:
            report.fail(f"server log: {p.strip()}")
        errors = [line.strip() for line in log.splitlines() if " ERROR " in line]
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    seconds = time.time() - started
    print("\n" + ", ".join(f"{k}: {v}" for k, v in stats.items()))
    print(
        f"\nxss corpus: {len(CORPUS)} strings, {requests_made} requests, {report.passed} checks passed, "
        f"{len(report.failures)} failed ({seconds:.0f} s)"
    )
    for f in report.failures:
        print(f"  - {f}")
    if errors:
        print(f"server log, {len(errors)} ERROR lines (first 10):")
        for line in errors[:10]:
            print(f"    {line[:400]}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
