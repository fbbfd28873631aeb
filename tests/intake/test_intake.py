#!/usr/bin/python3
"""End-to-end tests of kiosk-intake (issue 12) against real PostgreSQL clusters.

    /usr/bin/python3 test_intake.py --binary build/bin/kiosk-intake CASE

Each CASE starts its own throwaway cluster (intake_rig.Cluster), runs `kiosk-intake init-db`,
registers kiosks, starts `kiosk-intake serve` processes and posts protocol v2 envelopes signed and
sealed with python3-nacl, then checks the replies and what PostgreSQL stored. Prints
"1 passed, 0 failed" on success; exits 1 with the failed check otherwise.
"""

import argparse
import base64
import hashlib
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import intake_rig as rig  # noqa: E402

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEMO_PUBLIC = base64.b64decode(open(os.path.join(SOURCE_DIR, "assets", "keys",
                                                 "demo-department-public-key.txt")).read().strip())


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def count(cluster, where="true", args=()):
    return cluster.query("SELECT count(*) FROM submissions WHERE " + where, args)[0][0]


class Case:
    def __init__(self, binary, kiosk_binary=None, **intake_options):
        self.tmp = tempfile.mkdtemp(prefix="intake-test-")
        self.kiosk_binary = kiosk_binary
        self.cluster = rig.Cluster()
        self.intake = rig.Intake(binary, self.cluster, self.tmp, [rig.b64(DEMO_PUBLIC)], **intake_options)
        self.intake.run("init-db")

    def run_kiosk_binary(self, *args):
        check(self.kiosk_binary, "this case needs --kiosk (the kiosk binary)")
        p = subprocess.run([self.kiosk_binary] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=60, env=dict(os.environ, HOME=self.tmp))
        check(p.returncode == 0, "kiosk %s: exit %d: %s" % (args, p.returncode, p.stderr))
        return p

    def close(self):
        self.intake.close()
        self.cluster.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


# ---- cases -------------------------------------------------------------------------------------

def case_accepted_once(c):
    booth, lobby = rig.Kiosk(), rig.Kiosk()
    booth_token = c.intake.add_kiosk("booth", booth)
    lobby_token = c.intake.add_kiosk("lobby", lobby)
    _, base = c.intake.serve()
    env = booth.envelope(DEMO_PUBLIC, {"name": "Ana"}, form_id="signup", program_id="block_watch",
                         event_tag="night-out")
    status, body, _ = rig.post(base, "/v2/submissions", env, booth_token)
    check(status == 201 and body["receipt_id"].startswith("IN-"), "first post: 201 with a receipt, got %s %s" % (status, body))
    receipt = body["receipt_id"]
    status, body, _ = rig.post(base, "/v2/submissions", env, booth_token)
    check(status == 409 and body["receipt_id"] == receipt, "identical repeat: 409 with the first receipt, got %s %s" % (status, body))
    # A USB export imported on the lobby kiosk: uploaded by the lobby, collected and signed by the booth.
    carried = booth.envelope(DEMO_PUBLIC, {"name": "Luis"}, kiosk_id=lobby.kiosk_id)
    status, body, _ = rig.post(base, "/v2/submissions", carried, lobby_token)
    check(status == 201, "a record carried to another kiosk: 201, got %s %s" % (status, body))
    rows = c.cluster.query("SELECT id, uploaded_by, collected_by, form_id, program_id, event_tag, status, "
                           "confirmation_code FROM submissions ORDER BY received_at")
    check(len(rows) == 2, "two records stored, got %d" % len(rows))
    check(rows[0] == (env["id"], "booth", "booth", "signup", "block_watch", "night-out", "received",
                      rig.confirmation_code("SU", env["id"])), "first row as sent: %s" % (rows[0],))
    check(rows[1][1:3] == ("lobby", "booth"), "carried record: uploaded by lobby, collected by booth: %s" % (rows[1],))
    # The token is shown once and only its SHA-256 is kept; list-kiosks shows the registrations.
    hashes = c.cluster.query("SELECT token_sha256 FROM kiosks WHERE name = 'booth'")
    check(hashes == [(hashlib.sha256(booth_token.encode()).hexdigest(),)], "only the token's SHA-256 is stored")
    check(booth_token.encode() not in c.cluster.dump(), "the token is in no byte of pg_dump")
    listed = [json.loads(line) for line in c.intake.run("list-kiosks").stdout.splitlines()]
    check([(k["name"], k["kiosk_id"], k["collector_public_key"], k["revoked_at"]) for k in listed] ==
          [("booth", booth.kiosk_id, booth.public_key, None), ("lobby", lobby.kiosk_id, lobby.public_key, None)],
          "list-kiosks: %s" % listed)
    p = c.intake.run("add-kiosk", "--name", "booth-2", "--kiosk-id", booth.kiosk_id, "--public-key",
                     booth.public_key, check=False)
    check(p.returncode == 1 and "already registered" in p.stderr, "one live registration per kiosk id")


