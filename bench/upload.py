#!/usr/bin/env python3
"""The capture and upload halves of `make bench` (bench/README.md); no display needed.

    upload.py WORK_DIR BUILD_DIR SOURCE_DIR OUT.json

Capture (issues 3 and 10), through bench_outbox:
  * LATENCY_PAIRS Outbox::enqueue calls of a realistic sign-up (plain save, the row unsealed),
    interleaved in blocks of 50 with as many raw sqlite3 INSERT+COMMITs of the same row (same schema
    and pragmas) and as many seal + sign + saves (seal_submission to the test department key, then
    enqueue): per-call latency; then more sealed saves until the outbox holds RECORDS;
  * the size of that database (RECORDS pending submissions);
  * RSS, heap in use and SQLite's share after 1, FORMS, 3 x FORMS and 4 x FORMS form completions in
    one process.
Upload (issues 4 and 10: protocol v2 only), each against its own fresh tests/support/test_server.py
on 127.0.0.1, run by /usr/bin/python3 (Debian's, with python3-nacl: v2 verifies signatures and opens
sealed payloads), told the bench kiosk's collector key and the test department's secret:
  * the kiosk's SyncEngine draining a copy of those 10,000 submissions;
  * the bare keep-alive libcurl loop posting the same 10,000 envelopes (the ceiling);
  * the `curl` command line, one process per record, on the first CURL_SAMPLE envelopes (records/s
    extrapolates: the per-record cost does not depend on the queue length);
  * the engine and the ceiling are run UPLOAD_RUNS times, alternating, each against a fresh server:
    the report gives the medians (one run is at the mercy of whatever else the machine does);
  * where the engine's time goes: the transport alone (the kiosk's CurlHttpClient posting the
    prebuilt envelopes, no outbox), the sender's group transaction (Outbox::claim of a group with
    the previous group's acknowledgements, one synchronous=FULL commit), and the whole drain again
    with SQLite's fsyncs made no-ops (a diagnosis only).
Leaves drain-setup.json (the filled outbox, its signing key, the department public key and the v2
server's command line) for gui.py's drain-vs-idle frames.
"""
import json
import os
import shutil
import subprocess
import sys
import time

RECORDS = int(os.environ.get("BENCH_RECORDS", "10000"))
LATENCY_PAIRS = int(os.environ.get("BENCH_LATENCY_PAIRS", "2000"))
CLAIMS = int(os.environ.get("BENCH_CLAIMS", "60"))
UPLOAD_RUNS = int(os.environ.get("BENCH_UPLOAD_RUNS", "3"))
CURL_SAMPLE = int(os.environ.get("BENCH_CURL_SAMPLE", "500"))
FORMS = int(os.environ.get("BENCH_FORMS", "1000"))
TOKEN = "bench-token"
# Debian's python3: the test server's v2 needs python3-nacl (scripts/deps-dev.sh), which the first
# python3 on PATH may lack (there v2 answers 500).
SERVER_PYTHON = "/usr/bin/python3"


def department_files(source):
    """The tests' non-demo department pair: the kiosk refuses [upload] with the demo key."""
    base = os.path.join(source, "tests", "support", "test-department")
    return base + ".public", base + ".secret"


def run_kv(cmd):
    """Runs a bench tool; returns its `key value...` lines as a dict of lists of words."""
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise RuntimeError("%s failed (exit %d):\n%s%s" % (" ".join(cmd), p.returncode, p.stdout[-2000:], p.stderr[-2000:]))
    out = {}
    for line in p.stdout.splitlines():
        words = line.split()
        if words:
            out.setdefault(words[0], []).append(words[1:])
    return out


def server_cmd(source, db, collector, lifetime):
    """The v2 test server's command line; collector = (kiosk id, base64 Ed25519 public key)."""
    return [SERVER_PYTHON, os.path.join(source, "tests", "support", "test_server.py"), "--db", db, "--token", TOKEN,
            "--lifetime", lifetime, "--collector-key", "%s=%s" % collector,
            "--department-secret", department_files(source)[1]]


