#!/usr/bin/python3
"""Test upload server: the department's endpoint as the kiosk's tests see it, misbehaving on purpose.

Python 3 standard library, plus Debian's python3-nacl for protocol v2 (run it with /usr/bin/python3:
the python3 first on PATH may lack it; without it v1 works and v2 answers 500). Listens on 127.0.0.1 on free ports and prints, one per line:
    PORT <n>            plain HTTP listener
    TLS_PORT <n>        (with --tls-dir) HTTPS listener, self-signed certificate made with `openssl`
    TLS_CERT <path>     that certificate (the CA to configure to trust it)
    TLS_PIN <pin>       its public key as a CURLOPT_PINNEDPUBLICKEY "sha256//..." pin
    READY
Stores accepted submissions in its own SQLite (--db) keyed by Idempotency-Key: a replay of a stored
key gets 409 with the first receipt, never a second row.

The fault plan is a JSON list of steps, set with --plan or POST /control/plan. Each submission
request consumes the first step with requests left ("count", default unlimited):
    {"fault": "ok"}                                   store, 201 {"receipt_id": ...} (409 on replay)
    {"fault": "500"}                                  500, nothing stored
    {"fault": "503", "retry_after": "120"}            503 with Retry-After (seconds or HTTP-date)
    {"fault": "503", "retry_after_date_in": 60}       503 with Retry-After as an HTTP-date 60 s after
                                                      the reply's own Date header
    {"fault": "429", "retry_after": "7"}              429 (Retry-After optional)
    {"fault": "401"}                                  401 {"error": "token revoked"} ("reason": X for X)
    {"fault": "hang", "seconds": 30}                  read the request, never answer (until the
                                                      client gives up or `seconds` pass)
    {"fault": "reset"}                                read the request, close with a TCP reset
    {"fault": "store_drop"}                           store, then close without any reply
    {"fault": "trickle", "byte_ms": 50}               store, then send the reply one byte per byte_ms
    {"fault": "hold", "ms": 100}                      store, wait ms, then reply as "ok"
    {"fault": "reject_id", "id": X, "status": 422}    422 with a reason for submission X only,
                                                      "ok" for every other one
Requests with a wrong bearer token get 401 in every mode that would store.

Protocol v2 (POST /v2/submissions, docs/upload-protocol.md, issue 10): same headers, faults and
replies as v1. A sealed, signed envelope is stored only when `collector_public_key` is the registered
key of `signer_kiosk_id` (--collector-key KIOSK_ID=KEY, --collector-keys-file FILE holding a JSON
object {kiosk id: key} re-read at every request, or POST /control/collector-keys {"kiosk_id",
"public_key"}), the Ed25519 signature verifies over the exact signing text, `sealed_to` is the key id
of a department secret the server holds (--department-secret FILE, repeatable; default: the demo
secret tests/support/demo-department.secret, public by design) and the payload opens with it; else
422 with the reason. A repeated id stores nothing: 409 when signature and sealed payload are the
stored ones, 422 when they differ. The opened payload is kept: /control/records lists a v2 record as
{"key", "envelope", "receipt_id", "protocol": 2, "opened"} (opened: the payload's JSON, or its text).

Heartbeats (POST /v1/heartbeat, docs/upload-protocol.md) are checked (bearer token, JSON object with
the required fields), answered 204 and recorded apart from submissions: GET /control/heartbeats.

Control endpoints (same listener): GET /control/stats, GET /control/records, GET /control/requests,
GET /control/heartbeats, GET /control/wait?received=N&timeout=S, POST /control/plan, POST /control/quit,
POST /control/collector-keys.

It stops by itself: after --lifetime seconds, and as soon as its stdin closes (the test that
started it died), unless --no-stdin-watch.
"""

import argparse
import base64
import hashlib
import http.server
import json
import os
import socket
import sqlite3
import ssl
import struct
import subprocess
import sys
import threading
import time
import urllib.parse

try:  # Debian's python3-nacl (libsodium): only protocol v2 needs it
    import nacl.exceptions
    import nacl.public
    import nacl.signing
except ImportError:
    nacl = None

DEMO_SECRET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo-department.secret")

