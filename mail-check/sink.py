"""A real SMTP server on loopback (aiosmtpd) that keeps every message it accepts.

Used by mail-check/check.py and by bench/faults_server.py --mail. Each accepted message
is kept in order as it arrived and parsed with the standard library's e-mail parser (as
a mail client would) when asked for, so parsing never slows the server down. `delay`
makes the server slow to answer the end of a message's data, so a test can kill a
sender while messages are in flight. `tls` makes it a server with a certificate:
"starttls" (it refuses mail before STARTTLS) or "smtps" (TLS from the first byte). A
message is kept once its data has ended, whether
or not its sender stays to hear the answer: a mail server such as Postfix has the
message safe on disk before it answers, and delivers it even if the sender is gone.
"""

import asyncio
import email
import email.policy
import socket
import ssl
import threading
import time

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        with self.sink.lock:
            self.sink.received.append((list(envelope.rcpt_tos), envelope.content))
            self.sink.encrypted.append(
                session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None
            )
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        return "250 Message accepted for delivery"


class Sink:
    def __init__(self, delay=0.0, tls=None, certificate=None, key=None):
        self.delay = delay
        self.tls = tls
        self.lock = threading.Lock()
        self.received = []  # (recipients, raw bytes), as accepted
        self.encrypted = []  # whether each came over TLS
        self.parsed = []  # the same, parsed, as far as asked for
        self.port = free_port()
        options = {}
        if tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(certificate, key)
            if tls == "starttls":
                options = dict(tls_context=context, require_starttls=True)
            elif tls == "smtps":
                options = dict(ssl_context=context)
            else:
                raise ValueError(f"tls={tls}")
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port, **options)

    @property
    def url(self):
        return {
            None: f"smtp://127.0.0.1:{self.port}",
            "starttls": f"smtp://127.0.0.1:{self.port}?tls=required",
            "smtps": f"smtps://127.0.0.1:{self.port}",
        }[self.tls]

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def count(self):
        with self.lock:
            return len(self.received)

    def messages(self):
        """Every message so far as (recipients, parsed message), parsed once each."""
        with self.lock:
            raw = list(self.received)
        while len(self.parsed) < len(raw):
            to, content = raw[len(self.parsed)]
            self.parsed.append((to, email.message_from_bytes(content, policy=email.policy.default)))
        return list(self.parsed[: len(raw)])

    def wait_for(self, count, timeout=30.0):
        """The messages once at least `count` have arrived (or fail after `timeout`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count() >= count:
                return self.messages()
            time.sleep(0.05)
        raise AssertionError(f"waited {timeout} s for {count} messages, got {self.count()}")


def text_of(message):
    """The plain-text part of a message."""
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part else ""


def html_of(message):
    part = message.get_body(preferencelist=("html",))
    return part.get_content() if part else ""