def case_refusals(c):
    kiosk, other = rig.Kiosk(), rig.Kiosk()
    token = c.intake.add_kiosk("lobby", kiosk)
    revoked = rig.Kiosk()
    revoked_token = c.intake.add_kiosk("old-booth", revoked)
    c.intake.run("revoke-kiosk", "old-booth")
    check(c.intake.run("revoke-kiosk", "old-booth", check=False).returncode == 1, "revoking twice: exit 1")
    check(c.intake.run("revoke-kiosk", "nobody", check=False).returncode == 1, "revoking an unknown name: exit 1")
    _, base = c.intake.serve()
    good = kiosk.envelope(DEMO_PUBLIC, {"name": "Ana"})
    check(rig.post(base, "/v2/submissions", good, token)[0] == 201, "the genuine record is stored")

    def refused(env, want, reason_part, tok=token, what=""):
        before = count(c.cluster)
        status, body, _ = rig.post(base, "/v2/submissions", env, tok)
        check(status == want, "%s: want %d, got %d %s" % (what, want, status, body))
        if reason_part:
            check(reason_part in body["error"], "%s: reason %r lacks %r" % (what, body["error"], reason_part))
        check(count(c.cluster) == before, "%s: nothing stored" % what)

    # Forged: signed by a key the department never registered, claiming the lobby kiosk's id.
    forged = other.envelope(DEMO_PUBLIC, {"name": "Eve"}, signer_kiosk_id=kiosk.kiosk_id,
                            collected_by_kiosk_id=kiosk.kiosk_id)
    refused(forged, 422, "not the registered key", what="forged record")
    refused(other.envelope(DEMO_PUBLIC, {"name": "Eve"}), 422, "not a registered kiosk", what="unknown signer")
    # Altered: a signed field changed on the way.
    altered = kiosk.envelope(DEMO_PUBLIC, {"name": "Ana"})
    altered["created_at"] = "2026-08-05T09:00:00Z"
    refused(altered, 422, "signature", what="altered record")
    flipped = kiosk.envelope(DEMO_PUBLIC, {"name": "Ana"})
    raw = bytearray(base64.b64decode(flipped["sealed_payload"]))
    raw[5] ^= 1
    flipped["sealed_payload"] = rig.b64(raw)
    refused(flipped, 422, "signature", what="flipped bit in the sealed payload")
    refused(revoked.envelope(DEMO_PUBLIC, {"name": "Bo"}), 422, "revoked", what="record signed by a revoked kiosk")
    refused(kiosk.envelope(DEMO_PUBLIC, {"name": "Bo"}), 401, "revoked", tok=revoked_token, what="revoked token")
    refused(kiosk.envelope(DEMO_PUBLIC, {"name": "Bo"}), 401, "token", tok="0" * 64, what="unknown token")
    refused(kiosk.envelope(DEMO_PUBLIC, {"name": "Bo"}), 401, "token", tok=None, what="no token")
    stranger = rig.nacl.public.PrivateKey.generate().public_key.encode()
    refused(kiosk.envelope(stranger, {"name": "Bo"}), 422, "does not accept", what="sealed to an unaccepted key")
    # Conflicting repeat: same id, re-sealed and re-signed by the genuine kiosk.
    conflict = kiosk.envelope(DEMO_PUBLIC, {"name": "Someone else"}, id=good["id"])
    refused(conflict, 422, "different record", what="conflicting repeat")
    stored_sig = c.cluster.query("SELECT signature FROM submissions WHERE id = %s", (good["id"],))[0][0]
    check(stored_sig == good["signature"], "the conflicting repeat did not change the stored record")
    big = kiosk.envelope(DEMO_PUBLIC, {"name": "x" * (600 * 1024)})
    refused(big, 413, "larger", what="body over max_body_kb")
    before = count(c.cluster)
    status, body, _ = rig.post(base, "/v1/submissions", dict(good, id="v1-" + good["id"], payload={"name": "Ana"}), token)
    check(status == 410 and count(c.cluster) == before, "v1 post: 410, nothing stored, got %s %s" % (status, body))
    wrong_key = kiosk.envelope(DEMO_PUBLIC, {"name": "Bo"})
    status, body, _ = rig.post(base, "/v2/submissions", wrong_key, token, {"Idempotency-Key": "not-the-id"})
    check(status == 400, "Idempotency-Key not the id: 400, got %s" % status)
    plaintext = dict(kiosk.envelope(DEMO_PUBLIC, {"name": "Bo"}), payload={"name": "Bo"})
    refused(plaintext, 422, "plaintext", what="v2 envelope with a plaintext payload")
    check(count(c.cluster) == 1, "only the genuine record is stored")


