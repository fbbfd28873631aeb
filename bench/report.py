#!/usr/bin/env python3
"""Prints `make bench`'s figures from the measurements of upload.py and gui.py (bench/README.md).

    report.py UPLOAD.json GUI.json

One line per figure, `name: value unit`, then its baseline, the ratio and the target:
    name: value unit  | baseline NAME: value unit | ratio R (target <= T): meets target
A figure that misses says "MISSES target". Percentiles are nearest-rank over the samples of a
run; a figure measured over several runs is the median of the runs' values (spread in brackets).
"""
import json
import statistics
import sys

MIB = 1024.0


def pct(values, p):
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def med(values):
    return statistics.median(values) if values else float("nan")


def spread(values, fmt):
    if len(values) < 2:
        return ""
    return " [runs: " + ", ".join(fmt % x for x in values) + "]"


def fmt_num(x):
    if x != x:  # nan
        return "n/a"
    a = abs(x)
    if a >= 100:
        return "%.0f" % x
    if a >= 10:
        return "%.1f" % x
    if a >= 1:
        return "%.2f" % x
    return "%.3f" % x


class Report:
    def __init__(self):
        self.verdicts = []

    def line(self, name, value, unit, base_name=None, base=None, base_unit=None, target=None, kind="max", note="",
             absolute=False, target_words=None):
        """kind: "max" (value/base <= target), "min" (value/base >= target); absolute: the target is
        on the value itself, not on the ratio."""
        s = "%s: %s %s" % (name, fmt_num(value), unit)
        if note:
            s += note
        if base is not None:
            s += "  | baseline %s: %s %s" % (base_name, fmt_num(base), base_unit or unit)
            ratio = value / base if base else float("inf")
            s += " | ratio %s" % (fmt_num(ratio) + "x" if base else "n/a (baseline 0)")
        else:
            ratio = None
        if target is not None:
            measured = value if absolute else ratio
            ok = measured <= target if kind == "max" else measured >= target
            rel = "<=" if kind == "max" else ">="
            what = ("%s %s" % (fmt_num(target), unit)) if absolute else ("%sx" % fmt_num(target))
            if absolute and base is not None:
                s += " | value/target %sx" % fmt_num(value / target if target else float("inf"))
            s += " (target %s): %s" % (target_words or "%s %s" % (rel, what), "meets target" if ok else "MISSES target")
            self.verdicts.append((name, ok))
        elif base is not None:
            s += " (no target)"
        print(s)


def gui_section(r, gui):
    runs = gui.get("scroll")
    if runs:
        print("# Issue 2 — GUI at 1920x1080 under Xvfb + llvmpipe (kiosk vs bare_window; median of %d runs each)"
              % len(runs["kiosk"]))
        k, b = runs["kiosk"], runs["bare"]
        kf = [m["first_frame_ms"] for m in k]
        bf = [m["first_frame_ms"] for m in b]
        r.line("gui.start_to_first_frame", med(kf), "ms", "bare_window", med(bf), target=1.2,
               note=spread(kf, "%.0f"))
        kc = [m["first_frame_cpu_ms"] for m in k]
        bc = [m["first_frame_cpu_ms"] for m in b]
        r.line("gui.start_cpu_to_first_frame", med(kc), "ms", "bare_window", med(bc),
               note=" (CPU time of all threads by the first frame: less sensitive to load)" + spread(kc, "%.0f"))
        if runs.get("kiosk_first_boot"):
            ff = [m["first_frame_ms"] for m in runs["kiosk_first_boot"]]
            r.line("gui.first_boot_start_to_first_frame", med(ff), "ms", "bare_window", med(bf),
                   note=" (empty data dir: the database and kiosk id are created first)" + spread(ff, "%.0f"))
        kr = [m["hwm_kib"] / MIB for m in k]
        br = [m["hwm_kib"] / MIB for m in b]
        r.line("gui.peak_rss", med(kr), "MiB", "bare_window", med(br), note=spread(kr, "%.1f"))
        kp = [m["pss_peak_kib"] / MIB for m in k]
        bp = [m["pss_peak_kib"] / MIB for m in b]
        r.line("gui.peak_pss", med(kp), "MiB", "bare_window", med(bp), target=1.2, note=spread(kp, "%.1f"))
        ku = [m["private_dirty_peak_kib"] / MIB for m in k]
        bu = [m["private_dirty_peak_kib"] / MIB for m in b]
        r.line("gui.peak_private_dirty", med(ku), "MiB", "bare_window", med(bu), note=spread(ku, "%.1f"))

        def frames(ms, key, p):
            return [pct([f[key] for f in m["frames"] if f["moving"]], p) for m in ms]

        for p, tgt in ((50, None), (95, 1.1)):
            kv, bv = frames(k, "wall_ms", p), frames(b, "wall_ms", p)
            r.line("gui.scroll_frame_p%d" % p, med(kv), "ms", "bare_window", med(bv), target=tgt,
                   note=spread(kv, "%.1f"))
        for p in (50, 95):
            kv, bv = frames(k, "cpu_ms", p), frames(b, "cpu_ms", p)
            r.line("gui.scroll_frame_cpu_p%d" % p, med(kv), "ms", "bare_window", med(bv), note=spread(kv, "%.1f"))
        kn = [sum(1 for f in m["frames"] if f["moving"]) for m in k]
        bn = [sum(1 for f in m["frames"] if f["moving"]) for m in b]
        r.line("gui.scroll_frames_per_run", med(kn), "frames", "bare_window", med(bn))
    idle = gui.get("idle")
    if idle:
        print("# Issue 2 — idle CPU over %.0f s (utime+stime, real clock; the processes side by side)"
              % idle["kiosk_home"]["seconds"])
        bare = idle["bare"]["cpu_percent"]
        r.line("gui.idle_cpu_attract", idle["kiosk_attract"]["cpu_percent"], "%", "bare_window (static)", bare,
               target=1.0, absolute=True,
               note=" (%d frames, %s)" % (idle["kiosk_attract"]["frames_in_window"],
                                          "%d bundle pictures" % idle["kiosk_attract"]["pictures"]
                                          if idle["kiosk_attract"].get("pictures") else "no pictures"))
        r.line("gui.idle_cpu_home", idle["kiosk_home"]["cpu_percent"], "%", "bare_window (static)", bare,
               target=0.1, absolute=True, note=" (%d frames)" % idle["kiosk_home"]["frames_in_window"])
        speech = idle.get("kiosk_home_speech")
        if speech and "skipped" in speech:
            print("# Issue 16 — idle with Read aloud on: not measured (%s)" % speech["skipped"])
        elif speech:
            print("# Issue 16 — idle with Read aloud on (it spoke, then nothing to say), beside the home screen without")
            home = idle["kiosk_home"]
            r.line("gui.idle_cpu_home_speech", speech["cpu_percent"], "%", "home, speech off", home["cpu_percent"],
                   target=0.1, absolute=True, note=" (%d frames)" % speech["frames_in_window"])
            if speech.get("pss_kib") and home.get("pss_kib"):
                r.line("gui.idle_pss_home_speech", speech["pss_kib"] / MIB, "MiB", "home, speech off",
                       home["pss_kib"] / MIB, note=" (at exit: shared libraries split among the processes still running)")
            if speech.get("private_dirty_kib") and home.get("private_dirty_kib"):
                r.line("gui.idle_private_dirty_home_speech", speech["private_dirty_kib"] / MIB, "MiB",
                       "home, speech off", home["private_dirty_kib"] / MIB,
                       note=" (the process's own memory: voice data, the speech worker)")


