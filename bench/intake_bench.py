#!/usr/bin/python3
"""make bench, the department's side (issue 12): records/s stored by kiosk-intake serve (HTTP, JSON,
registration lookup, Ed25519 check, one transaction per record) against a bare libpqxx loop doing the
same inserts (bench_intake_insert), and with two serve processes on one database; then the kiosk's own
SyncEngine (bench_upload engine) draining the same filled outbox into kiosk-intake and into the
tests' Python v2 server (tests/support/test_server.py), so the drain into the real department side is
compared with the rate every other upload figure is measured against.

    /usr/bin/python3 bench/intake_bench.py BUILD_DIR [RECORDS]      (prints one line per figure)

Runs on its own throwaway cluster (tests/intake/intake_rig.py; synchronous_commit on, fsync on).
The client is 1 or 4 Python threads on keep-alive connections with envelopes signed in advance; the
bare loop uses as many connections, so each pair of figures compares like with like.
"""

import base64
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SRC = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(SRC, "tests", "intake"))
sys.path.insert(0, os.path.join(SRC, "bench"))
import intake_rig as rig  # noqa: E402


def post_all(bases, token, envs, threads=4):
    import json
    chunks = [envs[i::threads] for i in range(threads)]
    errors = []

    def worker(k, chunk):
        u = urllib.parse.urlparse(bases[k % len(bases)])
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        for env in chunk:
            body = json.dumps(env)
            conn.request("POST", "/v2/submissions", body, {"Authorization": "Bearer " + token,
                                                          "Content-Type": "application/json",
                                                          "Idempotency-Key": env["id"]})
            r = conn.getresponse()
            r.read()
            if r.status != 201:
                errors.append(r.status)
        conn.close()

    ts = [threading.Thread(target=worker, args=(k, c)) for k, c in enumerate(chunks)]
    t0 = time.monotonic()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    elapsed = time.monotonic() - t0
    if errors:
        raise SystemExit("intake bench: %d requests not stored (%s)" % (len(errors), errors[:3]))
    return len(envs) / elapsed


def drain_into_intake(build, cluster, tmp, records):
    """(records/s into kiosk-intake, records/s into the test server, records) for one filled outbox."""
    import shutil
    import upload  # bench/upload.py: the test server and the outbox filling it measures with
    public, _ = upload.department_files(SRC)
    bench = os.path.join(build, "bench")
    fill = os.path.join(tmp, "drain-fill")
    lat = upload.run_kv([os.path.join(bench, "bench_outbox"), "latency", fill, "1", str(records), public])
    collector = (lat["kiosk_id"][0][0], lat["collector_key"][0][0])
    filled = os.path.join(fill, "kiosk", "kiosk.db")
    signing = os.path.join(fill, "kiosk", "signing-key")

    def copy(name):
        d = upload.data_copy(tmp, filled, name)
        shutil.copy(signing, os.path.join(d, "signing-key"))
        return d

    with open(public) as f:
        dept = f.read().strip()
    intake = rig.Intake(os.path.join(build, "bin", "kiosk-intake"), cluster, tmp, [dept])
    try:
        intake.run("init-db")
        who = rig.Kiosk()
        who.kiosk_id, who.public_key = collector
        token = intake.add_kiosk("drain", who)
        _, base = intake.serve()
        r = upload.run_kv([os.path.join(bench, "bench_upload"), "engine", copy("drain-intake"), base, token])
        if int(r["sent"][0][0]) != records:
            raise SystemExit("intake drain: %s of %d sent" % (r["sent"][0][0], records))
        into_intake = records / float(r["seconds"][0][0])
    finally:
        intake.close()
    server = upload.Server(SRC, tmp, "drain-server", collector)
    try:
        r = upload.run_kv([os.path.join(bench, "bench_upload"), "engine", copy("drain-test"), server.url,
                           upload.TOKEN])
        if int(r["sent"][0][0]) != records:
            raise SystemExit("test-server drain: %s of %d sent" % (r["sent"][0][0], records))
        into_test = records / float(r["seconds"][0][0])
    finally:
        server.stop()
    return into_intake, into_test


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    demo = base64.b64decode(open(os.path.join(SRC, "assets", "keys", "demo-department-public-key.txt")).read().strip())
    cluster = rig.Cluster(fsync=True)
    tmp = tempfile.mkdtemp(prefix="intake-bench-")
    intake = rig.Intake(os.path.join(build, "bin", "kiosk-intake"), cluster, tmp, [rig.b64(demo)])
    try:
        intake.run("init-db")
        kiosk = rig.Kiosk()
        token = intake.add_kiosk("bench", kiosk)
        answers = {"name": "x" * 400}
        sample = kiosk.envelope(demo, answers)
        payload_bytes = len(base64.b64decode(sample["sealed_payload"]))
        def bare(connections):
            out = subprocess.run([os.path.join(build, "bench", "bench_intake_insert"), cluster.url, str(n),
                                  str(payload_bytes), "bench", str(connections)], check=True,
                                 stdout=subprocess.PIPE, text=True, timeout=600).stdout
            return float(out.split()[-1])

        def fresh():
            return [kiosk.envelope(demo, answers) for _ in range(n)]

        bare1, bare4 = bare(1), bare(4)
        _, base_a = intake.serve()
        one1 = post_all([base_a], token, fresh(), threads=1)
        one4 = post_all([base_a], token, fresh(), threads=4)
        _, base_b = intake.serve()
        two4 = post_all([base_a, base_b], token, fresh(), threads=4)
        print("intake store (%d records, %d-byte sealed payload, one transaction per record, fsync on):"
              % (n, payload_bytes))
        print("  1 client:  bare libpqxx loop %.0f records/s, one kiosk-intake serve %.0f = %.2fx (target >= 0.7x)"
              % (bare1, one1, one1 / bare1))
        print("  4 clients: bare libpqxx loop %.0f records/s, one kiosk-intake serve %.0f = %.2fx, two serve %.0f = %.2fx"
              % (bare4, one4, one4 / bare4, two4, two4 / bare4))
        into_intake, into_test = drain_into_intake(build, cluster, tmp, n)
        print("kiosk drain (%d records, SyncEngine, protocol v2): into kiosk-intake %.0f records/s, into the"
              " Python test server %.0f = %.2fx;\n  against the 1-client bare libpqxx loop (the drain is one connection, one commit per"
              " record) %.2fx" % (n, into_intake, into_test, into_intake / into_test, into_intake / bare1))
    finally:
        intake.close()
        cluster.close()


if __name__ == "__main__":
    main()