HEARTBEAT_FIELDS = ("kiosk_id", "app_version", "sent_at", "counts", "oldest_pending_created_at",
                    "oldest_pending_age_s", "last_success_at", "last_error", "paused")
REQUIRED_FIELDS = ("id", "form_id", "form_version", "program_id", "event_tag", "created_at", "kiosk_id",
                   "collected_by_kiosk_id", "app_version", "payload")
V2_FIELDS = ("id", "form_id", "form_version", "program_id", "event_tag", "created_at", "kiosk_id",
             "collected_by_kiosk_id", "app_version", "event_id", "signer_kiosk_id", "sealed_to",
             "sealed_payload", "collector_public_key", "signature")
# The signed lines after the header, in protocol order (kiosk/crypto/record_signature.h).
SIGNED_FIELDS = ("id", "form_id", "form_version", "program_id", "event_id", "event_tag", "created_at",
                 "collected_by_kiosk_id", "signer_kiosk_id", "sealed_to", "sealed_payload")
SIGNING_HEADER = "community-kiosk record v2"


def strict_b64(text, length=None):
    """The bytes of canonical standard base64 (with padding), or None."""
    if not isinstance(text, str):
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError:
        return None
    if base64.b64encode(raw).decode() != text or (length is not None and len(raw) != length):
        return None
    return raw


def key_id(public_key_bytes):
    """sealed_to: the first 16 hex digits of BLAKE2b-256 of the 32 public-key bytes."""
    return hashlib.blake2b(public_key_bytes, digest_size=32).hexdigest()[:16]


def signing_text(env):
    """The exact bytes a v2 record is signed over, or (None, reason)."""
    lines = [SIGNING_HEADER]
    for f in SIGNED_FIELDS:
        v = env.get(f)
        if f == "form_version":
            if not isinstance(v, int) or isinstance(v, bool):
                return None, "form_version must be a whole number"
            v = str(v)
        elif v is None:
            v = ""
        elif not isinstance(v, str):
            return None, "%s must be a string" % f
        if "\n" in v:
            return None, "%s contains a line break" % f
        lines.append(v)
    return "\n".join(lines).encode("utf-8"), None


class Keys:
    """The registered kiosk keys (kiosk id -> base64 Ed25519 key) and the department secrets held."""

    def __init__(self, collector_keys, keys_file, secret_files):
        self.lock = threading.Lock()
        self.registered = dict(collector_keys)
        self.keys_file = keys_file
        self.secrets = {}  # key id -> nacl.public.PrivateKey
        for path in secret_files:
            with open(path) as f:
                sk = nacl.public.PrivateKey(strict_b64(f.read().strip(), 32))
            self.secrets[key_id(bytes(sk.public_key))] = sk

    def register(self, kiosk_id, public_key):
        with self.lock:
            self.registered[kiosk_id] = public_key

    def registered_key(self, kiosk_id):
        with self.lock:
            keys = dict(self.registered)
        if self.keys_file and os.path.exists(self.keys_file):
            with open(self.keys_file) as f:
                keys.update(json.load(f))
        return keys.get(kiosk_id)


