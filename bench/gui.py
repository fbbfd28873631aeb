#!/usr/bin/env python3
"""The GUI half of `make bench` (bench/README.md): runs inside one xvfb-run (1920x1080x24).

    gui.py WORK_DIR BUILD_DIR OUT.json [drain-only]

Runs, one at a time unless said otherwise (no display needed by the caller, one Xvfb for all):
  * start and scroll — the kiosk (`--script`, real clock, on the 200-item list from make_content.py)
    and bare_window, alternately, REPEAT times each: start -> first frame, peak RSS (VmHWM), peak
    PSS and Private_Dirty (smaps_rollup, sampled every 100 ms where readable, and the process's own
    reading at exit from --bench-stats), and every scrolling frame's wall
    and CPU time; then REPEAT first-ever starts of the kiosk (empty data dir);
  * idle — the kiosk on its attract screen, the kiosk on its home screen, the kiosk on its home
    screen with Read aloud turned on (issue 16: it has spoken, then has nothing to say) and
    bare_window, side by side for 75 s: utime+stime (/proc/PID/stat) between 10 s and 70 s after
    launch, and the kiosk's PSS and Private_Dirty at exit (PSS splits the libraries among the
    processes still running then, so only Private_Dirty compares one process with another);
  * drain — the kiosk's scroll run while 10,000 queued records upload to the loopback server,
    alternated with the same run and no upload (upload.py sets up the server and the outbox).
Every measurement goes to OUT.json; report.py prints it.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request

REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
IDLE_FROM_S, IDLE_TO_S = 10.0, 70.0
CLK_TCK = os.sysconf("SC_CLK_TCK")

# One scroll run: 2 finger drags up the list, 1 s each (~250 scrolling frames), as bare_window --drag does.
DRAG = (960, 918, 960, 324, 1000)  # 50% 85% -> 50% 30% of 1920x1080
DRAGS = 2


def kiosk_scroll_script(category_title):
    drag = "drag %d %d %d %d %d" % DRAG
    return "\n".join([
        "# bench: open the 200-item list and drag-scroll it (real clock)",
        'tap "Touch to start"',
        'tap "%s"' % category_title,
        'expect "%s"' % category_title,
        "wait 500",
    ] + [drag] * DRAGS + ["wait 1000", "quit", ""])


def read_status_kib(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def read_pss_dirty_kib(pid):
    """(Pss, Private_Dirty) from smaps_rollup, KiB; (None, None) once it is gone. Private_Dirty
    (heap, GL buffers, relocated data) does not depend on which other processes map the same
    libraries, unlike Pss and Private_Clean."""
    pss = dirty = None
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Private_Dirty:"):
                    dirty = int(line.split()[1])
    except OSError:
        pass
    return pss, dirty


def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def parse_stats(path, t0_ns):
    out = {"first_frame_ms": None, "frames": []}
    with open(path) as f:
        for line in f:
            p = line.split()
            if p[0] == "first_frame_mono_ns":
                out["first_frame_ms"] = (int(p[1]) - t0_ns) / 1e6
            elif p[0] == "first_frame_cpu_ns":
                out["first_frame_cpu_ms"] = int(p[1]) / 1e6
            elif p[0] in ("pss_kib", "private_dirty_kib"):
                out[p[0] + "_at_exit"] = int(p[1])
            elif p[0] == "frame":
                out["frames"].append({"start_ms": (int(p[1]) * 1000 - t0_ns) / 1e6, "wall_ms": int(p[2]) / 1000.0,
                                      "cpu_ms": int(p[3]) / 1000.0, "moving": p[4] == "1"})
    return out


def launch(cmd, stats_path, env_extra=None, log_path=None):
    env = dict(os.environ)
    env.pop("KIOSK_VIRTUAL_CLOCK", None)  # real time: these are wall-clock measurements
    env.update(env_extra or {})
    cmd = cmd + ["--bench-stats", stats_path]  # the frame recorder (kiosk: a --script test hook)
    log = open(log_path or os.devnull, "w")
    t0 = time.monotonic_ns()  # CLOCK_MONOTONIC, as the frame recorder's first_frame_mono_ns
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    log.close()
    return proc, t0


def run_sampled(cmd, stats_path, log_path, env_extra=None, timeout_s=180, on_start=None):
    """Runs `cmd` to its end, sampling memory every 100 ms; returns the measurements."""
    if os.path.exists(stats_path):
        os.unlink(stats_path)
    proc, t0 = launch(cmd, stats_path, env_extra, log_path)
    if on_start:
        on_start()
    hwm = pss = dirty = 0
    deadline = time.monotonic() + timeout_s
    while proc.poll() is None:
        h = read_status_kib(proc.pid, "VmHWM")
        p, u = read_pss_dirty_kib(proc.pid)
        hwm = max(hwm, h or 0)
        pss = max(pss, p or 0)
        dirty = max(dirty, u or 0)
        if time.monotonic() > deadline:
            proc.kill()
            break
        time.sleep(0.1)
    rc = proc.wait()
    if rc != 0 or not os.path.exists(stats_path):
        tail = open(log_path, errors="replace").read()[-2000:] if os.path.exists(log_path) else ""
        raise RuntimeError("%s exited %s without frame statistics; its output:\n%s" % (cmd[0], rc, tail))
    m = parse_stats(stats_path, t0)
    # The kiosk is not dumpable (issue 11): unless this runs as root, /proc/PID/smaps_rollup is
    # closed to it and the samples above stay empty; the kiosk's own reading at exit counts then.
    pss = max(pss, m.get("pss_kib_at_exit", 0))
    dirty = max(dirty, m.get("private_dirty_kib_at_exit", 0))
    m.update({"hwm_kib": hwm, "pss_peak_kib": pss, "private_dirty_peak_kib": dirty, "t0_ns": t0})
    return m


def scroll_frames(m):
    return [f for f in m["frames"] if f["moving"]]


def kiosk_cmd(build, work, data_dir, config, script):
    return [os.path.join(build, "bin", "kiosk"), "--content", os.path.join(work, "content"), "--data-dir", data_dir,
            "--config", config, "--script", script]


def bare_cmd(build, work, extra):
    return [os.path.join(build, "bench", "bare_window"), "--items", os.path.join(work, "items.tsv")] + extra


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def start_and_scroll(build, work, category_title, config):
    script = os.path.join(work, "scroll.script")
    with open(script, "w") as f:
        f.write(kiosk_scroll_script(category_title))
    drag = ["--drag"] + [str(v) for v in DRAG] + ["--drags", str(DRAGS), "--lead-ms", "500", "--tail-ms", "1000"]
    runs = {"kiosk": [], "bare": []}
    # Warm-up, not measured: fills Mesa's shader cache and the page cache, as on any start but the
    # machine's very first.
    warm = fresh_dir(os.path.join(work, "gui-warm"))
    quit_script = os.path.join(work, "quit.script")
    with open(quit_script, "w") as f:
        f.write("quit\n")
    run_sampled(kiosk_cmd(build, work, warm, config, quit_script), os.path.join(work, "warm-stats.txt"),
                os.path.join(work, "warm.log"))
    run_sampled(bare_cmd(build, work, ["--tail-ms", "1"]), os.path.join(work, "warm-stats.txt"), os.path.join(work, "warm.log"))
    for i in range(REPEAT):
        # Every start but the very first finds its data dir made: make it first (headless).
        data = fresh_dir(os.path.join(work, "gui-data-%d" % i))
        subprocess.run([os.path.join(build, "bin", "kiosk"), "--status", "--data-dir", data, "--config", config],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        runs["kiosk"].append(run_sampled(kiosk_cmd(build, work, data, config, script),
                                         os.path.join(work, "kiosk-stats-%d.txt" % i), os.path.join(work, "kiosk-%d.log" % i)))
        runs["bare"].append(run_sampled(bare_cmd(build, work, drag), os.path.join(work, "bare-stats-%d.txt" % i),
                                        os.path.join(work, "bare-%d.log" % i)))
    # The very first start (empty data dir: the database and kiosk id are created, several fsyncs).
    runs["kiosk_first_boot"] = []
    for i in range(REPEAT):
        data = fresh_dir(os.path.join(work, "gui-first-%d" % i))
        m = run_sampled(kiosk_cmd(build, work, data, config, quit_script), os.path.join(work, "first-stats.txt"),
                        os.path.join(work, "first.log"))
        runs["kiosk_first_boot"].append({"first_frame_ms": m["first_frame_ms"], "first_frame_cpu_ms": m["first_frame_cpu_ms"]})
    for who in ("kiosk", "bare"):
        for m in runs[who]:
            if len(scroll_frames(m)) < 20:
                raise RuntimeError("%s drew only %d scrolling frames: did the drags reach the list?" % (who, len(scroll_frames(m))))
    return runs


# Read aloud on (issue 16), through the Accessibility panel as a visitor turns it on: the kiosk
# speaks (so the synthesiser is loaded and its worker started), then sits on the home screen. SDL's
# dummy audio driver plays in real time on a machine without sound, so the device really opens and
# closes. The engine logs "speech: synthesiser ready" when it first speaks.
SPEECH_TAPS = ['tap "Touch to start"', 'tap "Accessibility"', 'tap "Read aloud"', 'tap "Close"']
SPEECH_ENV = {"SDL_AUDIODRIVER": "dummy"}
SPEECH_READY = "speech: synthesiser ready"


def attract_pictures(work):
    """The bundle's pictures the attract run had (PNG files in its content), after checking that the
    kiosk showed every one it drew: a picture that failed would make the figure one without it."""
    folder = os.path.join(work, "content", "pictures")
    count = len([n for n in os.listdir(folder) if n.endswith(".png")]) if os.path.isdir(folder) else 0
    log_path = os.path.join(work, "kiosk_attract-data", "kiosk.log")
    log = open(log_path, errors="replace").read() if os.path.exists(log_path) else ""
    failed = [line for line in log.splitlines() if "cannot be shown" in line]
    if failed:
        raise RuntimeError("the attract run could not show its pictures: %s" % failed[0])
    return count


def idle(build, work, config):
    """Four processes side by side; CPU ticks between IDLE_FROM_S and IDLE_TO_S after launch."""
    procs = {}
    for name, taps, env in (("kiosk_attract", [], None), ("kiosk_home", ['tap "Touch to start"'], None),
                            ("kiosk_home_speech", SPEECH_TAPS, SPEECH_ENV)):
        script = os.path.join(work, name + ".script")
        with open(script, "w") as f:
            f.write("\n".join(["# bench: sit on one screen (real clock)"] + taps + ["wait 75000", "quit", ""]))
        data = fresh_dir(os.path.join(work, name + "-data"))
        procs[name] = launch(kiosk_cmd(build, work, data, config, script), os.path.join(work, name + "-stats.txt"),
                             env_extra=env, log_path=os.path.join(work, name + ".log"))
    procs["bare"] = launch(bare_cmd(build, work, ["--tail-ms", "75000"]), os.path.join(work, "bare-idle-stats.txt"),
                           log_path=os.path.join(work, "bare-idle.log"))
    start = time.monotonic()
    time.sleep(IDLE_FROM_S)
    before = {k: cpu_ticks(p.pid) for k, (p, _) in procs.items()}
    t_before = time.monotonic()
    time.sleep(IDLE_TO_S - IDLE_FROM_S)
    after = {k: cpu_ticks(p.pid) for k, (p, _) in procs.items()}
    span = time.monotonic() - t_before
    out = {}
    for k, (p, t0) in procs.items():
        rc = p.wait(timeout=60)
        stats = os.path.join(work, ("bare-idle" if k == "bare" else k) + "-stats.txt")
        m = parse_stats(stats, t0) if rc == 0 and os.path.exists(stats) else None
        if k == "kiosk_home_speech":
            log = open(os.path.join(work, k + "-data", "kiosk.log"), errors="replace").read() \
                if os.path.exists(os.path.join(work, k + "-data", "kiosk.log")) else ""
            if m is None or SPEECH_READY not in log:
                # A build without the Accessibility panel, or one that never spoke: no figure.
                out[k] = {"skipped": "Read aloud not turned on (exit %s%s)"
                          % (rc, "" if m is None else ", nothing spoken")}
                continue
        if m is None or m["first_frame_ms"] is None or m["first_frame_ms"] > IDLE_FROM_S * 1000 - 2000:
            raise RuntimeError("idle run %s did not reach its screen in time (exit %s)" % (k, rc))
        pictures = None
        if k == "kiosk_attract":
            # Issue 17: the attract screen is measured with the bundle's pictures on it (the logo,
            # then each offer's picture as they rotate). The kiosk logs each one it cannot show.
            pictures = attract_pictures(work)
        in_window = [f for f in m["frames"] if IDLE_FROM_S * 1000 <= f["start_ms"] < IDLE_TO_S * 1000]
        out[k] = {"cpu_percent": 100.0 * (after[k] - before[k]) / CLK_TCK / span, "seconds": span,
                  "cpu_ms": 1000.0 * (after[k] - before[k]) / CLK_TCK, "frames_in_window": len(in_window),
                  "pss_kib": m.get("pss_kib_at_exit"), "private_dirty_kib": m.get("private_dirty_kib_at_exit")}
        if pictures is not None:
            out[k]["pictures"] = pictures
    out["wall_s"] = time.monotonic() - start
    return out


def drain(build, work, category_title):
    """Scroll frames while 10,000 records upload vs the same with nothing uploading."""
    info = json.load(open(os.path.join(work, "drain-setup.json")))  # written by upload.py
    script = os.path.join(work, "scroll.script")
    with open(script, "w") as f:
        f.write(kiosk_scroll_script(category_title))
    runs = {"idle": [], "drain": []}
    notes = []
    for i in range(REPEAT):
        for mode in ("idle", "drain"):
            data = fresh_dir(os.path.join(work, "drain-gui-%s-%d" % (mode, i)))
            shutil.copy(info["db"], os.path.join(data, "kiosk.db"))
            # The records were signed with this key; the kiosk keeps signing with it (issue 10).
            shutil.copy(info["signing_key"], os.path.join(data, "signing-key"))
            server = syncer = None
            config = os.path.join(work, "offline.toml")
            if mode == "drain":
                # The v2 server upload.py ran (Debian's python3, the bench kiosk's collector key).
                cmd = [os.path.join(data, "server.db") if a == "SERVER_DB" else a for a in info["server_cmd"]]
                server = subprocess.Popen(["nice", "-n", "19"] + cmd,
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                port = int(server.stdout.readline().split()[1])
                server.stdout.readline()  # READY
                config = os.path.join(data, "upload.toml")
                with open(config, "w") as f:
                    # A non-demo department key: the kiosk refuses [upload] with the demo key.
                    f.write('[kiosk]\nidle_timeout_s = 600\n\n[privacy]\ndepartment_public_key = "%s"\n\n'
                            '[upload]\nendpoint = "http://127.0.0.1:%d"\ntoken = "%s"\n'
                            % (info["department_public_key"], port, info["token"]))
            started = {}

            def watch_drain():
                # The GUI's own sync engine uploads (it starts with the kiosk): the drain ends when
                # the server holds every queued record.
                if mode != "drain":
                    return
                url = "http://127.0.0.1:%d/control/stats" % port

                def watch():
                    deadline = time.monotonic() + 170
                    while time.monotonic() < deadline and not started.get("stop"):
                        try:
                            with urllib.request.urlopen(url, timeout=5) as r:
                                if json.load(r)["stored"] >= info["records"]:
                                    started["end_ns"] = time.monotonic_ns()
                                    return
                        except OSError:
                            pass
                        time.sleep(0.05)

                started["watcher"] = threading.Thread(target=watch, daemon=True)
                started["watcher"].start()

            m = run_sampled(kiosk_cmd(build, work, data, config, script), os.path.join(work, "drain-stats.txt"),
                            os.path.join(work, "drain-gui.log"), on_start=watch_drain)
            if mode == "drain":
                started["stop"] = True
                started["watcher"].join(timeout=30)
                m["drain_by"] = "gui"
                m["drain_covered_run"] = "end_ns" not in started
                if "end_ns" in started:
                    # Only the frames drawn while the upload ran count as "during the drain".
                    end_ms = (started["end_ns"] - m["t0_ns"]) / 1e6
                    m["drain_ms"] = end_ms
                    m["frames"] = [f for f in m["frames"] if f["start_ms"] < end_ms]
                m["server_stored"] = server_count(data)
                server.stdin.close()
                server.wait(timeout=30)
            runs[mode].append(m)
    return {"runs": runs, "notes": notes}


def server_count(data):
    import sqlite3
    try:
        db = sqlite3.connect(os.path.join(data, "server.db"))
        n = db.execute("SELECT count(*) FROM submissions").fetchone()[0]
        db.close()
        return n
    except sqlite3.Error:
        return None


def main():
    work, build, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
    only = sys.argv[4] if len(sys.argv) > 4 else ""
    category_title = open(os.path.join(work, "category.txt")).read().strip()
    config = os.path.join(work, "offline.toml")
    with open(config, "w") as f:
        # Long idle timeout: the "Still there?" prompt must not appear inside a 60 s idle window.
        f.write("[kiosk]\nidle_timeout_s = 600\n")
    result = {}
    if only in ("", "scroll"):
        result["scroll"] = start_and_scroll(build, work, category_title, config)
    if only in ("", "idle"):
        result["idle"] = idle(build, work, config)
    if only in ("", "drain"):
        result["drain"] = drain(build, work, category_title)
    with open(out_path, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