def case_sealed_at_rest(c):
    kiosk = rig.Kiosk()
    token = c.intake.add_kiosk("lobby", kiosk)
    _, base = c.intake.serve()
    marker = "MARKER-7f3a9c2e-intake"
    for form in ("signup", "crash_report", "records_request"):
        env = kiosk.envelope(DEMO_PUBLIC, {"name": marker, "notes": marker + " again"}, form_id=form)
        check(rig.post(base, "/v2/submissions", env, token)[0] == 201, "stored " + form)
    dump = c.cluster.dump()
    check(env["id"].encode() in dump, "the dump holds the records (their ids)")
    for needle in (marker.encode(), marker.encode("utf-16-le"), base64.b64encode(marker.encode())):
        check(needle not in dump, "the marker is in no byte of pg_dump (%r)" % needle[:12])


def case_status_lookup(c):
    kiosk = rig.Kiosk()
    token = c.intake.add_kiosk("lobby", kiosk)
    _, base = c.intake.serve()
    env = kiosk.envelope(DEMO_PUBLIC, {"name": "Ana Private", "email": "ana@example.org"})
    check(rig.post(base, "/v2/submissions", env, token)[0] == 201, "stored")
    code = rig.confirmation_code("RR", env["id"])
    status, body, _ = rig.get(base, "/v1/requests/" + code)
    check(status == 200 and body["status"] == "received" and body["confirmation_code"] == code,
          "look-up: received, got %s %s" % (status, body))
    check(set(body) == {"confirmation_code", "status", "status_label", "next_step", "updated_at"},
          "look-up carries only status fields: %s" % sorted(body))
    check(set(body["next_step"]) == {"en", "es"} and body["next_step"]["es"], "next step in EN and ES")
    c.cluster.query("UPDATE submissions SET status = 'ready_for_pickup', public_next_step_en = 'Ask for Sgt. Diaz.', "
                    "public_next_step_es = 'Pregunte por la Sgto. Díaz.' WHERE id = %s", (env["id"],))
    status, body, _ = rig.get(base, "/v1/requests/" + code.lower())
    check(status == 200 and body["status"] == "ready_for_pickup" and body["status_label"]["es"] == "Lista para recoger"
          and body["next_step"]["en"] == "Ask for Sgt. Diaz.", "status change shows: %s" % body)
    text = str(body)
    check("Ana" not in text and "example.org" not in text and env["id"] not in text, "no personal data, no id")
    check(rig.get(base, "/v1/requests/RR-2222-2222")[0] == 404, "unknown code: 404")
    check(rig.get(base, "/v1/requests/nonsense")[0] == 404, "malformed code: 404")


