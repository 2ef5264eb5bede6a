#!/usr/bin/env python3
"""Kill -9 of the *server* while it publishes follow-ups and takes activity imports
(issue 8, faults). Standard library only.

Each round starts `lofte serve`, lets three clients work against it — one publishing
tertial and final follow-ups through the staff form (signed in with a session cookie),
one posting batches of activities to the JSON API (a token), one uploading safety-survey
response files through the staff form — and kills the server with SIGKILL at a seeded
random moment. After each kill:

* the database passes `lofte check` (SQLite: integrity and foreign keys; PostgreSQL:
  every table readable);
* every follow-up is whole: published, with one entry per commitment of its promise,
  frozen figures for each commitment with a numeric target, and one "publish" row in
  the audit log (a half-written
  publication would show as a follow-up without entries, entries without figures, or a
  follow-up without its audit row);
* every activity batch is wholly there or wholly absent;
* every survey import is whole: its respondents all in its stored chunks and its year
  (each file is one year) claimed with that count;
* nothing the server acknowledged is lost: each publication answered with 303, each
  batch answered with 201 and each survey file answered with 200 before the kill is in
  the database.

The session cookie from the first sign-in is used in every round: sessions live in the
database, so they survive the crash too (a 303 to the sign-in page would count as a
failure).

    bench/faults_server.py [--rounds N] [--lofte PATH] [--postgres URL]
    bench/faults_server.py --mail [--followers N] [--postgres URL]   (needs aiosmtpd)

--mail (issue 25) kills the server while it sends e-mail instead: a follow-up is
published for a promise with N confirmed followers (one message each, queued with the
publication), the server sends them over SMTP to a real server on loopback (aiosmtpd,
mail-check/sink.py, run with mail-check's venv) that keeps a message once its data has
ended and answers a few milliseconds later, and is killed with SIGKILL mid-send.
Restarted as two instances on the one database, they must deliver every queued message:
each Message-ID arrives, none is lost, and the outbox holds none unsent. The sender
marks a message sent as soon as its data has ended, while the server answers
(lofte_mail::smtp), so a message arrives twice only if the kill fell inside that one
commit; the repeats are printed, and more than the sender keeps in flight (twenty,
`lofte_mail`'s IN_FLIGHT) is a failure (docs/decisions/0005-mail-outbox.md).

--postgres takes a server URL (e.g. $TEST_DATABASE_URL); a fresh database is created on
it and dropped at the end. Without it, a SQLite file in a temporary folder. The exit
status is non-zero if any inconsistency was found.
"""

import argparse
import datetime
import http.cookiejar
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BATCH = 500  # activities per API request, each stored in one transaction


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Database:
    """Reads the database directly (sqlite3 module or psql), to check it after a kill."""

    def __init__(self, tmp, postgres):
        self.postgres = postgres
        if postgres:
            self.admin_url = postgres
            name = f"lofte_faults_{os.getpid()}"
            self.psql(f"DROP DATABASE IF EXISTS {name}", url=postgres)
            self.psql(f"CREATE DATABASE {name}", url=postgres)
            parts = urllib.parse.urlsplit(postgres)
            self.url = urllib.parse.urlunsplit(parts._replace(path="/" + name))
            self.name = name
            self.args = ["--database-url", self.url]
        else:
            self.path = os.path.join(tmp, "data", "lofte.sqlite")
            self.args = ["--data-dir", os.path.join(tmp, "data")]

    def psql(self, sql, url=None):
        done = subprocess.run(
            ["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
             url or self.url, "-c", sql],
            capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise SystemExit(f"psql: {done.stderr.strip()}")
        out = done.stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]

    def rows(self, sql):
        if self.postgres:
            return self.psql(sql)
        with sqlite3.connect(self.path) as db:
            return [tuple(str(v) if v is not None else "" for v in row)
                    for row in db.execute(sql).fetchall()]

    def drop(self):
        if self.postgres:
            self.psql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)", url=self.admin_url)


def lofte(args, db, *command):
    return subprocess.run(
        [args.lofte, *db.args, *command], check=True, capture_output=True, text=True,
        env={**os.environ, "LOFTE_LOG": "warn", "LOFTE_LANG": "en"},
    ).stdout


class Server:
    def __init__(self, args, db, log, env=None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [args.lofte, *db.args, "serve", "--bind", f"127.0.0.1:{self.port}"],
            stdout=log, stderr=log,
            env={**os.environ, "LOFTE_LOG": "warn", "LOFTE_LANG": "en", **(env or {})},
        )
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1).read()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("the server did not start")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


