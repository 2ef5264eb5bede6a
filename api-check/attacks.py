#!/usr/bin/env python3
"""Attacks on a running lofte: session fixation, a raced sign-in lock, a frozen page cache.

Starts two `lofte serve` instances on one database (the first with the Flen demo), as a
load balancer would have them, and attacks them over HTTP as the penetration test of
issue 21 did:

1. Session fixation: a cookie planted in a browser that someone then signs in on must be
   worthless afterwards (the session id changes at every sign-in).
2. The sign-in lock under a race: 29 wrong passwords sent at once, split over both
   instances, may reach at most 5 password checks (a 401 is an answer after a check, a 429
   one before it); the right password then waits too, from that client, while the owner
   at another address still gets in; an unknown e-mail address is answered exactly like
   an existing one.
3. The page cache: readers who close their sockets midway through the refresh of an
   expired page must not freeze it; a change made through the other instance shows on
   this one's next reader after the time to live. Health checks are never cached.

Only the standard library; run it with any Python 3.10+. Exit 1 on any failure.

    api-check/attacks.py --lofte target/debug/lofte [--database-url postgres://...]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import struct
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xss_corpus import CODE, Client, Report, Server  # noqa: E402

TTL = 1  # page_cache_seconds of both instances
WRONG = "fel lösenord helt och hållet"
LIST = f"/kommun/{CODE}/synpunkter"


def sign_in(base: str, email: str, password: str, source: str = "127.0.0.1", cookie: str | None = None):
    """POST /logga-in from `source`; (status, the session cookie set or None)."""
    c = Client(base, Report())
    if cookie:
        name, _, value = cookie.partition("=")
        c.cookies[name] = value
    before = dict(c.cookies)
    resp = c.request(
        "POST",
        "/logga-in",
        urllib.parse.urlencode({"email": email, "password": password}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
        source=source,
    )
    fresh = next(
        (f"{k}={v}" for k, v in c.cookies.items() if k.endswith("lofte_session") and before.get(k) != v),
        None,
    )
    return resp.status, fresh


def get_as(base: str, path: str, cookie: str) -> int:
    c = Client(base, Report())
    name, _, value = cookie.partition("=")
    c.cookies[name] = value
    return c.get(path).status


def fixation(r: Report, a: Server, accounts: dict[str, str]) -> None:
    print("== session fixation", flush=True)
    attacker, victim = "analytiker@flen.example", "samordnare@flen.example"
    status, planted = sign_in(a.url, attacker, accounts[attacker])
    if not r.ok(status == 303 and planted, f"the attacker's own sign-in: {status}"):
        return
    status, fresh = sign_in(a.url, victim, accounts[victim], cookie=planted)
    r.ok(status == 303, f"signing in over a planted session: {status}")
    r.ok(fresh is not None and fresh != planted, f"the session id did not change at sign-in ({planted} -> {fresh})")
    r.ok(get_as(a.url, "/personal", planted) == 303, "the planted cookie still opens the staff area")
    if fresh:
        r.ok(get_as(a.url, "/personal", fresh) == 200, "the victim's new session does not work")


def race(r: Report, a: Server, b: Server, accounts: dict[str, str]) -> None:
    print("== the sign-in lock under a race (29 at once over two instances)", flush=True)
    victim = "polis@katrineholm.example"
    statuses: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(29)

    def guess(i: int) -> None:
        base = (a if i % 2 == 0 else b).url
        start.wait()
        status, _ = sign_in(base, victim, WRONG, source="127.0.0.5")
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(29)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    checked = statuses.count(401)
    print(f"   statuses: {sorted(statuses)}", flush=True)
    r.ok(checked <= 5, f"{checked} wrong passwords were checked in parallel, at most 5 may be")
    r.ok(set(statuses) <= {401, 429}, f"unexpected answers {sorted(set(statuses))}")
    status, _ = sign_in(a.url, victim, accounts[victim], source="127.0.0.5")
    r.ok(status == 429, f"the right password from the guessing client: {status}, expected 429")
    status, _ = sign_in(b.url, victim, accounts[victim], source="127.0.0.6")
    r.ok(status == 303, f"the owner from another address is kept out: {status}")

    print("== an unknown e-mail is answered like an existing one", flush=True)
    answers = []
    for email, source in [("analytiker@flen.example", "127.0.0.7"), ("ingen-alls@flen.example", "127.0.0.8")]:
        answers.append([sign_in(a.url, email, WRONG, source=source)[0] for _ in range(6)])
    print(f"   existing: {answers[0]}, unknown: {answers[1]}", flush=True)
    r.ok(answers[0] == answers[1], f"existing {answers[0]} and unknown {answers[1]} differ")
    r.ok(answers[1][-1] == 429, "an unknown address is never throttled")


def aborted_get(base: str, path: str, after: float) -> None:
    """Sends a GET like a reader's and, `after` seconds later, closes the socket with a
    reset: the server drops the request wherever it is."""
    u = urllib.parse.urlsplit(base)
    s = socket.create_connection((u.hostname, u.port), timeout=5)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: {u.netloc}\r\nAccept-Language: sv\r\n\r\n".encode())
    time.sleep(after)
    s.close()


def published_count(base: str) -> int:
    text = Client(base, Report()).get(LIST).text
    m = re.search(r"Visar \d+ av (\d+) publicerade", text)
    return int(m.group(1)) if m else -1


def cache(r: Report, a: Server, b: Server, accounts: dict[str, str]) -> None:
    print("== the page cache: aborted refreshes, changes through the other instance", flush=True)
    health = Client(a.url, Report())
    first, second = health.get("/healthz"), health.get("/healthz")
    r.ok(first.status == 200 and "no-store" in (first.header("Cache-Control") or ""), "GET /healthz is not marked no-store")
    r.ok(second.header("Cache-Control") == first.header("Cache-Control"), "GET /healthz answered differently")

    before = published_count(a.url)
    r.ok(before >= 0, f"GET {LIST} shows no count")
    # A resident writes to instance A; a coordinator publishes it through instance B.
    resident = Client(a.url, Report())
    resp = resident.form(
        f"/kommun/{CODE}/tyck-till",
        {"input_locality": "flen", "input_category": "lighting", "input_text": "Cachetest: mörkt vid stationen.", "website": ""},
    )
    r.ok(resp.status == 303, f"the input form: {resp.status}")
    coordinator = "samordnare@flen.example"
    status, cookie = sign_in(b.url, coordinator, accounts[coordinator], source="127.0.0.9")
    if not r.ok(status == 303 and cookie, f"the coordinator's sign-in: {status}"):
        return
    staff = Client(b.url, Report())
    name, _, value = cookie.partition("=")
    staff.cookies[name] = value
    queue = staff.get(f"/personal/kommun/{CODE}/synpunkter").text
    action = re.search(r'action="(/personal/kommun/\d+/synpunkter/\d+)"', queue)
    if not r.ok(action is not None, "no input waiting in the moderation queue"):
        return
    r.ok(published_count(a.url) == before, "the list changed before publishing")
    # Readers of A keep a copy; then the time to live passes, and every reader who comes
    # to refresh it hangs up at once.
    for _ in range(3):
        published_count(a.url)
    resp = staff.form(action.group(1), {"action": "publish", "text": "Cachetest: mörkt vid stationen.", "commitment": ""})
    r.ok(resp.status == 200, f"publishing through instance B: {resp.status}")
    # The first reader after each time to live refreshes the page; it hangs up a little
    # later each round, so that in some round it does so while the page is being computed.
    for delay_ms in (0, 1, 2, 3, 5, 8, 12, 20):
        time.sleep(TTL + 0.2)
        aborted_get(a.url, LIST, delay_ms / 1000)
    time.sleep(TTL + 0.5)
    after = published_count(a.url)
    r.ok(after == before + 1, f"instance A still shows {after} published inputs after the time to live, expected {before + 1}: the page froze")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lofte", required=True, help="the lofte binary")
    ap.add_argument("--database-url", help="an empty database both instances share (default: a fresh SQLite file)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="lofte-attacks-")
    os.environ["LOFTE_PAGE_CACHE_SECONDS"] = str(TTL)
    started = time.time()
    a = Server(os.path.abspath(args.lofte), os.path.join(work, "a"), args.database_url)
    b = Server(os.path.abspath(args.lofte), os.path.join(work, "b"), args.database_url)
    b.demo = False  # the second instance on the first one's data
    os.makedirs(a.work)
    os.makedirs(b.work)
    b.where = a.where  # one database for both
    a.env["LOFTE_PAGE_CACHE_SECONDS"] = b.env["LOFTE_PAGE_CACHE_SECONDS"] = str(TTL)
    report = Report()
    try:
        a.start()
        b.start()
        print(f"instances at {a.url} and {b.url}", flush=True)
        fixation(report, a, a.accounts)
        race(report, a, b, a.accounts)
        cache(report, a, b, a.accounts)
    finally:
        for s in (a, b):
            s.stop()
            log = open(s.log_path, encoding="utf-8", errors="replace").read()
            for p in re.findall(r".*panicked at.*", log)[:5]:
                report.fail(f"server log: {p.strip()}")
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    where = "PostgreSQL" if args.database_url else "SQLite"
    print(f"\nattacks ({where}): {report.passed} checks passed, {len(report.failures)} failed ({time.time() - started:.0f} s)")
    for f in report.failures:
        print(f"  - {f}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