class Store:
    """Accepted submissions (SQLite, keyed by Idempotency-Key), the request log and the fault plan."""

    def __init__(self, db_path, token, plan):
        self.lock = threading.Condition()
        self.db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=OFF")  # a test double: it never crashes mid-test
        self.db.execute("CREATE TABLE IF NOT EXISTS submissions (key TEXT PRIMARY KEY, body TEXT NOT NULL, "
                        "receipt_id TEXT NOT NULL, stored_at REAL NOT NULL, "
                        "protocol INTEGER NOT NULL DEFAULT 1, opened TEXT)")
        self.token = token
        self.plan = plan
        self.received = 0      # submission requests that arrived (whatever happened next)
        self.replays = 0       # requests for a key already stored (answered 409)
        self.requests = []     # one dict per submission request, in arrival order
        self.next_receipt = 1
        self.heartbeats = []   # one dict per accepted heartbeat, in arrival order

    def set_plan(self, plan):
        with self.lock:
            self.plan = [dict(step) for step in plan]

    def take_step(self):
        """The fault for the request that just arrived; consumes one count of the first live step."""
        with self.lock:
            for step in self.plan:
                left = step.get("count")
                if left is None:
                    return dict(step)
                if left > 0:
                    step["count"] = left - 1
                    return dict(step)
            return {"fault": "ok"}

    def arrived(self, entry):
        with self.lock:
            self.received += 1
            entry["n"] = self.received
            self.requests.append(entry)
            self.lock.notify_all()

    def store(self, key, body):
        """Returns (receipt_id, is_new)."""
        with self.lock:
            row = self.db.execute("SELECT receipt_id FROM submissions WHERE key = ?", (key,)).fetchone()
            if row:
                self.replays += 1
                return row[0], False
            receipt = "R-%06d" % self.next_receipt
            self.next_receipt += 1
            self.db.execute("INSERT INTO submissions (key, body, receipt_id, stored_at) VALUES (?, ?, ?, ?)",
                            (key, body, receipt, time.time()))
            return receipt, True

    def store_v2(self, key, body, env, opened):
        """Returns (receipt_id, "new" | "same" | "conflict"); a repeat never changes the stored row."""
        with self.lock:
            row = self.db.execute("SELECT receipt_id, body, protocol FROM submissions WHERE key = ?",
                                  (key,)).fetchone()
            if row:
                old = json.loads(row[1])
                same = row[2] == 2 and all(old.get(f) == env.get(f) for f in ("signature", "sealed_payload"))
                if same:
                    self.replays += 1
                return row[0], ("same" if same else "conflict")
            receipt = "R-%06d" % self.next_receipt
            self.next_receipt += 1
            self.db.execute("INSERT INTO submissions (key, body, receipt_id, stored_at, protocol, opened) "
                            "VALUES (?, ?, ?, ?, 2, ?)", (key, body, receipt, time.time(), opened))
            return receipt, "new"

    def stats(self):
        with self.lock:
            stored = self.db.execute("SELECT count(*) FROM submissions").fetchone()[0]
            by_status = {}
            for r in self.requests:
                k = str(r.get("status", "none"))
                by_status[k] = by_status.get(k, 0) + 1
            return {"received": self.received, "stored": stored, "replays": self.replays, "by_status": by_status}

    def records(self):
        with self.lock:
            rows = self.db.execute("SELECT key, body, receipt_id, protocol, opened FROM submissions "
                                   "ORDER BY stored_at, rowid").fetchall()
        out = []
        for k, b, r, protocol, opened in rows:
            rec = {"key": k, "envelope": json.loads(b), "receipt_id": r}
            if protocol == 2:
                try:
                    rec["opened"] = json.loads(opened)
                except ValueError:
                    rec["opened"] = opened
                rec["protocol"] = 2
            out.append(rec)
        return out

    def wait_received(self, n, timeout):
        deadline = time.monotonic() + timeout
        with self.lock:
            while self.received < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.lock.wait(left)
        return self.stats()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "KioskTestServer/1"
    store = None  # set by main()
    keys = None   # set by main()

    def log_message(self, fmt, *args):  # quiet: tests read the control endpoints instead
        pass

    def setup(self):
        # TLS handshakes run here, in the connection's own thread: a client that refuses the
        # certificate or stalls never blocks the listener.
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(10)
            self.request.do_handshake()
            self.request.settimeout(None)
        super().setup()

    # ---- plumbing -------------------------------------------------------------------------------
    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def retry_after(self, step):
        if step.get("retry_after") is not None:
            return {"Retry-After": str(step["retry_after"])}
        if step.get("retry_after_date_in") is not None:
            self.reply_time = int(time.time())
            return {"Retry-After": self.date_time_string(self.reply_time + int(step["retry_after_date_in"]))}
        return {}

    def reply(self, status, obj=None, headers=None, close=False):
        body = json.dumps(obj).encode() if obj is not None else b""
        # The Date header and an HTTP-date Retry-After are computed from the same instant.
        when = getattr(self, "reply_time", None)
        self.reply_time = None
        head = ["HTTP/1.1 %d %s" % (status, self.responses.get(status, ("",))[0]),
                "Date: " + self.date_time_string(when),
                "Content-Type: application/json",
                "Content-Length: %d" % len(body)]
        for k, v in (headers or {}).items():
            head.append("%s: %s" % (k, v))
        if close:
            head.append("Connection: close")
            self.close_connection = True
        self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        self.wfile.flush()

    def drop(self, reset):
        """Ends the connection without a reply: FIN, or RST when `reset`."""
        self.close_connection = True
        try:
            if reset:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:
                self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.connection.close()

    def hang(self, seconds):
        """Holds the request unanswered until the client hangs up or `seconds` pass."""
        deadline = time.monotonic() + seconds
        self.connection.settimeout(0.05)
        while time.monotonic() < deadline:
            try:
                if self.connection.recv(1, socket.MSG_PEEK) == b"":
                    break
            except socket.timeout:
                continue
            except OSError:
                break
        self.drop(reset=False)

    # ---- routes ---------------------------------------------------------------------------------
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        q = urllib.parse.parse_qs(url.query)
        if url.path == "/control/stats":
            return self.reply(200, self.store.stats())
        if url.path == "/control/records":
            return self.reply(200, self.store.records())
        if url.path == "/control/requests":
            with self.store.lock:
                reqs = list(self.store.requests)
            return self.reply(200, reqs)
        if url.path == "/control/heartbeats":
            with self.store.lock:
                beats = list(self.store.heartbeats)
            return self.reply(200, beats)
        if url.path == "/control/wait":
            n = int(q.get("received", ["1"])[0])
            timeout = min(float(q.get("timeout", ["10"])[0]), 60.0)
            return self.reply(200, self.store.wait_received(n, timeout))
        return self.reply(404, {"error": "no such path"})

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/control/plan":
            self.store.set_plan(json.loads(self.read_body() or b"[]"))
            return self.reply(200, {"ok": True})
        if url.path == "/control/collector-keys":
            body = json.loads(self.read_body() or b"{}")
            self.keys.register(body["kiosk_id"], body["public_key"])
            return self.reply(200, {"ok": True})
        if url.path == "/control/quit":
            self.reply(200, {"ok": True})
            os._exit(0)
        if url.path == "/v1/submissions":
            return self.submission(self.accept)
        if url.path == "/v2/submissions":
            return self.submission(self.accept_v2)
        if url.path == "/v1/heartbeat":
            return self.heartbeat()
        self.read_body()
        return self.reply(404, {"error": "no such path"})

    def submission(self, accept):
        t_arrive = time.monotonic()
        raw = self.read_body()
        key = self.headers.get("Idempotency-Key", "")
        step = self.store.take_step()
        fault = step.get("fault", "ok")
        entry = {
            "key": key, "fault": fault, "t_arrive": t_arrive, "client_port": self.client_address[1],
            "authorization": self.headers.get("Authorization"), "content_type": self.headers.get("Content-Type"),
            "user_agent": self.headers.get("User-Agent"), "expect": self.headers.get("Expect"),
            "content_length": self.headers.get("Content-Length"), "tls": isinstance(self.connection, ssl.SSLSocket),
        }
        self.store.arrived(entry)

        def answered(status):
            entry["status"] = status
            entry["t_reply"] = time.monotonic()

        if fault == "500":
            answered(500)
            return self.reply(500, {"error": "internal error (planned)"})
        if fault in ("503", "429"):
            status = int(fault)
            answered(status)
            return self.reply(status, {"error": "unavailable (planned)"}, self.retry_after(step))
        if fault == "401":
            answered(401)
            return self.reply(401, {"error": step.get("reason", "token revoked")})
        if fault == "hang":
            answered("hang")
            return self.hang(float(step.get("seconds", 30)))
        if fault == "reset":
            answered("reset")
            return self.drop(reset=True)
        if fault == "reject_id" and key == step.get("id"):
            status = int(step.get("status", 422))
            answered(status)
            return self.reply(status, {"error": step.get("reason", "the server cannot accept this record")})

        # Every other mode first stores like a real server would.
        status, obj = accept(raw, key)
        if fault == "store_drop" and status in (201, 409):
            answered("store_drop")
            return self.drop(reset=False)
        if fault == "hold" and status in (201, 409):
            time.sleep(float(step.get("ms", 100)) / 1000.0)
        if fault == "trickle" and status in (201, 409):
            return self.trickle(status, obj, float(step.get("byte_ms", 50)) / 1000.0, answered)
        answered(status)
        return self.reply(status, obj)

    def heartbeat(self):
        raw = self.read_body()
        if self.headers.get("Authorization") != "Bearer " + self.store.token:
            return self.reply(401, {"error": "missing or wrong bearer token"})
        try:
            body = json.loads(raw)
        except ValueError:
            return self.reply(400, {"error": "the body is not JSON"})
        if not isinstance(body, dict) or any(f not in body for f in HEARTBEAT_FIELDS):
            return self.reply(422, {"error": "the heartbeat lacks a required field"})
        with self.store.lock:
            self.store.heartbeats.append({"authorization": self.headers.get("Authorization"),
                                          "user_agent": self.headers.get("User-Agent"),
                                          "content_type": self.headers.get("Content-Type"),
                                          "body": body, "t_arrive": time.monotonic()})
        return self.reply(204)

    def accept(self, raw, key):
        """Validates and stores one submission: (status, reply object)."""
        if self.headers.get("Authorization") != "Bearer " + self.store.token:
            return 401, {"error": "missing or wrong bearer token"}
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            return 415, {"error": "Content-Type must be application/json"}
        try:
            env = json.loads(raw)
        except ValueError:
            return 400, {"error": "the body is not JSON"}
        if not isinstance(env, dict) or any(f not in env for f in REQUIRED_FIELDS):
            return 422, {"error": "the envelope lacks a required field"}
        if not key or env.get("id") != key:
            return 400, {"error": "Idempotency-Key must be the submission id"}
        receipt, new = self.store.store(key, raw.decode())
        if new:
            return 201, {"receipt_id": receipt}
        return 409, {"error": "already have it", "receipt_id": receipt}

    def accept_v2(self, raw, key):
        """Validates, checks the signature of, opens and stores one v2 record: (status, reply object)."""
        if self.headers.get("Authorization") != "Bearer " + self.store.token:
            return 401, {"error": "missing or wrong bearer token"}
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            return 415, {"error": "Content-Type must be application/json"}
        if nacl is None:
            return 500, {"error": "the test server needs python3-nacl (run it with /usr/bin/python3)"}
        try:
            env = json.loads(raw)
        except ValueError:
            return 400, {"error": "the body is not JSON"}
        if not isinstance(env, dict):
            return 422, {"error": "the envelope is not a JSON object"}
        missing = [f for f in V2_FIELDS if f not in env]
        if missing:
            return 422, {"error": "the envelope lacks " + ", ".join(missing)}
        if "payload" in env:
            return 422, {"error": "a v2 envelope carries no plaintext payload"}
        if not key or env.get("id") != key:
            return 400, {"error": "Idempotency-Key must be the submission id"}
        text, why = signing_text(env)
        if text is None:
            return 422, {"error": why}
        signer = env["signer_kiosk_id"]
        registered = self.keys.registered_key(signer)
        if registered is None:
            return 422, {"error": "signer_kiosk_id is not a registered kiosk"}
        if env["collector_public_key"] != registered:
            return 422, {"error": "collector_public_key is not the registered key of signer_kiosk_id"}
        pk = strict_b64(registered, 32)
        sig = strict_b64(env["signature"], 64)
        if pk is None or sig is None:
            return 422, {"error": "collector_public_key or signature is not base64 of the right length"}
        try:
            nacl.signing.VerifyKey(pk).verify(text, sig)
        except nacl.exceptions.BadSignatureError:
            return 422, {"error": "the signature does not verify (altered record or wrong key)"}
        secret = self.keys.secrets.get(env["sealed_to"])
        if secret is None:
            return 422, {"error": "sealed_to names a department key this server does not hold"}
        sealed = strict_b64(env["sealed_payload"])
        if sealed is None:
            return 422, {"error": "sealed_payload is not standard base64"}
        try:
            opened = nacl.public.SealedBox(secret).decrypt(sealed).decode("utf-8")
        except (nacl.exceptions.CryptoError, UnicodeDecodeError):
            return 422, {"error": "sealed_payload does not open with the key sealed_to names"}
        receipt, outcome = self.store.store_v2(key, raw.decode(), env, opened)
        if outcome == "new":
            return 201, {"receipt_id": receipt}
        if outcome == "same":
            return 409, {"error": "already have it", "receipt_id": receipt}
        return 422, {"error": "a different record with this id is already stored (signature or sealed "
                              "payload differ)"}

    def trickle(self, status, obj, byte_delay, answered):
        body = json.dumps(obj).encode()
        head = ("HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                % (status, len(body))).encode()
        answered("trickle")
        try:
            for i in range(len(head + body)):
                self.wfile.write((head + body)[i:i + 1])
                self.wfile.flush()
                time.sleep(byte_delay)
        except OSError:
            self.close_connection = True


def make_self_signed(tls_dir):
    """A self-signed EC certificate for 127.0.0.1 made with the openssl tool; returns (cert, key, pin)."""
    os.makedirs(tls_dir, exist_ok=True)
    cert, key = os.path.join(tls_dir, "server-cert.pem"), os.path.join(tls_dir, "server-key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=kiosk test server", "-addext",
                    "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", cert],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
    der = subprocess.run(["openssl", "pkey", "-in", key, "-pubout", "-outform", "DER"], check=True,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=30).stdout
    pin = "sha256//" + base64.b64encode(hashlib.sha256(der).digest()).decode()
    return cert, key, pin


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def handle_error(self, request, client_address):  # a dropped client is routine here
        pass


def watchdogs(lifetime, watch_stdin):
    def expire():
        time.sleep(lifetime)
        os._exit(3)

    threading.Thread(target=expire, daemon=True).start()
    if watch_stdin:
        def stdin_closed():
            try:
                while sys.stdin.buffer.read(4096):
                    pass
            finally:
                os._exit(0)

        threading.Thread(target=stdin_closed, daemon=True).start()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="SQLite file for accepted submissions")
    ap.add_argument("--token", default="test-token", help="the bearer token the server accepts")
    ap.add_argument("--plan", default="[]", help="the fault plan, JSON (see above)")
    ap.add_argument("--port", type=int, default=0, help="the plain HTTP port (default: a free one)")
    ap.add_argument("--tls-dir", help="also serve HTTPS with a self-signed certificate made in this dir")
    ap.add_argument("--lifetime", type=float, default=300.0, help="exit after this many seconds")
    ap.add_argument("--collector-key", action="append", default=[], metavar="KIOSK_ID=KEY",
                    help="register a kiosk's collector_public_key (v2; repeatable)")
    ap.add_argument("--collector-keys-file", help="JSON object {kiosk id: key}, re-read at every v2 request")
    ap.add_argument("--department-secret", action="append", default=[], metavar="FILE",
                    help="a department.secret file whose key v2 records may be sealed to (repeatable; "
                         "default: the demo secret)")
    ap.add_argument("--no-stdin-watch", action="store_true", help="do not exit when stdin closes")
    args = ap.parse_args()

    watchdogs(args.lifetime, not args.no_stdin_watch)
    Handler.store = Store(args.db, args.token, json.loads(args.plan))
    if nacl is None and (args.department_secret or args.collector_key or args.collector_keys_file):
        sys.exit("test_server.py: v2 keys given but python3-nacl is missing: run it with /usr/bin/python3")
    secrets = args.department_secret or ([DEMO_SECRET] if nacl is not None else [])
    Handler.keys = Keys([kv.split("=", 1) for kv in args.collector_key], args.collector_keys_file, secrets)
    servers = [Server(("127.0.0.1", args.port), Handler)]
    lines = ["PORT %d" % servers[0].server_address[1]]
    if args.tls_dir:
        cert, key, pin = make_self_signed(args.tls_dir)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        tls = Server(("127.0.0.1", 0), Handler, bind_and_activate=False)
        tls.socket = ctx.wrap_socket(tls.socket, server_side=True, do_handshake_on_connect=False)
        tls.server_bind()
        tls.server_activate()
        servers.append(tls)
        lines += ["TLS_PORT %d" % tls.server_address[1], "TLS_CERT " + cert, "TLS_PIN " + pin]
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    sys.stdout.write("\n".join(lines + ["READY"]) + "\n")
    sys.stdout.flush()
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