def capture_section(r, up):
    c = up["capture"]
    print("# Issue 3 — capture: %d enqueues of a %d-byte sign-up payload (synchronous=FULL), interleaved with raw sqlite3"
          % (c["records"], c["payload_bytes"]))
    for p in (50, 99):
        r.line("capture.submit_to_durable_p%d" % p, pct(c["kiosk_us"], p) / 1000, "ms",
               "raw sqlite3 INSERT+COMMIT", pct(c["raw_us"], p) / 1000, target=1.2)
    print("# Issue 10 — seal + sign + save (describe the payload, crypto_box_seal to the department key, Ed25519"
          " signature, enqueue; %d sealed bytes) against the plain save above, interleaved" % c["sealed_bytes"])
    for p in (50, 99):
        r.line("capture.seal_sign_save_p%d" % p, pct(c["sealed_us"], p) / 1000, "ms",
               "plain save (Outbox::enqueue, unsealed)", pct(c["kiosk_us"], p) / 1000,
               target=1.1 if p == 99 else None)
    # The outbox the drain copies holds sealed rows only.
    per10k = c["db_bytes"] / c["rows"] * 10000 / (MIB * MIB)
    payload = c["sealed_bytes"] * 10000 / (MIB * MIB)
    r.line("capture.db_size_per_10000", per10k, "MiB", "sealed payload bytes alone", payload)
    a = {int(k): v for k, v in c["forms_after"].items()}
    n = c["forms"]
    one, nth, late, last = a[1], a[n], a[3 * n], a[4 * n]

    def own(x):  # heap in use outside SQLite
        return x["heap_bytes"] - x["sqlite_bytes"]

    grew = nth["rss_kib"] - one["rss_kib"]
    r.line("capture.rss_after_%d_forms" % n, nth["rss_kib"] / MIB, "MiB", "after 1", one["rss_kib"] / MIB,
           target=1.0, target_words="no growth", note=" (+%d KiB: SQLite's page cache +%d KiB, other heap +%d KiB)"
           % (grew, (nth["sqlite_bytes"] - one["sqlite_bytes"]) / 1024, (own(nth) - own(one)) / 1024))
    r.line("capture.rss_growth_forms_%d_to_%d" % (3 * n, 4 * n), (last["rss_kib"] - late["rss_kib"]), "KiB",
           target=0, absolute=True, target_words="no growth",
           note=" (SQLite's memory then %d KiB, its cache limit being cache_size = 2000 KiB; heap outside SQLite %+d bytes over these %d forms)"
           % (last["sqlite_bytes"] / 1024, own(last) - own(late), n))
    r.line("capture.form_completion_time", c["completion_ms"], "ms")


