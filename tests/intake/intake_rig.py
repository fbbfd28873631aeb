"""Test rig for kiosk-intake (tests/intake): a throwaway PostgreSQL cluster run as the postgres user,
kiosk-intake processes, and protocol v2 envelopes built with Debian's python3-nacl.

Run under /usr/bin/python3 (python3-nacl, python3-psycopg2). Every process started here is stopped
by its owner's `close()`; a cluster's directory lives under /var/tmp (postgres must traverse it).
"""

import base64
import hashlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
import uuid

import nacl.public
import nacl.signing
import psycopg2

PG_BIN = "/usr/lib/postgresql/15/bin"
SIGNING_HEADER = "community-kiosk record v2"
SIGNED_FIELDS = ("id", "form_id", "form_version", "program_id", "event_id", "event_tag", "created_at",
                 "collected_by_kiosk_id", "signer_kiosk_id", "sealed_to", "sealed_payload")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def b64(raw):
    return base64.b64encode(bytes(raw)).decode()


def key_id(public_key_bytes):
    return hashlib.blake2b(bytes(public_key_bytes), digest_size=32).hexdigest()[:16]


def confirmation_code(prefix, submission_id):
    """docs/forms.md's derivation, so tests can look a request up as a visitor would."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
    h = hashlib.blake2b(b"kiosk-confirmation-v1:" + submission_id.encode(), digest_size=16).digest()
    n = int.from_bytes(h[:8], "little") % 30 ** 8
    s = ""
    for _ in range(8):
        s = alphabet[n % 30] + s
        n //= 30
    return "%s-%s-%s" % (prefix, s[:4], s[4:])


class Cluster:
    """A PostgreSQL 15 cluster in a temp dir under /var/tmp on a free port, owned by postgres."""

    def __init__(self, fsync=False):
        self.dir = tempfile.mkdtemp(prefix="intake-pg-", dir="/var/tmp")
        pw = pwd.getpwnam("postgres")
        os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        os.chmod(self.dir, 0o700)
        self.data = os.path.join(self.dir, "data")
        self.port = free_port()
        self._pg(["initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync"], 120)
        self.options = "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=%s" % (
            self.port, self.dir, "on" if fsync else "off")
        self.start()
        self.url = "postgresql://postgres@127.0.0.1:%d/postgres" % self.port

    def start(self):
        self._pg(["pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "log"), "-w", "-t", "60", "-o",
                  self.options, "start"], 90)

    def stop(self):
        self._pg(["pg_ctl", "-D", self.data, "-m", "fast", "-w", "-t", "60", "stop"], 90)

    def _pg(self, argv, timeout):
        subprocess.run(["runuser", "-u", "postgres", "--", os.path.join(PG_BIN, argv[0])] + argv[1:],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)

    def query(self, sql, args=()):
        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
        try:
            with conn, conn.cursor() as cur:
                cur.execute(sql, args)
                return cur.fetchall() if cur.description else None
        finally:
            conn.close()

    def dump(self):
        """pg_dump of the whole database, as bytes (plain SQL format: what a backup holds)."""
        return subprocess.run(["runuser", "-u", "postgres", "--", os.path.join(PG_BIN, "pg_dump"), "-h",
                               "127.0.0.1", "-p", str(self.port), "-U", "postgres", "postgres"],
                              check=True, stdout=subprocess.PIPE, timeout=60).stdout

    def close(self):
        try:
            self._pg(["pg_ctl", "-D", self.data, "-m", "immediate", "-w", "-t", "30", "stop"], 60)
        except (subprocess.SubprocessError, OSError):
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


class Intake:
    """kiosk-intake with a config file pointing at a cluster; `serve()` starts a server process."""

    def __init__(self, binary, cluster, workdir, accepted_keys, trusted_proxies=(), max_body_kb=None,
                 lookups_per_minute=None):
        self.binary, self.cluster, self.workdir = binary, cluster, workdir
        self.config = os.path.join(workdir, "intake-%d.toml" % free_port())
        lines = ['[database]', 'url = "%s"' % cluster.url, '[server]', 'listen = "127.0.0.1:0"',
                 'trusted_proxies = [%s]' % ", ".join('"%s"' % p for p in trusted_proxies)]
        if max_body_kb is not None:
            lines.append("max_body_kb = %d" % max_body_kb)
        if lookups_per_minute is not None:
            lines.append("lookups_per_minute = %d" % lookups_per_minute)
        lines += ['[keys]', 'accepted_public_keys = [%s]' % ", ".join('"%s"' % k for k in accepted_keys)]
        with open(self.config, "w") as f:
            f.write("\n".join(lines) + "\n")
        self.servers = []

    def run(self, *args, check=True):
        p = subprocess.run([self.binary, "--config", self.config] + list(args), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=60)
        if check and p.returncode != 0:
            raise AssertionError("kiosk-intake %s failed (%d): %s" % (args, p.returncode, p.stderr))
        return p

    def add_kiosk(self, name, kiosk):
        p = self.run("add-kiosk", "--name", name, "--kiosk-id", kiosk.kiosk_id, "--public-key", kiosk.public_key)
        return p.stdout.strip().splitlines()[-1]

    def serve(self):
        p = subprocess.Popen([self.binary, "--config", self.config, "serve"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        line = p.stdout.readline()
        if not line.startswith("listening on "):
            p.kill()
            raise AssertionError("serve did not start: %r %s" % (line, p.stderr.read()))
        self.servers.append(p)
        return p, "http://" + line.split()[-1]

    def close(self):
        for p in self.servers:
            stop(p)


def stop(p):
    """Stops a process we started as a service would be: SIGTERM, then SIGKILL after 10 s."""
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


class Kiosk:
    """A kiosk's identity: id and Ed25519 key; builds signed v2 envelopes as kiosk/crypto does."""

    def __init__(self):
        self.kiosk_id = str(uuid.uuid4())
        self.signing = nacl.signing.SigningKey.generate()
        self.public_key = b64(self.signing.verify_key.encode())

    def envelope(self, department_public, answers, form_id="records_request", collected_by=None, **over):
        sealed = nacl.public.SealedBox(nacl.public.PublicKey(department_public)).encrypt(
            json.dumps(answers).encode())
        env = {"id": str(uuid.uuid4()), "form_id": form_id, "form_version": 1, "program_id": None,
               "event_tag": None, "created_at": "2026-08-04T18:00:00Z", "kiosk_id": self.kiosk_id,
               "collected_by_kiosk_id": collected_by or self.kiosk_id, "app_version": "0.1.0",
               "event_id": None, "signer_kiosk_id": self.kiosk_id, "sealed_to": key_id(department_public),
               "sealed_payload": b64(sealed), "collector_public_key": self.public_key}
        env.update(over)
        env["signature"] = self.sign(env)
        return env

    def sign(self, env):
        lines = [SIGNING_HEADER]
        for f in SIGNED_FIELDS:
            v = env.get(f)
            lines.append(str(v) if f == "form_version" else (v or ""))
        return b64(self.signing.sign("\n".join(lines).encode()).signature)


