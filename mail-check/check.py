#!/usr/bin/env python3
"""Every kind of message Löfte sends, over SMTP to a real server on loopback (aiosmtpd),
read back as a mail client reads it (issue 25).

Starts the sink and `lofte serve --demo` with LOFTE_SMTP_URL pointing at it, then walks
the flows a resident and a coordinator go through:

* follow the Flen 2021 promise: the confirmation message (no unsubscribe header, the
  confirmation link), then the confirmation by its button;
* the staff's weekly reminder, which the server queues when it starts;
* a forgotten password: the reset message, the new password set by its link, and a
  sign-in with it;
* the 2021 final report published through the staff form: the notice to the follower,
  with RFC 8058's List-Unsubscribe and List-Unsubscribe-Post headers, plain text and
  HTML in the follower's language;
* the one-click unsubscribe POSTed as a mail provider does (cross-site, no cookie),
  after which the manage link leads nowhere and the next message goes to no one;
* a mail server with a certificate from the organisation's own authority (made here
  with openssl), over STARTTLS and over smtps://: with `smtp_ca_file` naming the
  authority the reminder arrives encrypted; without it nothing is sent and the log says
  why.

Every message must parse, carry a Message-ID of its own, a Date, From and To, and a
text/plain and a text/html part. Exit status 1 on any failure.

    mail-check/check.py LOFTE_BINARY
"""

import html.parser
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from sink import Sink, free_port, html_of, text_of

FAILURES = []


def expect(condition, what):
    if condition:
        print(f"  ok  {what}")
    else:
        print(f"  FAIL {what}")
        FAILURES.append(what)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def request(method, url, form=None, headers=None, body=None):
    data = body
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None and "Content-Type" not in (headers or {}):
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with OPENER.open(req, timeout=30) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


class Inputs(html.parser.HTMLParser):
    """The fields of the first form whose action is `action`."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields = action, False, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        elif self.inside and tag in ("input", "textarea", "select") and a.get("name"):
            if a.get("type") in ("radio", "checkbox") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def one(sink, what, match, timeout=30.0):
    """The first message `match(to, message)` accepts, once it has arrived."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for to, message in sink.messages():
            if match(to, message):
                return message
        time.sleep(0.05)
    raise AssertionError(f"no {what} arrived in {timeout} s")


def count(sink, match):
    return sum(1 for to, m in sink.messages() if match(to, m))


def heading(page):
    m = re.search(r"<h1>(.*?)</h1>", page, re.S)
    return m.group(1).strip() if m else ""


def link_in(message, marker):
    for word in text_of(message).split():
        if marker in word:
            return word.rstrip(".,)")
    return None


def well_formed(message, what):
    expect(message["Message-ID"] and re.fullmatch(r"<lofte\.\d+\.\d+@[^>]+>", message["Message-ID"]),
           f"{what}: a Message-ID of Löfte's form ({message['Message-ID']})")
    expect(message["Date"] is not None and message["From"] is not None and message["To"] is not None,
           f"{what}: Date, From and To")
    expect(message.get_content_type() == "multipart/alternative", f"{what}: multipart/alternative")
    expect(text_of(message) and "<html" in html_of(message), f"{what}: a text/plain and a text/html part")