def case_rate_limit(c):
    kiosk = rig.Kiosk()
    token = c.intake.add_kiosk("lobby", kiosk)
    # This intake trusts 127.0.0.1 as its proxy; a second one on the same database trusts nobody.
    _, behind_proxy = c.intake.serve()
    direct = rig.Intake(c.intake.binary, c.cluster, c.tmp, [rig.b64(DEMO_PUBLIC)], lookups_per_minute=3)
    try:
        _, exposed = direct.serve()
        env = kiosk.envelope(DEMO_PUBLIC, {"name": "Ana"})
        check(rig.post(behind_proxy, "/v2/submissions", env, token)[0] == 201, "stored")
        path = "/v1/requests/" + rig.confirmation_code("RR", env["id"])
        alice = {"X-Forwarded-For": "203.0.113.7"}
        got = [rig.get(behind_proxy, path, alice)[0] for _ in range(4)]
        check(got == [200, 200, 200, 429], "client 203.0.113.7 behind the proxy: 3 allowed then 429, got %s" % got)
        status, _, headers = rig.get(behind_proxy, path, alice)
        check(status == 429 and int(headers.get("Retry-After", "0")) >= 1, "429 says when to retry")
        check(rig.get(behind_proxy, path, {"X-Forwarded-For": "198.51.100.9"})[0] == 200,
              "another client behind the same proxy has its own limit")
        # A client claiming a far address in front of the real one gains nothing: the right-most
        # untrusted address is the client.
        check(rig.get(behind_proxy, path, {"X-Forwarded-For": "192.0.2.1, 203.0.113.7"})[0] == 429,
              "a spoofed left-most X-Forwarded-For entry is ignored")
        # Not a trusted proxy: X-Forwarded-For is ignored, every request counts against the peer.
        got = [rig.get(exposed, path, {"X-Forwarded-For": "10.9.%d.1" % i})[0] for i in range(4)]
        check(got == [200, 200, 200, 429], "untrusted peer cannot pick its address: %s" % got)
    finally:
        direct.close()


def case_heartbeat(c):
    kiosk = rig.Kiosk()
    token = c.intake.add_kiosk("festival", kiosk)
    _, base = c.intake.serve()
    beat = {"kiosk_id": kiosk.kiosk_id, "app_version": "0.1.0", "sent_at": "2026-08-04T18:15:00Z",
            "counts": {"pending": 3, "sending": 0, "sent": 41, "rejected": 1, "discarded": 0},
            "oldest_pending_created_at": "2026-08-04T17:02:11Z", "oldest_pending_age_s": 4369,
            "last_success_at": None, "last_error": "could not connect", "paused": False, "paused_reason": None,
            "pin_lockouts_24h": 2, "heartbeat_minutes": 15, "collector_public_key": kiosk.public_key, "demo": False}
    status, _, _ = rig.post(base, "/v1/heartbeat", beat, token)
    check(status == 204, "heartbeat: 204, got %s" % status)
    rows = c.cluster.query("SELECT kiosk_name, body FROM heartbeats")
    check(rows == [("festival", beat)], "every field stored per kiosk: %s" % rows)
    check(rig.post(base, "/v1/heartbeat", beat, "f" * 64)[0] == 401, "unknown token: 401")
    check(rig.post(base, "/v1/heartbeat", b"not json", token)[0] == 400, "not JSON: 400")
    check(len(c.cluster.query("SELECT 1 FROM heartbeats")) == 1, "refused heartbeats are not stored")
    status, body, _ = rig.get(base, "/healthz")
    check(status == 200 and body == {"ok": True}, "healthz: 200")


