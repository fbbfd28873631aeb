#!/usr/bin/env python3
"""Makes the 200-item list the GUI benchmark scrolls (bench/README.md).

Copies assets/content to OUT/content and adds programs to one category until it holds 200: each
added program is a copy of a bundled program (cycling through all of them, so titles and summaries
have realistic lengths and accents) with a new id and a numbered title. The kiosk's loader checks
the result (`kiosk --check-content`, run by bench/run.sh). Also writes OUT/items.tsv — the same 200
titles and summaries (English, in list order), one "title<TAB>summary" per line — for bare_window.

    make_content.py ASSETS_CONTENT_DIR OUT_DIR [CATEGORY_ID] [COUNT]
"""
import json
import os
import shutil
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    category = sys.argv[3] if len(sys.argv) > 3 else "neighborhood-safety"
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    content = os.path.join(out, "content")
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(src, content)

    path = os.path.join(content, "programs.json")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    programs = doc["programs"]
    cats = json.load(open(os.path.join(content, "categories.json"), encoding="utf-8"))["categories"]
    if category not in [c["id"] for c in cats]:
        sys.exit("make_content.py: no category %r" % category)
    originals = list(programs)
    n = 0
    while sum(1 for p in programs if p["category"] == category) < count:
        base = originals[n % len(originals)]
        n += 1
        p = json.loads(json.dumps(base))
        p["id"] = "bench-item-%03d" % n
        p["category"] = category
        suffix = " %d" % n
        for lang in ("en", "es"):
            p["title"][lang] = p["title"][lang][:40 - len(suffix)].rstrip() + suffix  # the 40-character limit
        p["url"] = "https://democity.example.org/bench/item-%03d" % n
        # Sign-up forms are not what this list measures; their per-program fields must stay unique.
        p["takes_signups"] = False
        p.pop("signup_form", None)
        p.pop("signup_fields", None)
        programs.append(p)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)

    with open(os.path.join(out, "items.tsv"), "w", encoding="utf-8") as f:
        for p in programs:
            if p["category"] == category:
                f.write("%s\t%s\n" % (p["title"]["en"], p["summary"]["en"]))
    title = [c for c in cats if c["id"] == category][0]["title"]["en"]
    print(title)


if __name__ == "__main__":
    main()