class Lofte:
    """`lofte serve --demo` in a folder of its own, sending to `smtp_url`."""

    def __init__(self, binary, work, name, smtp_url, **settings):
        self.folder = os.path.join(work, name)
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        env = dict(os.environ, LOFTE_SMTP_URL=smtp_url, LOFTE_PUBLIC_URL=self.base,
                   LOFTE_MAIL_FROM="Trygg i Flen <noreply@trygghet.flen.example>", LOFTE_LOG="warn",
                   **settings)
        self.log = os.path.join(work, f"{name}.log")
        with open(self.log, "w") as log:
            self.server = subprocess.Popen(
                [binary, "--data-dir", self.folder, "serve", "--demo", "--bind", f"127.0.0.1:{port}"],
                stdout=subprocess.PIPE, stderr=log, env=env, text=True)
        self.passwords = {}
        for line in self.server.stdout:
            m = re.match(r"\s+(\S+@\S+)\s+(\S+)\s+\(", line)
            if m:
                self.passwords[m.group(1)] = m.group(2)
            if "127.0.0.1" in line and "http://" in line:
                break

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server.kill()
        self.server.wait()

    def logged(self):
        with open(self.log) as log:
            return log.read()

    def logged_once(self, text, seconds=30):
        """The log once it holds `text`, or as it stands after `seconds`."""
        deadline = time.monotonic() + seconds
        while text not in self.logged() and time.monotonic() < deadline:
            time.sleep(0.2)
        return self.logged()


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="lofte-mail-check.")
    with Sink() as sink, Lofte(binary, work, "plain", sink.url) as lofte:
        run(lofte.base, sink, lofte.passwords)
    tls(binary, work)
    if FAILURES:
        print(f"\n{len(FAILURES)} failure(s); server logs in {work}/")
        sys.exit(1)
    print("\nmail-check: every message kind arrived over SMTP and read back")


def authority(work):
    """A certificate authority of the organisation's own and a mail server certificate
    for 127.0.0.1 signed by it: (authority's PEM, server's PEM, server's key)."""
    ca, ca_key = os.path.join(work, "ca.pem"), os.path.join(work, "ca.key")
    cert, key, csr = (os.path.join(work, f) for f in ("mail.pem", "mail.key", "mail.csr"))
    ext = os.path.join(work, "mail.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    for command in (
        ["req", "-x509", *ec, "-keyout", ca_key, "-out", ca, "-days", "2",
         "-subj", "/O=Testkommunen/CN=Testkommunens CA",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"],
        ["req", *ec, "-keyout", key, "-out", csr, "-subj", "/O=Testkommunen/CN=127.0.0.1"],
        ["x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
         "-out", cert, "-days", "2", "-extfile", ext],
    ):
        subprocess.run(["openssl", *command], check=True, capture_output=True)
    return ca, cert, key


def to_coordinator(to, message):
    return to == ["samordnare@flen.example"] and message["Subject"].startswith("Löfte: ")


def tls(binary, work):
    if shutil.which("openssl") is None:
        expect(False, "openssl is installed (it makes the test's certificate authority; apt-get install openssl)")
        return
    ca, cert, key = authority(work)
    for mode in ("starttls", "smtps"):
        print(f"== {mode}: a mail server with the organisation's own certificate")
        with Sink(tls=mode, certificate=cert, key=key) as sink:
            with Lofte(binary, work, f"{mode}-trusted", sink.url, LOFTE_SMTP_CA_FILE=ca):
                reminder = one(sink, "reminder", to_coordinator)
                well_formed(reminder, f"{mode} reminder")
                expect(all(sink.encrypted), f"{mode}: every message came encrypted ({sink.encrypted})")
            # aiosmtpd would print the handshake the sender breaks off as a traceback.
            logging.getLogger("mail.log").disabled = True
            try:
                untrusted(binary, work, mode, sink)
                wrong_name(binary, work, mode, sink, ca)
            finally:
                logging.getLogger("mail.log").disabled = False
    bad_ca_file(binary, work, key)


def untrusted(binary, work, mode, sink):
    """The same server without smtp_ca_file: nothing goes, and the operator is told why."""
    with Lofte(binary, work, f"{mode}-untrusted", sink.url) as lofte:
        logged = lofte.logged_once("UnknownIssuer")
        expect("UnknownIssuer" in logged and "smtp_ca_file" in logged and "will retry" in logged,
               f"{mode} without smtp_ca_file: the log says the certificate's issuer is unknown, "
               "names smtp_ca_file, and the message waits for a retry")
        # Links in a message lead to the instance that sent it.
        expect(not any(lofte.base in text_of(m) for _, m in sink.messages()),
               f"{mode} without smtp_ca_file: nothing is sent")
        status, headers, _ = request("POST", f"{lofte.base}/logga-in", form={
            "email": "admin@lofte.example", "password": lofte.passwords["admin@lofte.example"],
            "nasta": "/personal"})
        cookie = next(c.split(";")[0] for c in headers.get_all("Set-Cookie") or []
                      if c.startswith("lofte_session="))
        deadline = time.monotonic() + 10
        while True:
            status, _, page = request("GET", f"{lofte.base}/personal/e-post", headers={"Cookie": cookie})
            if "UnknownIssuer" in page or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        expect(status == 200 and "UnknownIssuer" in page and "smtp_ca_file" in page,
               f"{mode} without smtp_ca_file: the administrator's mail log shows why, and names the setting")


def wrong_name(binary, work, mode, sink, ca):
    """The trusted server named as "localhost", which its certificate (for 127.0.0.1 only)
    does not name: nothing goes, and the log says to fix smtp_url."""
    url = sink.url.replace("127.0.0.1", "localhost")
    with Lofte(binary, work, f"{mode}-wrong-name", url, LOFTE_SMTP_CA_FILE=ca) as lofte:
        logged = lofte.logged_once("not valid for name")
        expect("not valid for name \"localhost\"" in logged and "not issued for the host smtp_url names" in logged,
               f"{mode} to a name the certificate does not give: the log says so and points at smtp_url")
        expect(not any(lofte.base in text_of(m) for _, m in sink.messages()),
               f"{mode} to a name the certificate does not give: nothing is sent")


def bad_ca_file(binary, work, key):
    print("== smtp_ca_file that is not a certificate: the server does not start")
    result = subprocess.run([binary, "--data-dir", os.path.join(work, "bad-ca"), "serve", "--demo",
                             "--bind", "127.0.0.1:0"], capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, LOFTE_SMTP_URL="smtps://127.0.0.1:1",
                                     LOFTE_SMTP_CA_FILE=key, LOFTE_LOG="warn"))
    expect(result.returncode != 0 and f"smtp_ca_file: {key}: no certificate" in result.stderr,
           f"a clear error naming the file ({result.stderr.strip()[-200:]})")


