#!/usr/bin/env python3
"""A follow-up published in a municipality with many followers (issue 25).

1. A migrated SQLite database with one made-up municipality's promises
   (`lofte demo --national --municipalities 1`), and FOLLOWERS confirmed followers of
   its first promise, each told at once.
2. **Queue.** The coordinator publishes the promise's first tertial follow-up through
   the staff form: the publication, its notice and one outbox row per follower are one
   transaction. Measured: the whole request. Reference, same run: the sqlite3 shell
   running the bare `INSERT … SELECT` of FOLLOWERS outbox rows into a copy of the
   database (the floor of any queue in SQLite).
3. **Sending.** The server sends them over SMTP to aiosmtpd on loopback
   (mail-check/sink.py, accepting at once). Measured: messages per second from the first
   to the SEND-th arrival, and the server's peak memory (VmHWM). Reference, same run:
   Python's smtplib sending SEND messages of the same size over one connection to the
   same sink (what the sink can take).

    bench/mail-queue.sh [FOLLOWERS] [SEND]      (defaults 100000 and 10000)

Prints figures and ratios; exits non-zero only when a check fails (a wrong count).
"""

import datetime
import os
import re
import shutil
import smtplib
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "mail-check"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sink import Sink  # noqa: E402
import faults_server as harness  # noqa: E402  (its Server and Client)


def main():
    lofte_bin = os.environ["LOFTE_BIN"]
    followers = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    send = min(int(sys.argv[2]) if len(sys.argv) > 2 else 10_000, followers)
    tmp = tempfile.mkdtemp(prefix="lofte-mail-queue.")
    try:
        return run(lofte_bin, followers, send, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(lofte_bin, followers, send, tmp):
    class Args:
        lofte = lofte_bin

    db = harness.Database(tmp, None)
    harness.lofte(Args, db, "demo", "--national", "--municipalities", "1", "--activities", "100",
                  "--responses", "100")
    password = harness.lofte(Args, db, "user", "add", "--email", "bench@example.se", "--name", "Bench",
                             "--organisation", "installation", "--role", "admin").split()[-1]
    [(promise, code, year)] = db.rows(
        "SELECT id, municipality_code, first_year FROM promise ORDER BY first_year LIMIT 1")
    now = datetime.datetime.now(datetime.timezone.utc).isoformat()
    with sqlite3.connect(db.path) as conn:
        conn.executemany("INSERT INTO follower (email, lang, created_at) VALUES (?, 'sv', ?)",
                         ((f"f{i}@bench.example", now) for i in range(followers)))
        conn.execute(
            "INSERT INTO follow (follower_id, municipality_code, target, target_key, frequency, "
            "created_at, confirmed_at) SELECT id, ?, 'promise', ?, 'immediately', ?, ? FROM follower",
            (code, promise, now, now))

    # The reference: the bare INSERT … SELECT in the sqlite3 shell, on a copy.
    copy = os.path.join(tmp, "reference.sqlite")
    shutil.copy(db.path, copy)
    sql = (".timer on\n"
           "INSERT INTO mail_content (kind, lang, subject, body_text, body_html, created_at) "
           "VALUES ('notice', 'sv', 's', 't', 'h', '2026-01-01');\n"
           "INSERT INTO mail_outbox (content_id, follower_id, created_at, attempts, next_attempt_at) "
           "SELECT 1, follower.id, '2026-01-01', 0, '2026-01-01' FROM follow JOIN follower ON "
           "follower.id = follow.follower_id WHERE follow.target = 'promise' AND follow.target_key = "
           f"'{promise}' AND follow.municipality_code = '{code}' AND follow.frequency = 'immediately' "
           "AND follow.confirmed_at IS NOT NULL AND follower.lang = 'sv';\n")
    out = subprocess.run(["sqlite3", copy], input=sql, capture_output=True, text=True, check=True).stdout
    reference_fill = float(re.findall(r"real ([0-9.]+)", out)[-1])

    log = open(os.path.join(tmp, "server.log"), "ab")
    with Sink() as sink:
        server = harness.Server(Args, db, log, {"LOFTE_SMTP_URL": sink.url})
        client = harness.Client(__import__("http.cookiejar").cookiejar.CookieJar(), None)
        client.base = server.base
        status, _, _ = client.request("POST", "/logga-in", urllib.parse.urlencode(
            {"email": "bench@example.se", "password": password}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 303, status
        started = time.monotonic()
        harness.publish(client, (code, year, "t1"))
        fill = time.monotonic() - started
        queued = int(db.rows("SELECT COUNT(*) FROM mail_outbox")[0][0])
        while sink.count() < 1:
            time.sleep(0.001)
        first = time.monotonic()
        while sink.count() < send:
            time.sleep(0.005)
        took = time.monotonic() - first

        rate = (send - 1) / took
        with open(f"/proc/{server.proc.pid}/status") as f:
            peak = int(re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1)) / 1024
        server.kill()
        with sink.lock:
            sample = sink.received[0][1]  # the bytes as lofte sent them
        size = len(sample)
        # The reference sender: smtplib over one connection, the same bytes each time.
        started = time.monotonic()
        with smtplib.SMTP("127.0.0.1", sink.port) as smtp:
            for i in range(send):
                smtp.sendmail("bench@example.se", [f"r{i}@reference.example"], sample)
        reference_rate = send / (time.monotonic() - started)
        with sink.lock:
            arrived = sum(1 for to, _ in sink.received if to[0].endswith("@reference.example"))
        if arrived != send:
            print(f"FAIL the reference sent {send}, the sink has {arrived}")
            return 1
    failures = []
    if queued != followers:
        failures.append(f"{queued} messages queued for {followers} followers")
    print(f"followers: {followers}; messages queued with the publication: {queued}")
    print(f"queue: publish request {fill:.2f} s (target under 2 s); bare INSERT … SELECT in "
          f"sqlite3 {reference_fill:.2f} s; ratio {fill / reference_fill:.2f}×")
    print(f"sending: {rate:.0f} messages/s over {send} messages of {size} bytes; smtplib to the "
          f"same sink {reference_rate:.0f}/s; ratio {rate / reference_rate:.2f}×; server peak "
          f"memory {peak:.1f} MB")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