class Server:
    """tests/support/test_server.py on a free loopback port; stops when its stdin closes."""

    def __init__(self, source, work, name, collector):
        self.dir = os.path.join(work, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        self.proc = subprocess.Popen(server_cmd(source, os.path.join(self.dir, "server.db"), collector, "900"),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.proc.stdout.readline().split()[1])
        if self.proc.stdout.readline().strip() != "READY":
            raise RuntimeError("the test server did not start")
        self.url = "http://127.0.0.1:%d" % self.port

    def stats(self):
        out = subprocess.run(["curl", "-sS", "--max-time", "30", self.url + "/control/stats"], stdout=subprocess.PIPE,
                             text=True, check=True).stdout
        return json.loads(out)

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def data_copy(work, filled_db, name):
    d = os.path.join(work, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    shutil.copy(filled_db, os.path.join(d, "kiosk.db"))
    return d


def capture(work, bench, source):
    public = department_files(source)[0]
    outbox_dir = os.path.join(work, "outbox")
    shutil.rmtree(outbox_dir, ignore_errors=True)
    lat = run_kv([os.path.join(bench, "bench_outbox"), "latency", outbox_dir, str(min(LATENCY_PAIRS, RECORDS)), str(RECORDS),
                  public])
    size = run_kv([os.path.join(bench, "bench_outbox"), "size", outbox_dir])
    forms_dir = os.path.join(work, "forms")
    shutil.rmtree(forms_dir, ignore_errors=True)
    forms = run_kv([os.path.join(bench, "bench_outbox"), "forms", forms_dir, str(FORMS), public])
    after = {int(w[0]): {"rss_kib": int(w[2]), "heap_bytes": int(w[4]), "sqlite_bytes": int(w[6])}
             for w in forms["after"]}
    return {
        "records": RECORDS,
        "payload_bytes": int(lat["payload_bytes"][0][0]),
        "kiosk_us": [float(x) for x in lat["kiosk_enqueue_us"][0]],
        "raw_us": [float(x) for x in lat["raw_insert_commit_us"][0]],
        "sealed_us": [float(x) for x in lat["seal_sign_save_us"][0]],
        "sealed_bytes": int(lat["sealed_bytes"][0][0]),
        "collector": (lat["kiosk_id"][0][0], lat["collector_key"][0][0]),
        "rows": int(lat["kiosk_rows"][0][0]),
        "db_bytes": int(size["db_bytes"][0][0]),
        "wal_bytes": int(size["wal_bytes"][0][0]),
        "forms": FORMS,
        "forms_after": after,
        "completion_ms": float(forms["completion_ms"][0][0]),
        "filled_db": os.path.join(outbox_dir, "kiosk", "kiosk.db"),
        "signing_key": os.path.join(outbox_dir, "kiosk", "signing-key"),
    }


def engine(work, bench, source, filled_db, collector, mode="engine"):
    data = data_copy(work, filled_db, mode + "-data")
    server = Server(source, work, mode + "-server", collector)
    try:
        r = run_kv([os.path.join(bench, "bench_upload"), mode, data, server.url, TOKEN])
        st = server.stats()
    finally:
        server.stop()
    return {"records": int(r["records"][0][0]), "sent": int(r["sent"][0][0]), "seconds": float(r["seconds"][0][0]),
            "in_post_seconds": float(r["in_post_seconds"][0][0]), "requests": int(r["requests"][0][0]),
            "server_stored": st["stored"], "server_received": st["received"]}


def ceiling(work, bench, source, filled_db, collector, mode="ceiling"):
    data = data_copy(work, filled_db, mode + "-data")
    server = Server(source, work, mode + "-server", collector)
    try:
        r = run_kv([os.path.join(bench, "bench_upload"), mode, data, server.url, TOKEN])
        st = server.stats()
    finally:
        server.stop()
    return {"records": int(r["records"][0][0]), "sent": int(r["sent"][0][0]), "seconds": float(r["seconds"][0][0]),
            "server_stored": st["stored"]}


def curl_loop(work, bench, source, filled_db, collector):
    data = data_copy(work, filled_db, "curl-data")
    bodies = os.path.join(work, "curl-bodies")
    shutil.rmtree(bodies, ignore_errors=True)
    os.makedirs(bodies)
    r = run_kv([os.path.join(bench, "bench_upload"), "bodies", data, bodies, str(CURL_SAMPLE)])
    n = int(r["bodies"][0][0])
    ua = " ".join(r["user_agent"][0])
    server = Server(source, work, "curl-server", collector)
    failed = 0
    try:
        url = server.url + "/v2/submissions"
        t0 = time.monotonic()
        for i in range(n):
            key = open(os.path.join(bodies, "key-%d.txt" % i)).read()
            p = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "30",
                                "-H", "Authorization: Bearer " + TOKEN, "-H", "Content-Type: application/json",
                                "-H", "Idempotency-Key: " + key, "-H", "Accept: application/json", "-H", "Expect:",
                                "-A", ua, "--data-binary", "@" + os.path.join(bodies, "body-%d.json" % i), url],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            if p.stdout.strip() != "201":
                failed += 1
        secs = time.monotonic() - t0
        st = server.stats()
    finally:
        server.stop()
    return {"records": n, "failed": failed, "seconds": secs, "server_stored": st["stored"]}


def claims(work, bench, filled_db):
    data = data_copy(work, filled_db, "claims-data")
    r = run_kv([os.path.join(bench, "bench_upload"), "claims", data, str(CLAIMS)])
    return {"group": int(r["claim_group"][0][0]), "group_us": [float(x) for x in r["claim_group_us"][0]]}


def main():
    work, build, source, out_path = sys.argv[1:5]
    bench = os.path.join(build, "bench")
    result = {"capture": capture(work, bench, source)}
    filled = result["capture"]["filled_db"]
    who = tuple(result["capture"]["collector"])
    result["engine_runs"], result["ceiling_runs"] = [], []
    for _ in range(UPLOAD_RUNS):
        result["engine_runs"].append(engine(work, bench, source, filled, who))
        result["ceiling_runs"].append(ceiling(work, bench, source, filled, who))
    result["transport"] = ceiling(work, bench, source, filled, who, "transport")
    result["curl"] = curl_loop(work, bench, source, filled, who)
    result["claims"] = claims(work, bench, filled)
    result["engine_nosync"] = engine(work, bench, source, filled, who, "engine-nosync")
    with open(os.path.join(work, "drain-setup.json"), "w") as f:
        public = open(department_files(source)[0]).read().strip()
        json.dump({"db": filled, "signing_key": result["capture"]["signing_key"], "records": RECORDS, "token": TOKEN,
                   "server_cmd": server_cmd(source, "SERVER_DB", who, "600"), "department_public_key": public}, f)
    with open(out_path, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