def run(base, sink, passwords):
    print("== following: the confirmation message")
    status, _, page = request("POST", f"{base}/kommun/0482/folj",
                              form={"email": "anna@example.se", "mal": "promise", "ar": "2021",
                                    "atagande": "", "frekvens": "immediately"})
    expect(status == 200 and heading(page) == "Titta i din e-post", "the request is answered")
    to_anna = lambda to, m: to == ["anna@example.se"]  # noqa: E731
    confirm = one(sink, "confirmation", to_anna)
    well_formed(confirm, "confirmation")
    expect(confirm["Subject"].startswith("Bekräfta att du vill följa"), f"subject: {confirm['Subject']}")
    expect(confirm["From"] == "Trygg i Flen <noreply@trygghet.flen.example>", f"from: {confirm['From']}")
    expect(confirm["Content-Language"] == "sv", "in Swedish")
    expect(confirm["List-Unsubscribe"] is None, "no unsubscribe header before a follow counts")
    url = link_in(confirm, "/folj/bekrafta/")
    expect(url and url.startswith(base), f"a confirmation link to the public address ({url})")
    status, _, page = request("POST", url, headers={"Origin": base})
    expect(status == 200 and heading(page) == "Nu följer du", "the button confirms")
    status, _, _ = request("POST", f"{base}/kommun/0482/folj",
                           form={"email": "anna@example.se", "mal": "promise", "ar": "2021",
                                 "atagande": "", "frekvens": "immediately"})
    time.sleep(3)
    expect(count(sink, to_anna) == 1, "asking again sends nothing")

    print("== the staff's weekly reminder, queued when the server starts")
    reminder = one(sink, "reminder", to_coordinator)
    well_formed(reminder, "reminder")
    expect("/personal/kommun/0482/" in text_of(reminder), "links to the work in the staff area")
    expect(reminder["List-Unsubscribe"] is None, "no unsubscribe header (staff, not followers)")

    print("== forgotten password: the reset message")
    status, _, page = request("POST", f"{base}/logga-in/glomt", form={"email": "samordnare@flen.example"})
    expect(status == 200, "the request is answered")
    reset = one(sink, "reset", lambda to, m: to == ["samordnare@flen.example"]
                and m["Subject"] == "Välj ett nytt lösenord till Löfte")
    well_formed(reset, "reset")
    expect(reset["Subject"] == "Välj ett nytt lösenord till Löfte", f"subject: {reset['Subject']}")
    url = link_in(reset, "/logga-in/nytt-losenord/")
    status, _, page = request("POST", url, headers={"Origin": base},
                              form={"new_password": "ett nytt långt lösenord", "repeat_password": "ett nytt långt lösenord"})
    expect(status == 200 and heading(page) == "Lösenordet är bytt", "the link sets a new password")
    status, headers, _ = request("POST", f"{base}/logga-in",
                                 form={"email": "samordnare@flen.example", "password": "ett nytt långt lösenord", "nasta": "/personal"})
    expect(status == 303, "the new password signs in")
    cookie = next(c.split(";")[0] for c in headers.get_all("Set-Cookie") if c.startswith("lofte_session="))

    print("== a final report published: the notice to the follower")
    path = "/personal/kommun/0482/2021/uppfoljning/slutredovisning"
    status, _, page = request("GET", base + path, headers={"Cookie": cookie})
    parser = Inputs(path)
    parser.feed(page)
    n = len(re.findall(r'name="narrative_\d+"', page))
    mine = ("narrative_", "status_", "reason_")
    form = [(k, v) for k, v in parser.fields if not k.startswith(mine) and k != "action"]
    for i in range(n):
        form += [(f"narrative_{i}", "Genomfört enligt planen."), (f"status_{i}", "kept"),
                 (f"reason_{i}", "Bedömt av polisen och kommunen tillsammans.")]
    form.append(("action", "publish"))
    status, headers, page = request("POST", base + path, headers={"Cookie": cookie, "Origin": base}, form=form)
    expect(status == 303 and headers.get("Location", "").endswith("?sparat=publicerad"),
           f"published ({status} {headers.get('Location')}: {re.findall(r'<li><a href=[^>]*>(.*?)</a>', page)[:3]})")
    notice = one(sink, "notice", lambda to, m: to == ["anna@example.se"] and "publicerad" in m["Subject"])
    well_formed(notice, "notice")
    expect("Slutredovisning" in notice["Subject"], f"subject: {notice['Subject']}")
    expect(notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", "RFC 8058 List-Unsubscribe-Post")
    unsubscribe = (notice["List-Unsubscribe"] or "").strip("<>")
    expect(unsubscribe.startswith(f"{base}/folj/") and unsubscribe.endswith("/avsluta"), f"List-Unsubscribe: {unsubscribe}")
    expect('lang="sv"' in html_of(notice), "the HTML part names its language")
    manage = [w for w in text_of(notice).split() if "/folj/" in w and not w.endswith("/avsluta")]
    expect(len(manage) == 1, "a link to see and delete what is stored")
    ids = [m["Message-ID"] for _, m in sink.messages()]
    expect(len(set(ids)) == len(ids), "every message has its own Message-ID")

    print("== one-click unsubscribe, as a mail provider posts it")
    status, _, page = request("POST", unsubscribe, body=b"List-Unsubscribe=One-Click",
                              headers={"Origin": "https://mail.example.net",
                                       "Content-Type": "application/x-www-form-urlencoded"})
    expect(status == 200 and heading(page) == "Allt är raderat", "the address and its follows are deleted")
    status, _, _ = request("GET", manage[0])
    expect(status == 404, "the manage link leads nowhere after")
    status, _, _ = request("POST", unsubscribe, body=b"List-Unsubscribe=One-Click")
    expect(status == 404, "a second one-click changes nothing")


if __name__ == "__main__":
    main()