def post(base, path, body, token=None, headers=None, timeout=30, context=None):
    """(status, parsed JSON body or None, headers)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    h = {"Content-Type": "application/json"}
    if token:
        h["Authorization"] = "Bearer " + token
    if isinstance(body, dict) and "id" in body:
        h["Idempotency-Key"] = body["id"]
    h.update(headers or {})
    return _send(urllib.request.Request(base + path, data=data, headers=h, method="POST"), timeout, context)


def get(base, path, headers=None, timeout=30, context=None):
    return _send(urllib.request.Request(base + path, headers=headers or {}, method="GET"), timeout, context)


def _send(req, timeout, context=None):
    try:
        with urllib.request.urlopen(req, timeout=timeout, context=context) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None), dict(r.headers)
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            obj = json.loads(raw) if raw else None
        except ValueError:
            obj = raw
        return e.code, obj, dict(e.headers)


class RealKiosk:
    """A real `kiosk` binary with its own data dir and kiosk.toml (HOME and XDG dirs point inside its
    directory, so nothing of the machine's own kiosk is read). `write_config` rewrites kiosk.toml."""

    def __init__(self, binary, root, name):
        self.binary, self.name = binary, name
        self.dir = os.path.join(root, "kiosk-" + name)
        self.data_dir = os.path.join(self.dir, "data")
        self.config = os.path.join(self.dir, "kiosk.toml")
        os.makedirs(self.dir)
        self.env = dict(os.environ, HOME=self.dir, XDG_CONFIG_HOME=os.path.join(self.dir, "xdg-config"),
                        XDG_DATA_HOME=os.path.join(self.dir, "xdg-data"))
        self.write_config()
        status = self.status()
        self.kiosk_id, self.public_key = status["kiosk_id"], status["collector_public_key"]

    def write_config(self, endpoint="", token="", ca_file="", department_public_key="", trusted=None):
        # An empty value means the default, so it is left out (an empty department key is an error).
        lines = ["# Written by tests/intake: kiosk %s." % self.name, "[upload]"]
        upload = (("endpoint", endpoint), ("token", token), ("ca_file", ca_file))
        lines += ['%s = "%s"' % (k, v) for k, v in upload if v]
        lines.append("[privacy]")
        if department_public_key:
            lines.append('department_public_key = "%s"' % department_public_key)
        if trusted:
            lines.append("[privacy.trusted_collector_keys]")
            lines += ['"%s" = "%s"' % (k.kiosk_id, k.public_key) for k in trusted]
        with open(self.config, "w") as f:
            f.write("\n".join(lines) + "\n")

    def argv(self, *args):
        return [self.binary, "--config", self.config, "--data-dir", self.data_dir] + list(args)

    def run(self, *args, ok=(0,), timeout=60):
        p = subprocess.run(self.argv(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=timeout, env=self.env)
        if p.returncode not in ok:
            raise AssertionError("kiosk %s %s: exit %d: %s%s" % (self.name, args[:2], p.returncode, p.stdout,
                                                                 p.stderr))
        return p

    def popen(self, *args):
        return subprocess.Popen(self.argv(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=self.env)

    def status(self):
        return json.loads(self.run("--status").stdout)

    def submit(self, form_id, answers, workdir, program=None):
        """Stores one record with `kiosk --submit`; returns its confirmation code. The answers file is
        written outside the data dir and removed, as staff entering a paper sheet would."""
        path = os.path.join(workdir, "answers-%s.json" % uuid.uuid4().hex)
        with open(path, "w") as f:
            json.dump(answers, f)
        try:
            extra = ["--program", program] if program else []
            return self.run("--submit", form_id, "--answers", path, *extra).stdout.strip().splitlines()[-1]
        finally:
            os.remove(path)

    def answers_example(self, form_id, program=None):
        extra = ["--program", program] if program else []
        return json.loads(self.run("--answers-example", form_id, *extra).stdout)

    def files(self):
        """Every regular file under the data dir (database, WAL, logs, keys...)."""
        for root, _dirs, names in os.walk(self.data_dir):
            for n in names:
                p = os.path.join(root, n)
                if os.path.isfile(p) and not os.path.islink(p):
                    yield p
