#!/usr/bin/python3
"""A real SMTP relay for Callsheet's tests: aiosmtpd (Debian's python3-aiosmtpd) on
loopback. Each message it accepts is written to SPOOL/NNNN.eml, preceded by X-Test-*
headers with the envelope and how the session was secured; the test reads them back.

  smtp_relay.py --spool DIR [--port N] [--tls-cert PEM --tls-key PEM] [--auth USER:PASSWORD]
                [--reject ADDRESS]...
  smtp_relay.py --parse DIR

Prints "READY <port>" on stdout once it accepts connections; stops on SIGTERM or when
the process that started it is gone. With
--parse it reads every message of the spool with Python's own e-mail parser (not ours)
and prints them as JSON: envelope, decoded headers, and each part's type, charset,
transfer encoding and decoded text.
"""
import argparse
import logging
import email
import email.policy
import itertools
import json
import os
import signal
import socket
import ssl
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Spool:
    def __init__(self, directory, rejected):
        self.directory = directory
        self.rejected = {address.lower() for address in rejected}
        self.numbers = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            number = next(self.numbers)
        auth = getattr(session, "auth_data", None)
        login = auth.login.decode() if session.authenticated and hasattr(auth, "login") else ""
        head = "X-Test-Mail-From: %s\r\nX-Test-Rcpt-To: %s\r\nX-Test-TLS: %s\r\nX-Test-Auth: %s\r\n" % (
            envelope.mail_from, ",".join(envelope.rcpt_tos), "yes" if session.ssl else "no", login)
        path = os.path.join(self.directory, "%d-%04d.eml" % (time.time_ns(), number))
        with open(path + ".part", "wb") as out:
            out.write(head.encode() + envelope.original_content)
        os.rename(path + ".part", path)
        return "250 2.0.0 Ok: queued as test-%04d" % number


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def parse(directory):
    messages = []
    for name in sorted(n for n in os.listdir(directory) if n.endswith(".eml")):
        with open(os.path.join(directory, name), "rb") as source:
            message = email.message_from_binary_file(source, policy=email.policy.default)
        parts = []
        for part in message.walk():
            if part.is_multipart():
                continue
            parts.append({
                "type": part.get_content_type(), "charset": part.get_content_charset(),
                "encoding": part.get("Content-Transfer-Encoding"), "text": part.get_content(),
            })
        messages.append({
            "file": name, "mail_from": message["X-Test-Mail-From"], "rcpt_to": message["X-Test-Rcpt-To"],
            "tls": message["X-Test-TLS"], "auth": message["X-Test-Auth"],
            "from": str(message["From"]), "to": str(message["To"]), "reply_to": str(message["Reply-To"] or ""),
            "subject": str(message["Subject"]),
            "raw_subject": [value for key, value in message.raw_items() if key.lower() == "subject"][0],
            "message_id": message["Message-ID"], "content_type": message.get_content_type(),
            "date": str(message["Date"]), "parts": parts,
        })
    json.dump(messages, sys.stdout)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--parse":
        return parse(sys.argv[2])
    parser = argparse.ArgumentParser()
    parser.add_argument("--spool", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--auth")
    parser.add_argument("--reject", action="append", default=[])
    options = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    os.makedirs(options.spool, exist_ok=True)

    settings = {}
    if options.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(options.tls_cert, options.tls_key)
        settings.update(tls_context=context, require_starttls=True)
    if options.auth:
        user, password = options.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

        settings.update(authenticator=authenticator, auth_required=True)
    port = options.port or free_port()
    # A loaded CI machine (two cores, the whole suite in parallel) can take seconds to
    # start the server's thread: aiosmtpd's default of one second is too short.
    controller = Controller(Spool(options.spool, options.reject), hostname="127.0.0.1", port=port, ready_timeout=60, **settings)
    controller.start()
    # One write: the server thread logs to the same file and must not split the line.
    sys.stdout.write("READY %d\n" % port)
    sys.stdout.flush()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    parent = os.getppid()
    # The test process that started us may die without stopping us: follow it.
    while not stop.wait(1):
        if os.getppid() != parent:
            break
    controller.stop()


if __name__ == "__main__":
    sys.exit(main())