def case_two_servers_kill9(c):
    """Two serve processes on one database; one is killed with kill -9 while records stream in;
    the client resends what failed to the survivor; every record is stored exactly once."""
    kiosk = rig.Kiosk()
    token = c.intake.add_kiosk("lobby", kiosk)
    victim, base_a = c.intake.serve()
    _, base_b = c.intake.serve()
    total = 400
    envs = [kiosk.envelope(DEMO_PUBLIC, {"n": i}) for i in range(total)]
    results = {}
    lock = threading.Lock()
    killed = threading.Event()

    def worker(part):
        for i in part:
            bases = [base_a, base_b] if i % 2 == 0 else [base_b, base_a]
            for attempt in range(20):
                base = bases[0] if attempt == 0 and not (killed.is_set() and bases[0] == base_a) else base_b
                try:
                    status, body, _ = rig.post(base, "/v2/submissions", envs[i], token, timeout=10)
                except OSError:
                    continue  # the killed server: resend the same record elsewhere
                if status in (201, 409):
                    with lock:
                        results.setdefault(i, []).append(status)
                    break

    threads = [threading.Thread(target=worker, args=(range(k, total, 4),)) for k in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and count(c.cluster) < total // 3:
        time.sleep(0.01)
    os.kill(victim.pid, signal.SIGKILL)
    killed.set()
    at_kill = count(c.cluster)
    for t in threads:
        t.join(120)
    check(victim.wait(10) == -signal.SIGKILL, "one intake process was killed with kill -9")
    check(0 < at_kill < total, "the kill came mid-stream (%d of %d stored then)" % (at_kill, total))
    check(len(results) == total, "every record acknowledged (201 or 409): %d of %d" % (len(results), total))
    stored = c.cluster.query("SELECT count(*), count(DISTINCT id) FROM submissions")[0]
    check(stored == (total, total), "every record stored exactly once: %s" % (stored,))
    ids = {r[0] for r in c.cluster.query("SELECT id FROM submissions")}
    check(ids == {e["id"] for e in envs}, "the stored ids are exactly the sent ones")


def case_database_restart(c):
    """A database restart costs no record: while it is down the intake answers 503 with Retry-After
    (the kiosk retries), and afterwards every worker's connection is replaced without an error."""
    kiosk = rig.Kiosk()
    token = c.intake.add_kiosk("lobby", kiosk)
    _, base = c.intake.serve()
    got = [rig.post(base, "/v2/submissions", kiosk.envelope(DEMO_PUBLIC, {"n": i}), token)[0] for i in range(12)]
    check(got == [201] * 12, "stored before the restart: %s" % got)
    c.cluster.stop()
    status, body, headers = rig.post(base, "/v2/submissions", kiosk.envelope(DEMO_PUBLIC, {"n": 99}), token)
    check(status == 503 and headers.get("Retry-After") == "5", "database down: 503 with Retry-After, got %s" % status)
    check(rig.get(base, "/healthz")[0] == 503, "healthz: 503 while the database is down")
    c.cluster.start()
    got = [rig.post(base, "/v2/submissions", kiosk.envelope(DEMO_PUBLIC, {"n": i}), token)[0] for i in range(24)]
    check(got == [201] * 24, "every worker reconnects at once after the restart: %s" % got)
    check(count(c.cluster) == 36, "36 records stored, got %d" % count(c.cluster))


def make_tls(dirname):
    """A test CA and a server certificate for 127.0.0.1 signed by it (openssl); returns (ca, cert, key)."""
    ca_key, ca, key, csr, cert = (os.path.join(dirname, n) for n in ("ca.key", "ca.pem", "server.key",
                                                                        "server.csr", "server.pem"))
    ext = os.path.join(dirname, "san.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    quiet = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "timeout": 60}
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "2", "-subj", "/CN=intake test CA", "-keyout", ca_key, "-out", ca], **quiet)
    subprocess.run(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", csr], **quiet)
    subprocess.run(["openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
                    "-days", "2", "-extfile", ext, "-out", cert], **quiet)
    return ca, cert, key


def start_nginx(tmp, upstreams):
    """nginx with TLS (a test CA from make_tls) on a free port in front of the given http:// bases;
    returns (process, https base, CA file) once it answers /healthz. The caller stops it (stop_nginx)."""
    base_a, base_b = upstreams
    ca, cert, key = make_tls(tmp)
    port = rig.free_port()
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write("""user root;
daemon off;
worker_processes 1;
pid %(d)s/nginx.pid;
error_log %(d)s/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path %(d)s/body; proxy_temp_path %(d)s/proxy; fastcgi_temp_path %(d)s/fcgi;
  uwsgi_temp_path %(d)s/uwsgi; scgi_temp_path %(d)s/scgi;
  upstream intake { server %(a)s max_fails=1 fail_timeout=30s; server %(b)s max_fails=1 fail_timeout=30s; }
  server {
    listen 127.0.0.1:%(port)d ssl;
    ssl_certificate %(cert)s; ssl_certificate_key %(key)s;
    client_max_body_size 1m;
    location / {
      proxy_pass http://intake;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header Host $host;
    }
  }
}
""" % {"d": tmp, "a": base_a[len("http://"):], "b": base_b[len("http://"):], "port": port, "cert": cert, "key": key})
    nginx = subprocess.Popen(["nginx", "-c", conf, "-p", tmp, "-e", os.path.join(tmp, "error.log")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = "https://127.0.0.1:%d" % port
    ctx = ssl.create_default_context(cafile=ca)
    deadline = time.monotonic() + 20
    while True:
        try:
            if rig.get(base, "/healthz", context=ctx)[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() >= deadline or nginx.poll() is not None:
            stop_nginx(nginx)
            raise AssertionError("nginx answers /healthz over TLS")
        time.sleep(0.1)
    return nginx, base, ca


def stop_nginx(nginx):
    nginx.terminate()
    try:
        nginx.wait(10)
    except subprocess.TimeoutExpired:
        nginx.kill()
        nginx.wait()


def case_nginx_tls(c):
    """nginx with TLS (test CA) in front of two serve processes: records arrive once through it, one
    upstream killed with kill -9 mid-drain; the look-up limit holds per real client, whatever
    X-Forwarded-For the client sends (nginx overwrites it)."""
    kiosk = rig.Kiosk()
    token = c.intake.add_kiosk("lobby", kiosk)
    victim, base_a = c.intake.serve()
    _, base_b = c.intake.serve()
    nginx, base, ca = start_nginx(c.tmp, (base_a, base_b))
    try:
        ctx = ssl.create_default_context(cafile=ca)
        total = 120
        envs = [kiosk.envelope(DEMO_PUBLIC, {"n": i}) for i in range(total)]
        acked, at_kill = {}, None
        for i, env in enumerate(envs):
            if i == total // 3:
                os.kill(victim.pid, signal.SIGKILL)
                at_kill = count(c.cluster)
            for _ in range(10):
                try:
                    status, body, _ = rig.post(base, "/v2/submissions", env, token, context=ctx)
                except OSError:
                    continue
                if status in (201, 409):
                    acked[i] = status
                    break
        check(at_kill is not None and 0 < at_kill < total, "killed mid-drain (%s stored then)" % at_kill)
        check(len(acked) == total, "every record acknowledged through nginx: %d of %d" % (len(acked), total))
        stored = c.cluster.query("SELECT count(*), count(DISTINCT id) FROM submissions")[0]
        check(stored == (total, total), "every record stored exactly once behind nginx: %s" % (stored,))
        path = "/v1/requests/" + rig.confirmation_code("RR", envs[0]["id"])
        got = [rig.get(base, path, {"X-Forwarded-For": "198.51.100.%d" % i}, context=ctx)[0] for i in range(4)]
        check(got == [200, 200, 200, 429], "the proxy's X-Forwarded-For is the real client's: %s" % got)
        try:
            rig.get(base, "/healthz")  # the system store does not know the test CA
            check(False, "TLS verification against the system store fails")
        except ssl.SSLError:
            pass
        except OSError as e:
            check(isinstance(getattr(e, "reason", None), ssl.SSLError), "TLS refused without the test CA: %s" % e)
    finally:
        stop_nginx(nginx)


def sync_until_drained(kiosk, attempts=10):
    """`kiosk --sync-once` until it exits 0 (nothing pending); returns how many passes it took."""
    for n in range(1, attempts + 1):
        p = kiosk.run("--sync-once", ok=(0, 3))
        if p.returncode == 0:
            return n
        time.sleep(0.5)
    raise AssertionError("kiosk %s still has records pending after %d --sync-once: %s"
                         % (kiosk.name, attempts, p.stdout))


def case_real_kiosks(c):
    """The real thing end to end: real `kiosk` binaries seal and sign records typed with --submit and
    upload them with --sync-once through nginx (TLS, test CA) to two `serve` processes, one killed
    with kill -9 while the kiosks drain; a USB export from an offline booth imported on two kiosks.
    Every record is stored once with the right collector and uploader and opens with the department
    secret to its own marker; no marker is in any byte of pg_dump nor of any kiosk's data dir."""
    import nacl.public
    keys = os.path.join(c.tmp, "department")
    c.run_kiosk_binary("--new-department-keys", keys)
    dept_public = open(os.path.join(keys, "department.public")).read().strip()
    dept_secret = base64.b64decode(open(os.path.join(keys, "department.secret")).read().strip())
    opener = nacl.public.SealedBox(nacl.public.PrivateKey(dept_secret))
    intake = rig.Intake(c.intake.binary, c.cluster, c.tmp, [dept_public], trusted_proxies=["127.0.0.1"])
    nginx = None
    try:
        kiosks = {n: rig.RealKiosk(c.kiosk_binary, c.tmp, n) for n in ("lobby", "library", "hall", "booth")}
        tokens = {n: intake.add_kiosk(n, k) for n, k in kiosks.items()}
        victim, base_a = intake.serve()
        _, base_b = intake.serve()
        nginx, base, ca = start_nginx(c.tmp, (base_a, base_b))
        booth = kiosks["booth"]
        booth.write_config(department_public_key=dept_public)  # offline: no endpoint
        for n in ("lobby", "library", "hall"):
            kiosks[n].write_config(endpoint=base, token=tokens[n], ca_file=ca, department_public_key=dept_public,
                                   trusted=[booth])
            check(kiosks[n].status()["demo"] is False, "%s seals to the department's key, not the demo key" % n)

        # Several records per kiosk, each with its own marker in a free-text field, over three forms.
        forms = [("records_request", None, "purpose"), ("signup", "neighborhood-watch", "comments"),
                 ("crash_report", None, "location")]
        examples = {f: kiosks["lobby"].answers_example(f, prog) for f, prog, _ in forms}
        expected = {}  # confirmation code -> (marker, collecting kiosk, uploading kiosk)
        per_kiosk = {"lobby": 12, "library": 12, "hall": 12, "booth": 3}
        for n, how_many in per_kiosk.items():
            for i in range(how_many):
                form, prog, field = forms[i % len(forms)]
                marker = "Mkr%s%s" % (n.capitalize(), os.urandom(6).hex())
                answers = dict(examples[form], **{field: "near " + marker})
                code = kiosks[n].submit(form, answers, c.tmp, prog)
                check(code not in expected, "confirmation codes are unique")
                expected[code] = (marker, n, "lobby" if n == "booth" else n)
        total = len(expected)

        # The three online kiosks drain at once; one intake process is killed with kill -9 as soon as
        # the first records are in.
        started = time.monotonic()
        drains = {n: kiosks[n].popen("--sync-once") for n in ("lobby", "library", "hall")}
        deadline = time.monotonic() + 60
        while (count(c.cluster) < 3 and time.monotonic() < deadline
               and any(p.poll() is None for p in drains.values())):
            time.sleep(0.005)
        os.kill(victim.pid, signal.SIGKILL)
        at_kill = count(c.cluster)
        first_pass = {n: p.wait(120) for n, p in drains.items()}
        for p in drains.values():
            p.stdout.close()
            p.stderr.close()
        check(victim.wait(10) == -signal.SIGKILL, "one intake process was killed with kill -9")
        online_total = total - per_kiosk["booth"]
        check(0 < at_kill < online_total, "the kill came mid-drain (%d of %d stored then)" % (at_kill, online_total))
        check(all(rc in (0, 3) for rc in first_pass.values()), "first --sync-once: 0 or 3 (retry), got %s" % first_pass)
        passes = {n: sync_until_drained(kiosks[n]) for n in ("lobby", "library", "hall")}
        drain_s = time.monotonic() - started
        for n in ("lobby", "library", "hall"):
            counts = kiosks[n].status()["counts"]
            check(counts["pending"] == 0 and counts["sent"] == per_kiosk[n] and counts["rejected"] == 0,
                  "%s: everything sent, nothing rejected: %s" % (n, counts))

        # USB: the offline booth exports; the lobby imports and uploads; the library imports the same
        # stick too and uploads: the server still holds each record once, the booth as collector.
        stick = os.path.join(c.tmp, "stick")
        os.mkdir(stick)
        booth.run("--export", stick)
        exported = [f for f in os.listdir(stick) if f.endswith(".jsonl")]
        check(len(exported) == 1 and booth.kiosk_id in exported[0],
              "one export file named for the booth: %s" % exported)
        for n in ("lobby", "library"):
            out = kiosks[n].run("--import", os.path.join(stick, exported[0])).stdout
            check("%d added" % per_kiosk["booth"] in out, "%s imports the booth's records: %s" % (n, out.strip()))
            sync_until_drained(kiosks[n])

        # Stored exactly once, each by its confirmation code, attributed right, opening to its marker.
        stored = c.cluster.query("SELECT count(*), count(DISTINCT id) FROM submissions")[0]
        check(stored == (total, total), "every record stored exactly once: %s of %d" % (stored, total))
        rows = c.cluster.query("SELECT confirmation_code, collected_by, uploaded_by, collected_by_kiosk_id, "
                               "signer_kiosk_id, sealed_payload FROM submissions")
        by_code = {}
        for code, collected, uploaded, collected_id, signer, sealed in rows:
            by_code.setdefault(code, []).append((collected, uploaded, collected_id, signer, bytes(sealed)))
        check(set(by_code) == set(expected), "the stored codes are exactly the ones the kiosks printed")
        for code, (marker, collector, uploader) in expected.items():
            check(len(by_code[code]) == 1, "%s stored once" % code)
            collected, uploaded, collected_id, signer, sealed = by_code[code][0]
            check((collected, uploaded) == (collector, uploader),
                  "%s: collected by %s, uploaded by %s; got %s, %s" % (code, collector, uploader, collected, uploaded))
            check(collected_id == signer == kiosks[collector].kiosk_id, "%s: signed by its collector" % code)
            check(marker.encode() in opener.decrypt(sealed), "%s opens with the department secret to its marker" % code)

        # No marker in any byte at rest: the database dump, each kiosk's data dir, the stick.
        dump = c.cluster.dump()
        files = [p for k in kiosks.values() for p in k.files()] + [os.path.join(stick, f) for f in os.listdir(stick)]
        blobs = [("pg_dump", dump)] + [(p, open(p, "rb").read()) for p in files]
        for marker, _, _ in expected.values():
            for needle in (marker.encode(), marker.encode("utf-16-le"), base64.b64encode(marker.encode())):
                for where, blob in blobs:
                    check(needle not in blob, "a marker is in %s (%r)" % (where, needle[:12]))
        print("real_kiosks: %d records (%s per kiosk), kill -9 at %d stored, drained in %.1f s; first "
              "--sync-once exits %s, then runs until drained %s; %d files checked"
              % (total, per_kiosk, at_kill, drain_s, first_pass, passes, len(files)))
    finally:
        if nginx is not None:
            stop_nginx(nginx)
        intake.close()


TIME_LIMIT_S = 240
CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
OPTIONS = {"rate_limit": {"trusted_proxies": ["127.0.0.1"], "lookups_per_minute": 3},
           "nginx_tls": {"trusted_proxies": ["127.0.0.1"], "lookups_per_minute": 3}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--kiosk", help="the kiosk binary (real_kiosks)")
    ap.add_argument("case", choices=sorted(CASES))
    args = ap.parse_args()

    # Bounded in time, and never leaving a cluster or server behind: a timeout (before ctest's 300 s)
    # or a TERM becomes a failure that runs the cleanup below.
    def give_up(signum, _frame):
        raise AssertionError("stopped by signal %d (time limit %d s)" % (signum, TIME_LIMIT_S))

    signal.signal(signal.SIGALRM, give_up)
    signal.signal(signal.SIGTERM, give_up)
    signal.alarm(TIME_LIMIT_S)
    c = Case(os.path.abspath(args.binary), os.path.abspath(args.kiosk) if args.kiosk else None,
             **OPTIONS.get(args.case, {}))
    try:
        CASES[args.case](c)
    except AssertionError as e:
        print("FAILED %s: %s" % (args.case, e))
        print("0 passed, 1 failed")
        return 1
    finally:
        c.close()
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