def upload_section(r, up, gui):
    es, cs, cu = up["engine_runs"], up["ceiling_runs"], up["curl"]
    e = es[0]
    print("# Issues 4 and 10 — drain %d queued sealed, signed submissions (protocol v2, POST /v2/submissions) into"
          " tests/support/test_server.py on 127.0.0.1"
          " (engine and ceiling: %d alternating runs each, medians)" % (e["records"], len(es)))
    ers = [x["sent"] / x["seconds"] for x in es]
    cers = [x["sent"] / x["seconds"] for x in cs]
    er, cer = med(ers), med(cers)
    cur = (cu["records"] - cu["failed"]) / cu["seconds"]
    r.line("upload.engine_rate", er, "records/s", "curl command line per record", cur, target=20, kind="min",
           note=" (sent/server stored per run: %s)%s" % (", ".join("%d/%d" % (x["sent"], x["server_stored"]) for x in es),
                                                         spread(ers, "%.0f")))
    r.line("upload.engine_rate_vs_ceiling", er, "records/s", "bare keep-alive libcurl loop", cer, target=0.8, kind="min")
    r.line("upload.libcurl_ceiling_rate", cer, "records/s",
           note=" (server stored per run: %s)%s" % (", ".join(str(x["server_stored"]) for x in cs), spread(cers, "%.0f")))
    outside = med([(x["seconds"] - x["in_post_seconds"]) / x["sent"] * 1000 for x in es])
    inside = med([x["in_post_seconds"] / x["sent"] * 1000 for x in es])
    r.line("upload.engine_time_per_record_outside_requests", outside, "ms",
           "engine's time per request (inside CurlHttpClient::post)", inside,
           note=" (outbox transactions, envelopes, bookkeeping; the ceiling spends %.3f ms per record in all)"
           % (1000 / cer if cer else 0))
    t = up.get("transport")
    if t:
        r.line("upload.transport_rate", t["sent"] / t["seconds"], "records/s", "bare keep-alive libcurl loop", cer,
               note=" (diagnosis: the kiosk's CurlHttpClient posting the prebuilt envelopes, no outbox; one run)")
    r.line("upload.curl_cli_rate", cur, "records/s",
           note=" (%d-record sample, extrapolated: %.0f s for %d)" % (cu["records"], e["records"] / cur if cur else 0, e["records"]))
    cl = up.get("claims")
    if cl:
        g = pct(cl["group_us"], 50) / 1000
        r.line("upload.engine_group_commit_p50", g, "ms",
               note=" (one Outbox::claim of %d records with the previous group's acknowledgements, synchronous=FULL:"
                    " %.3f ms per record)" % (cl["group"], g / cl["group"]))
    ns = up.get("engine_nosync")
    if ns:
        r.line("upload.engine_rate_without_fsync", ns["sent"] / ns["seconds"], "records/s", "bare keep-alive libcurl loop",
               cer, note=" (diagnosis: the same drain with SQLite's fsyncs made no-ops; server stored %d)" % ns["server_stored"])
    d = gui.get("drain")
    if d:
        runs = d["runs"]

        def p95s(ms):
            return [pct([f["wall_ms"] for f in m["frames"] if f["moving"]], 95) for m in ms]

        dv, iv = p95s(runs["drain"]), p95s(runs["idle"])
        sq = [m["first_frame_ms"] for m in runs["idle"]]
        r.line("gui.start_with_%d_queued" % e["records"], med(sq), "ms",
               note=" (data dir holding the queued outbox; no upload)" + spread(sq, "%.0f"))
        covered = all(m.get("drain_covered_run") for m in runs["drain"])
        nframes = [sum(1 for f in m["frames"] if f["moving"]) for m in runs["drain"]]
        took = [m["drain_ms"] / 1000 for m in runs["drain"] if "drain_ms" in m]
        r.line("upload.ui_scroll_frame_p95_during_drain", med(dv), "ms", "same run, no upload", med(iv),
               note=" (uploaded by the GUI's sync engine in %s s from launch; %s scrolling frames per run during the upload%s)%s"
               % ("/".join("%.1f" % t for t in took) or "n/a", "/".join(str(n) for n in nframes),
                  ", the upload outlasted the run" if covered else "", spread(dv, "%.1f")))
        for n in d.get("notes", []):
            print("#   " + n)


def main():
    up = json.load(open(sys.argv[1])) if len(sys.argv) > 1 and sys.argv[1] != "-" else {}
    gui = json.load(open(sys.argv[2])) if len(sys.argv) > 2 and sys.argv[2] != "-" else {}
    r = Report()
    if gui:
        gui_section(r, gui)
    if up:
        capture_section(r, up)
        upload_section(r, up, gui)
    met = [n for n, ok in r.verdicts if ok]
    missed = [n for n, ok in r.verdicts if not ok]
    print("# targets: %d met, %d missed%s" % (len(met), len(missed), (": " + ", ".join(missed)) if missed else ""))


if __name__ == "__main__":
    main()