class Client:
    """Staff (session cookie) and an API token against whichever server runs now."""

    def __init__(self, jar, token):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        self.token = token
        self.base = None

    def request(self, method, path, body=None, headers=None):
        req = urllib.request.Request(self.base + path, data=body, method=method,
                                     headers=headers or {})
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, r.read(), r.headers
        except urllib.error.HTTPError as e:
            return e.code, e.read(), e.headers


class Refused(Exception):
    """The server answered, but not as it should have."""


def work_through(client, queue, send, acknowledged, failures, stop):
    """Sends the queue's items one after another (from its end) with `send` until the
    queue is empty, the server dies or `stop` is set. What `send` returns is recorded as
    acknowledged; a `Refused` ends the work with a failure."""
    while queue and not stop.is_set():
        try:
            done = send(client, queue[-1])
        except OSError:
            return  # the server was killed
        except Refused as e:
            failures.append(str(e))
            return
        acknowledged.append(done)
        queue.pop()


def publish(client, target):
    """Opens a follow-up's staff page and publishes it."""
    code, year, period = target
    path = f"/personal/kommun/{code}/{year}/uppfoljning/{period}"
    status, body, headers = client.request("GET", path)
    if status == 303:
        raise Refused(f"GET {path}: sent to {headers.get('Location')} (session lost?)")
    if status != 200:
        raise Refused(f"GET {path}: {status}")
    html = body.decode()
    commitments = sorted({int(i) for i in re.findall(r'name="narrative_(\d+)"', html)})
    version = re.search(r'name="version" value="(\d+)"', html)
    form = {"version": version.group(1) if version else "0", "action": "publish"}
    for i in commitments:
        form[f"status_{i}"] = ""  # the engine's suggestion where there is a number
        form[f"narrative_{i}"] = f"Uppföljning {period} {year} (feltest)."
    status, body, headers = client.request(
        "POST", path, urllib.parse.urlencode(form).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"})
    location = headers.get("Location", "")
    if status != 303 or not location.endswith(f"/uppfoljning/{period}?sparat=publicerad"):
        raise Refused(f"POST {path}: {status} {location} {body[:300]!r}")
    return target


def post_batch(client, batch):
    """Posts one batch of activities to the API."""
    name, code, items = batch
    status, body, _ = client.request(
        "POST", f"/api/v1/municipalities/{code}/activities",
        json.dumps(items).encode(),
        {"Content-Type": "application/json", "Authorization": f"Bearer {client.token}"})
    if status != 201:
        raise Refused(f"POST activities {name}: {status} {body[:300]!r}")
    return name


def upload_survey(client, file):
    """Uploads one survey response file (Flen) through the staff form."""
    name, make_body = file
    boundary = "lofte-faults-boundary"
    form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n"
            f"responses\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n").encode() \
        + make_body() + f"\r\n--{boundary}--\r\n".encode()
    status, reply, _ = client.request(
        "POST", "/personal/kommun/0482/trygghetsmatning", form,
        {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    if status != 200:
        raise Refused(f"POST survey {name}: {status} {reply[:300]!r}")
    return name


def make_survey_files(count, rows):
    """`count` response files for Flen from bench/survey-generate.py, each one year
    (2030, 2031, …: years nothing else holds) of `rows` respondents; each file's bytes
    are made when it is sent."""
    out = subprocess.run(
        [sys.executable, os.path.join(ROOT, "bench/survey-generate.py"), str(rows * 10), "-"],
        check=True, capture_output=True, text=True).stdout.splitlines()
    header, lines = out[0], out[1:]
    year_at = header.split(",").index("year")
    base = [line.split(",") for line in lines[:rows]]  # survey-generate.py quotes nothing

    def body(year):
        out = [header]
        for cells in base:
            cells[year_at] = str(year)
            out.append(",".join(cells))
        return ("\n".join(out) + "\n").encode()

    files = [(f"feltest-{2030 + k}.csv", lambda y=2030 + k: body(y)) for k in range(count)]
    files.reverse()
    return files


def make_batches(codes, years, places, rng, count):
    """Batches of activities spread over the municipalities and the promises' years (so
    that no one follow-up has to count them all)."""
    batches = []
    for b in range(count):
        code = codes[b % len(codes)]
        items = []
        for i in range(BATCH):
            day = datetime.date(int(rng.choice(years)), 1, 1) + datetime.timedelta(rng.randrange(365))
            started = f"{day.isoformat()}T{rng.randrange(24):02}:{rng.randrange(60):02}:00+01:00"
            items.append({
                "external_id": f"fault-b{b}-{i}",
                "type": "traffic_control",
                "performer": "police",
                "started_at": started,
                "duration_minutes": rng.randrange(15, 31),
                "place": rng.choice(places[code]),
            })
        batches.append((f"fault-b{b}", code, items))
    batches.reverse()  # popped from the end
    return batches


def check(args, db):
    """Everything that must hold after a kill; returns the list of what does not."""
    problems = []
    try:
        lofte(args, db, "check")
    except subprocess.CalledProcessError as e:
        problems.append(f"lofte check: {e.stdout.strip()} {e.stderr.strip()}")
    for fid, published, entries, commitments, frozen, targets, audited in db.rows(
        """SELECT f.id, CASE WHEN f.published_at IS NULL THEN 0 ELSE 1 END,
             (SELECT COUNT(*) FROM follow_up_entry e WHERE e.follow_up_id = f.id),
             (SELECT COUNT(*) FROM commitment c WHERE c.promise_id = f.promise_id),
             (SELECT COUNT(*) FROM follow_up_entry e JOIN commitment c ON c.id = e.commitment_id
                WHERE e.follow_up_id = f.id AND e.figures IS NOT NULL),
             (SELECT COUNT(*) FROM commitment c
                WHERE c.promise_id = f.promise_id AND c.target IS NOT NULL),
             (SELECT COUNT(*) FROM audit_log a WHERE a.entity = 'follow_up'
                AND a.entity_id = f.id AND a.action = 'publish')
           FROM follow_up f"""):
        if (published, entries, frozen, audited) != ("1", commitments, targets, "1"):
            problems.append(
                f"follow-up {fid}: published={published}, {entries} entries for {commitments} "
                f"commitments, {frozen} frozen figures for {targets} numeric targets, "
                f"{audited} audit rows")
    counts = {}
    for (key,) in db.rows("SELECT dedup_key FROM activity WHERE dedup_key LIKE 'id:fault-b%'"):
        batch = key[len("id:"):].rsplit("-", 1)[0]
        counts[batch] = counts.get(batch, 0) + 1
    for batch, n in counts.items():
        if n != BATCH:
            problems.append(f"activity batch {batch}: {n} of {BATCH} rows")
    surveys = {}
    for iid, name, rows, chunked, claimed in db.rows(
        """SELECT i.id, i.file_name, i.rows,
             (SELECT COALESCE(SUM(c.rows), 0) FROM survey_chunk c WHERE c.import_id = i.id),
             (SELECT COALESCE(SUM(y.rows), 0) FROM survey_year y WHERE y.import_id = i.id)
           FROM survey_import i WHERE i.municipality_code = '0482'"""):
        surveys[name] = rows
        if not rows == chunked == claimed:
            problems.append(f"survey import {iid} ({name}): {rows} respondents, "
                            f"{chunked} in its chunks, {claimed} claimed by its years")
    return problems, counts, surveys


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--lofte", default=os.environ.get("LOFTE", os.path.join(ROOT, "target/debug/lofte")))
    p.add_argument("--postgres", help="a PostgreSQL server URL; a fresh database is made on it")
    p.add_argument("--seed", type=int, default=4821)
    p.add_argument("--max-delay", type=float, default=3.0,
                   help="kill within this many seconds of the server's start")
    p.add_argument("--mail", action="store_true", help="kill the server while it sends e-mail")
    p.add_argument("--followers", type=int, default=300)
    args = p.parse_args()
    rng = random.Random(args.seed)  # the same kill moments every run
    tmp = tempfile.mkdtemp(prefix="lofte-faults-server.")
    db = Database(tmp, args.postgres)
    try:
        if args.mail:
            return run_mail(args, rng, tmp, db)
        return run(args, rng, tmp, db)
    finally:
        db.drop()
        shutil.rmtree(tmp, ignore_errors=True)


def run(args, rng, tmp, db):
    kind = "PostgreSQL" if args.postgres else "SQLite"
    # Twelve made-up municipalities with ten years of promises each: 120 promises, 480
    # follow-ups (three tertials and a final report each) to publish.
    lofte(args, db, "demo", "--national", "--municipalities", "12", "--activities", "12000",
          "--responses", "1200")
    # Flen as well, with its survey codebook, for the survey uploads.
    lofte(args, db, "municipality", "import", os.path.join(ROOT, "data/flen/municipality.json"))
    lofte(args, db, "survey", "codebook", "--municipality", "0482",
          os.path.join(ROOT, "data/flen/survey-codebook.json"))
    password = lofte(args, db, "user", "add", "--email", "feltest@example.se", "--name",
                     "Feltest", "--organisation", "installation", "--role", "admin").split()[-1]
    token = lofte(args, db, "token", "create", "--organisation", "installation", "--role",
                  "admin", "--name", "Feltest").split()[-1]
    codes = [c for (c,) in db.rows("SELECT DISTINCT municipality_code FROM promise ORDER BY 1")]
    years = [y for (y,) in db.rows("SELECT DISTINCT first_year FROM promise ORDER BY 1")]
    places = {c: [s for (s,) in db.rows(
        f"SELECT slug FROM place WHERE municipality_code = '{c}' ORDER BY slug")] for c in codes}
    targets = [(c, y, period) for c in codes for y in years for period in ("t1", "t2", "t3", "slutredovisning")]
    targets.reverse()
    batches = make_batches(codes, years, places, rng, 1000)
    files = make_survey_files(70, 60000)

    jar = http.cookiejar.CookieJar()
    client = Client(jar, token)
    log = open(os.path.join(tmp, "server.log"), "ab")
    server = Server(args, db, log)
    client.base = server.base
    status, _, headers = client.request("POST", "/logga-in", urllib.parse.urlencode(
        {"email": "feltest@example.se", "password": password}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"})
    if status != 303:
        raise SystemExit(f"could not sign in: {status}")
    server.kill()

    published, imported, uploaded, failures, killed_busy = [], [], [], [], 0
    for r in range(1, args.rounds + 1):
        if not targets and not batches and not files:
            print(f"round {r}: nothing left to publish or import; stopping")
            break
        delay = rng.uniform(0.05, args.max_delay)
        server = Server(args, db, log)
        client.base = server.base
        stop = threading.Event()
        acked_now_p, acked_now_i, acked_now_s = [], [], []
        workers = [
            threading.Thread(target=work_through, args=(
                client, queue, send, acknowledged, failures, stop))
            for queue, send, acknowledged in [
                (targets, publish, acked_now_p),
                (batches, post_batch, acked_now_i),
                (files, upload_survey, acked_now_s),
            ]
        ]
        for w in workers:
            w.start()
        time.sleep(delay)
        busy = any(w.is_alive() for w in workers)
        server.kill()
        stop.set()
        for w in workers:
            w.join()
        killed_busy += busy
        published += acked_now_p
        imported += acked_now_i
        uploaded += acked_now_s
        problems, counts, surveys = check(args, db)
        stored = {(c, y, p) for (c, y, p) in db.rows(
            """SELECT p.municipality_code, p.first_year, f.period FROM follow_up f
               JOIN promise p ON p.id = f.promise_id WHERE f.published_at IS NOT NULL""")}
        lost = [t for t in published if (t[0], str(t[1]), t[2]) not in stored]
        lost += [b for b in imported if counts.get(b) != BATCH]
        lost += [f for f in uploaded if f not in surveys]
        problems += [f"acknowledged but missing: {x}" for x in lost]
        # A request cut off by the kill may still have committed: take it off the lists.
        targets[:] = [t for t in targets if (t[0], str(t[1]), t[2]) not in stored]
        batches[:] = [b for b in batches if b[0] not in counts]
        files[:] = [f for f in files if f[0] not in surveys]
        print(f"round {r:3}: killed after {delay * 1000:6.0f} ms{' (idle)' if not busy else ''}; "
              f"{len(acked_now_p)} follow-ups, {len(acked_now_i)} batches, "
              f"{len(acked_now_s)} survey files acknowledged; "
              f"{len(stored)} follow-ups, {sum(counts.values())} test activities, "
              f"{len(surveys)} survey files stored; "
              f"{len(problems)} problems", flush=True)
        for x in problems:
            print("  FAIL", x)
        failures += problems
    print(f"\n{kind}: {r} rounds, server killed mid-work {killed_busy} times; "
          f"{len(published)} publications, {len(imported)} batches of {BATCH} activities and "
          f"{len(uploaded)} survey files acknowledged")
    print(f"inconsistencies: {len(failures)}")
    for f in failures[:20]:
        print("  ", f)
    return 1 if failures else 0


def run_mail(args, rng, tmp, db):
    sys.path.insert(0, os.path.join(ROOT, "mail-check"))
    from sink import Sink  # aiosmtpd: run with mail-check's venv

    kind = "PostgreSQL" if args.postgres else "SQLite"
    lofte(args, db, "demo", "--national", "--municipalities", "1", "--activities", "100",
          "--responses", "100")
    password = lofte(args, db, "user", "add", "--email", "feltest@example.se", "--name",
                     "Feltest", "--organisation", "installation", "--role", "admin").split()[-1]
    [(promise, code, year)] = db.rows(
        "SELECT id, municipality_code, first_year FROM promise ORDER BY first_year LIMIT 1")
    # N confirmed followers of that promise, written as the confirmation links leave them.
    now = datetime.datetime.now(datetime.timezone.utc).isoformat()
    stamp = "now()" if args.postgres else f"'{now}'"
    values = ", ".join(f"('f{i}@feltest.example', 'sv', {stamp})" for i in range(args.followers))
    follows = (f"INSERT INTO follow (follower_id, municipality_code, target, target_key, frequency, "
               f"created_at, confirmed_at) SELECT id, '{code}', 'promise', '{promise}', 'immediately', "
               f"{stamp}, {stamp} FROM follower")
    # The demo marks its promises' publications told when it loads them, so the server
    # tells these followers nothing but the follow-up below.
    if args.postgres:
        db.psql(f"INSERT INTO follower (email, lang, created_at) VALUES {values}; {follows}")
    else:
        with sqlite3.connect(db.path) as conn:
            conn.execute(f"INSERT INTO follower (email, lang, created_at) VALUES {values}")
            conn.execute(follows)

    log = open(os.path.join(tmp, "server.log"), "ab")
    failures = []
    with Sink(delay=0.01) as sink:
        env = {"LOFTE_SMTP_URL": sink.url}
        server = Server(args, db, log, env)
        client = Client(http.cookiejar.CookieJar(), None)
        client.base = server.base
        status, _, _ = client.request("POST", "/logga-in", urllib.parse.urlencode(
            {"email": "feltest@example.se", "password": password}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 303:
            raise SystemExit(f"could not sign in: {status}")
        publish(client, (code, year, "t1"))
        queued = int(db.rows("SELECT COUNT(*) FROM mail_outbox")[0][0])
        if queued != args.followers:
            failures.append(f"{queued} messages queued for {args.followers} followers")
        # Kill somewhere in the first half of the sending, at a seeded moment.
        kill_at = rng.randint(5, max(6, args.followers // 2))
        sink.wait_for(kill_at, timeout=120)
        server.kill()
        before = len(sink.messages())
        unsent = int(db.rows("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")[0][0])
        print(f"{kind}: {queued} messages queued with the publication; killed after "
              f"{before} arrived, {unsent} unsent in the outbox", flush=True)
        started = time.monotonic()
        # Restarted as two instances on the one database: each message still goes once.
        servers = [Server(args, db, log, env), Server(args, db, log, env)]
        deadline = started + 180
        # Until every message arrived and every row is marked: a message that arrived
        # before the kill but was not marked yet is sent again once its lease (60 s) ends,
        # and that repeat must be counted.
        while time.monotonic() < deadline:
            ids = {m["Message-ID"] for _, m in sink.messages()}
            if len(ids) >= queued and int(db.rows(
                    "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")[0][0]) == 0:
                break
            time.sleep(0.5)
        time.sleep(1)  # anything still on its way arrives too
        for server in servers:
            server.kill()
        received = sink.messages()
    ids = [m["Message-ID"] for _, m in received]
    distinct = set(ids)
    repeats = len(ids) - len(distinct)
    left = int(db.rows("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")[0][0])
    expected = {m for (m,) in db.rows("SELECT id FROM mail_outbox")}
    got = {re.match(r"<lofte\.(\d+)\.", i).group(1) for i in distinct}
    lost = sorted(expected - got, key=int)
    print(f"{kind}: after the restart as two instances {len(distinct)} of {queued} messages delivered in "
          f"{time.monotonic() - started:.1f} s, {len(lost)} lost, {repeats} delivered twice, "
          f"{left} unsent in the outbox")
    if lost:
        failures.append(f"lost: {lost[:10]}")
    if left:
        failures.append(f"{left} unsent in the outbox")
    if repeats > 20:
        failures.append(f"{repeats} messages delivered twice after one kill (twenty are in flight)")
    for f in failures:
        print("  FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
