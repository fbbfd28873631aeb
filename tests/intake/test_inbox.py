#!/usr/bin/python3
"""End-to-end tests of the staff inbox (`kiosk-intake inbox`, issue 13) in a real browser.

    /usr/bin/python3 test_inbox.py --binary build/bin/kiosk-intake --screens DIR CASE

Each CASE starts a throwaway PostgreSQL cluster (intake_rig), `kiosk-intake serve` and
`kiosk-intake inbox`; records arrive as protocol v2 envelopes sealed to the demo department key and
signed by a registered kiosk, posted to serve exactly as a kiosk does. The browser is Debian's
chromium + chromium-driver through python3-selenium (headless). Screenshots go to DIR.
Prints "1 passed, 0 failed" on success; exits 1 with the failed check otherwise.
"""

import argparse
import base64
import csv
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import zlib
import struct

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import intake_rig as rig  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEMO_PUBLIC = base64.b64decode(open(os.path.join(SOURCE_DIR, "assets", "keys",
                                                 "demo-department-public-key.txt")).read().strip())
DEMO_SECRET = os.path.join(SOURCE_DIR, "tests", "support", "demo-department.secret")
PASSWORD = {"clerk": "records-pass-1", "coord": "programs-pass-1", "boss": "admin-pass-123"}


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def wait_for(d, cond, what, timeout=15):
    """Waits until cond(driver) is true on a fully loaded page (a click or a submit loads the next page
    asynchronously: its URL can change before its body is there); fails with `what`."""
    try:
        WebDriverWait(d, timeout).until(
            lambda drv: drv.execute_script("return document.readyState") == "complete" and cond(drv))
    except Exception:  # noqa: BLE001 - a timeout is the check failing
        raise AssertionError("%s (at %s: %s)" % (what, d.current_url,
                                                 d.find_element(By.TAG_NAME, "body").text[:500]))


def tiny_png():
    """A valid 2x1 PNG, as a kiosk's drawn signature would carry."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"\x00" + b"\x00\x00\x00\xff\xff\xff"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def payload(form_id, answers, labels, lang="en"):
    """The self-describing plaintext a kiosk seals (kiosk/forms/sealed_payload.h)."""
    return {"form_id": form_id, "form_version": 1, "lang": lang, "channel": "kiosk",
            "answers": answers, "labels": labels}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Http:
    """A cookie-keeping client that does not follow redirects (to see 303s and Set-Cookie)."""

    def __init__(self, base, forwarded_for=None):
        self.base, self.cookies, self.forwarded_for = base, {}, forwarded_for
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        h = {"Cookie": "; ".join("%s=%s" % kv for kv in self.cookies.items())}
        if self.forwarded_for:
            h["X-Forwarded-For"] = self.forwarded_for
        req = urllib.request.Request(self.base + path, data=data, headers=h)
        try:
            r = self.opener.open(req, timeout=30)
        except urllib.error.HTTPError as e:
            r = e
        body = r.read()
        for v in r.headers.get_all("Set-Cookie") or []:
            name, _, rest = v.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return r.status if hasattr(r, "status") else r.code, body, r.headers

    def login(self, name, password):
        _, page, _ = self.request("/login")
        token = re.search(rb'name="csrf" value="([0-9a-f]+)"', page).group(1).decode()
        return self.request("/login", {"csrf": token, "name": name, "password": password})[0]

    def csrf(self):
        _, page, _ = self.request("/")
        m = re.search(rb'name="csrf" value="([0-9a-f]+)"', page)
        return m.group(1).decode() if m else None


class Case:
    def __init__(self, binary, screens, trusted_proxies=(), test_now=None):
        self.binary, self.screens = binary, screens
        self.tmp = tempfile.mkdtemp(prefix="inbox-test-")
        self.cluster = rig.Cluster()
        self.intake = rig.Intake(binary, self.cluster, self.tmp, [rig.b64(DEMO_PUBLIC)],
                                 trusted_proxies=trusted_proxies)
        secret = os.path.join(self.tmp, "department.secret")
        shutil.copy(DEMO_SECRET, secret)
        os.chmod(secret, 0o600)
        with open(self.intake.config, "a") as f:
            f.write('department_secret_files = ["%s"]\n[web]\nlisten = "127.0.0.1:0"\n'
                    'secure_cookies = false\n' % secret)
        self.intake.run("init-db")
        self.procs, self.driver = [], None
        _, self.serve_base = self.intake.serve()
        self.kiosk = rig.Kiosk()
        self.token = self.intake.add_kiosk("lobby", self.kiosk)
        for name, role in (("clerk", "records"), ("coord", "programs"), ("boss", "admin")):
            self.add_user(name, role, PASSWORD[name])
        self.base = self.inbox(test_now)

    def add_user(self, name, role, password):
        p = subprocess.run([self.binary, "--config", self.intake.config, "add-user", "--name", name,
                            "--role", role], input="%s\n%s\n" % (password, password), text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        check(p.returncode == 0, "add-user %s: %s" % (name, p.stderr))

    def inbox(self, test_now=None):
        env = dict(os.environ)
        argv = [self.binary, "--config", self.intake.config, "inbox"]
        if test_now:
            env["KIOSK_INTAKE_TEST_NOW"] = test_now
            argv.append("--test-clock")
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = p.stdout.readline()
        if not line.startswith("listening on "):
            p.kill()
            raise AssertionError("inbox did not start: %r %s" % (line, p.stderr.read()))
        self.procs.append(p)
        return "http://" + line.split()[-1]

    def submit(self, form_id, body, **meta):
        env = self.kiosk.envelope(DEMO_PUBLIC, body, form_id=form_id, **meta)
        status, reply, _ = rig.post(self.serve_base, "/v2/submissions", env, self.token)
        check(status == 201, "submission stored: %s %s" % (status, reply))
        return env["id"]

    def browser(self):
        if self.driver is None:
            o = webdriver.ChromeOptions()
            for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000",
                      "--lang=en-US"):
                o.add_argument(a)
            o.binary_location = "/usr/bin/chromium"
            self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
            self.driver.set_page_load_timeout(30)
        return self.driver

    def browser_login(self, name, password=None, refused=False):
        # A fresh browser per user: nothing (cookies, pending navigations) carries over. Returns once
        # the login's answer has loaded, so the next d.get() cannot overtake the login POST.
        if self.driver is not None:
            self.driver.quit()
            self.driver = None
        d = self.browser()
        d.get(self.base + "/login")
        d.find_element(By.ID, "name").send_keys(name)
        d.find_element(By.ID, "password").send_keys((password or PASSWORD[name]) + Keys.RETURN)
        if refused:
            wait_for(d, lambda drv: drv.find_elements(By.ID, "login-error"), "%s's login is refused" % name)
        else:
            wait_for(d, lambda drv: urllib.parse.urlparse(drv.current_url).path.rstrip("/") != "/login"
                     and drv.find_elements(By.TAG_NAME, "main"), "%s's login completes" % name)
        return d

    def shot(self, name):
        os.makedirs(self.screens, exist_ok=True)
        self.driver.save_screenshot(os.path.join(self.screens, name + ".png"))

    def close(self):
        if self.driver is not None:
            self.driver.quit()
        for p in self.procs:
            rig.stop(p)
        self.intake.close()
        self.cluster.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


CRASH_LABELS = {
    "location": {"en": "Where did it happen?", "es": "¿Dónde ocurrió?"},
    "notes": {"en": "Anything else", "es": "Algo más"},
    "requester_role": {"en": "Your role", "es": "Su función",
                       "choices": {"driver": {"en": "Driver", "es": "Conductor(a)"}}},
    "signature": {"en": "Signature", "es": "Firma"},
    "consent": {"en": "I agree to the terms", "es": "Acepto las condiciones"},
}
SIGNUP_LABELS = {"name": {"en": "Your name", "es": "Su nombre"},
                 "phone": {"en": "Phone", "es": "Teléfono"}}


# ---- cases -------------------------------------------------------------------------------------

def case_records_flow(c):
    png = tiny_png()
    crash = c.submit("crash_report", payload("crash_report", {
        "location": "Main St & 5th MARKER-7731", "notes": "<script>document.title='pwned'</script>",
        "requester_role": "driver", "consent": {"agreed": True, "text_sha256": "ab" * 32},
        "signature": {"strokes": [[[0.1, 0.1], [0.9, 0.9]]], "png_base64": rig.b64(png)}},
        CRASH_LABELS, lang="es"))
    code = rig.confirmation_code("CR", crash)
    # A visitor who could not draw typed their name as the signature (issue 16).
    typed = c.submit("records_request", payload("records_request", {
        "name": "Someone Else", "signature": {"typed_name": "Typed Signer MARKER-4412"}},
        {"signature": {"en": "Signature", "es": "Firma"}}))

    d = c.browser_login("clerk")
    wait_for(d, lambda drv: drv.current_url.rstrip("/") == c.base, "clerk lands on the inbox")
    check(len(d.find_elements(By.CSS_SELECTOR, "#requests a.open")) == 2, "clerk sees both records requests")
    c.shot("01-inbox-records")
    d.find_element(By.ID, "code").send_keys(code.lower())
    d.find_element(By.ID, "filter").click()
    wait_for(d, lambda drv: "code=" in drv.current_url, "the page with code= loads")
    links = d.find_elements(By.CSS_SELECTOR, "#requests a.open")
    check(len(links) == 1, "the confirmation code finds exactly one request, got %d" % len(links))
    links[0].click()
    wait_for(d, lambda drv: drv.find_elements(By.CSS_SELECTOR, "img.signature"), "the record opens")
    body = d.find_element(By.TAG_NAME, "body").text
    check("MARKER-7731" in body, "the typed marker shows on the opened record")
    check("Where did it happen?" in body and "¿Dónde ocurrió?" in body,
          "answers labelled from the record's own labels (and the visitor's Spanish)")
    check("Driver" in body, "a choice shows its label")
    check(body.index("Where did it happen?") < body.index("Your role") < body.index("Anything else"),
          "answers in the form's question order (keys the form lacks after)")
    check(re.search(r"I agree to the terms\s*(Acepto las condiciones)?\s*Yes", body), "a consent shows as Yes")
    check("<script>document.title='pwned'</script>" in body and d.title != "pwned"
          and not d.find_elements(By.TAG_NAME, "script"), "a <script> answer is shown as text, inert")
    img = d.find_element(By.CSS_SELECTOR, "img.signature")
    src = img.get_attribute("src")
    check(src.startswith(c.base + "/records/") and d.execute_script(
        "return arguments[0].naturalWidth", img) == 2, "the drawn signature loads from the image route: %s" % src)
    c.shot("02-record-open")
    audit = c.cluster.query("SELECT user_name, action FROM audit_events WHERE submission_id = %s "
                            "ORDER BY id", (crash,))
    check(("clerk", "open") in audit and ("clerk", "signature") in audit, "opens are audited: %s" % audit)

    Select(d.find_element(By.ID, "new-status")).select_by_value("ready_for_pickup")
    d.find_element(By.ID, "note").send_keys("INTERNAL-ONLY checked ID at desk")
    d.find_element(By.ID, "public-en").send_keys("Ask for Officer Diaz at window 2.")
    d.find_element(By.ID, "public-es").send_keys("Pregunte por el agente Díaz en la ventanilla 2.")
    d.find_element(By.ID, "save-status").click()
    wait_for(d, lambda drv: "saved=1" in drv.current_url, "the page with saved=1 loads")
    check(d.find_element(By.ID, "current-status").text == "Ready for pickup", "status saved and shown")
    check("INTERNAL-ONLY" in d.find_element(By.ID, "history").text, "the history keeps the internal note")
    c.shot("03-ready-for-pickup")
    status, look, _ = rig.get(c.serve_base, "/v1/requests/" + code)
    check(status == 200 and look["status"] == "ready_for_pickup"
          and look["next_step"]["en"] == "Ask for Officer Diaz at window 2."
          and look["next_step"]["es"] == "Pregunte por el agente Díaz en la ventanilla 2.",
          "the status look-up shows the new status and public text: %s" % look)
    check("INTERNAL-ONLY" not in str(look), "the internal note never reaches the look-up")

    # The image route needs a session: without one it is a redirect to the login page.
    check(Http(c.base).request(urllib.parse.urlparse(src).path)[0] == 303, "signature image needs a login")

    # A typed signature shows as the typed name where a drawn one shows its image.
    d.get(c.base + "/records/" + typed)
    wait_for(d, lambda drv: "Someone Else" in drv.find_element(By.TAG_NAME, "body").text,
             "the typed-signature record opens")
    body = d.find_element(By.TAG_NAME, "body").text
    check(re.search(r"Signature\s*Signed by typing: Typed Signer MARKER-4412", body),
          "a typed signature shows as 'Signed by typing: NAME'")
    check(not d.find_elements(By.CSS_SELECTOR, "img.signature"), "no image for a typed signature")
    c.shot("02b-record-typed-signature")

    # Spanish pages.
    d.get(c.base + "/?lang=es")
    check("Bandeja" in d.find_element(By.TAG_NAME, "body").text, "Spanish inbox")
    c.shot("04-inbox-es")
    d.get(c.base + "/?lang=en")

    # The programs role cannot open the crash report, and the refusal is audited.
    d = c.browser_login("coord")
    d.get(c.base + "/records/" + crash)
    wait_for(d, lambda drv: "cannot open" in drv.find_element(By.TAG_NAME, "body").text,
             "programs user cannot open the crash report")
    check("MARKER-7731" not in d.page_source, "nothing of the crash report shows to programs")
    c.shot("05-programs-refused")
    check(("coord", "refused") in c.cluster.query(
        "SELECT user_name, action FROM audit_events WHERE submission_id = %s", (crash,)), "refusal audited")


def case_signup_csv(c):
    seminar = [("Ana Ruiz", "555-0101"), ("=HYPERLINK(\"http://evil\",\"x\")", "+1 555 0102"),
               ("<script>alert(1)</script>", "@SUM(1)")]
    for name, phone in seminar:
        c.submit("signup", payload("signup", {"name": name, "phone": phone}, SIGNUP_LABELS),
                 program_id="seniors", event_id="thursday-seminar")
    c.submit("signup", payload("signup", {"name": "Other Event", "phone": "-5"}, SIGNUP_LABELS),
             program_id="seniors", event_id="friday-walk")
    d = c.browser_login("coord")
    rows = d.find_elements(By.CSS_SELECTOR, "#requests a.open")
    check(len(rows) == 4, "coord sees the four sign-ups, got %d" % len(rows))
    d.find_element(By.NAME, "event").send_keys("thursday-seminar")
    d.find_element(By.ID, "filter").click()
    wait_for(d, lambda drv: "event=" in drv.current_url, "the page with event= loads")
    check(len(d.find_elements(By.CSS_SELECTOR, "#requests a.open")) == 3, "filter by event")
    c.shot("06-inbox-signups")
    d.find_elements(By.CSS_SELECTOR, "#requests a.open")[0].click()
    wait_for(d, lambda drv: "/records/" in drv.current_url, "a sign-up opens")
    check(not d.find_elements(By.TAG_NAME, "script"), "no script element on a sign-up page")

    http = Http(c.base)
    http.cookies["inbox_session"] = d.get_cookie("inbox_session")["value"]
    status, raw, headers = http.request("/signups.csv?event=thursday-seminar")
    check(status == 200 and headers["Content-Type"].startswith("text/csv"), "CSV: %s" % status)
    check("attachment" in headers["Content-Disposition"], "CSV downloads as a file")
    table = list(csv.reader(io.StringIO(raw.decode())))
    check(table[0] == ["received_at", "confirmation_code", "program_id", "event_id", "event_tag",
                       "Your name", "Phone"], "CSV header from the records' labels: %s" % table[0])
    names = sorted(r[5] for r in table[1:])
    check(len(table) == 4 and names == sorted(["Ana Ruiz", "'=HYPERLINK(\"http://evil\",\"x\")",
                                               "<script>alert(1)</script>"]),
          "the seminar's three sign-ups, formulas neutralised: %s" % table)
    phones = sorted(r[6] for r in table[1:])
    check(phones == sorted(["555-0101", "'+1 555 0102", "'@SUM(1)"]), "+ and @ neutralised: %s" % phones)
    check(c.cluster.query("SELECT count(*) FROM audit_events WHERE action = 'csv' AND user_name = 'coord'")[0][0] == 1,
          "the CSV download is audited")
    # The records role may not export sign-ups.
    clerk = Http(c.base)
    check(clerk.login("clerk", PASSWORD["clerk"]) == 303, "clerk logs in")
    check(clerk.request("/signups.csv?event=thursday-seminar")[0] == 403, "records role: no sign-up CSV")


def case_security(c):
    rid = c.submit("records_request", payload("records_request", {"name": "Ana"}, {}))
    clerk = Http(c.base)
    # Login itself needs the login form's token.
    check(clerk.request("/login", {"name": "clerk", "password": PASSWORD["clerk"]})[0] == 403,
          "a login POST without its CSRF token is refused")
    check(clerk.login("clerk", PASSWORD["clerk"]) == 303, "clerk logs in")
    token = clerk.csrf()
    check(token, "the inbox page carries a CSRF token")
    check(clerk.request("/records/%s/status" % rid, {"status": "closed"})[0] == 403,
          "a status POST without the CSRF token is refused")
    check(clerk.request("/records/%s/status" % rid, {"status": "closed", "csrf": "0" * 64})[0] == 403,
          "a status POST with a wrong CSRF token is refused")
    check(c.cluster.query("SELECT status FROM submissions WHERE id = %s", (rid,))[0][0] == "received",
          "refused POSTs changed nothing")
    check(clerk.request("/records/%s/status" % rid, {"status": "in_progress", "csrf": token})[0] == 303,
          "with the token the change is accepted")
    # Cookie attributes (secure_cookies = false in this test: no Secure).
    status, _, headers = Http(c.base).request("/login", None)
    set_cookie = headers.get("Set-Cookie")
    check("HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie and "Secure" not in set_cookie,
          "cookie flags (secure_cookies = false here): %s" % set_cookie)

    # A disabled user cannot log in, and their open session ends.
    c.add_user("temp", "records", "temporary-pass")
    temp = Http(c.base)
    check(temp.login("temp", "temporary-pass") == 303, "temp logs in")
    check(subprocess.run([c.binary, "--config", c.intake.config, "disable-user", "temp"],
                         stdout=subprocess.PIPE, timeout=60).returncode == 0, "disable-user")
    check(temp.request("/")[0] == 303, "a disabled user's session ends")
    check(Http(c.base).login("temp", "temporary-pass") == 401, "a disabled user cannot log in")
    d = c.browser_login("temp", "temporary-pass", refused=True)
    check(d.find_elements(By.ID, "login-error"), "the browser shows the login failure")
    c.shot("07-login-refused")

    # Per account: five wrong passwords lock it, even with the right one after.
    for i in range(5):
        check(Http(c.base, "198.51.100.%d" % i).login("coord", "wrong-password") == 401, "wrong password")
    check(Http(c.base, "198.51.100.50").login("coord", PASSWORD["coord"]) == 401, "the account is locked")
    subprocess.run([c.binary, "--config", c.intake.config, "reset-password", "coord"],
                   input="new-programs-pass\nnew-programs-pass\n", text=True, timeout=60, check=True,
                   stdout=subprocess.PIPE)
    check(Http(c.base, "198.51.100.51").login("coord", "new-programs-pass") == 303,
          "reset-password sets the password and lifts the lockout")

    # Per real client address behind the proxy (127.0.0.1 is trusted here).
    for i in range(10):
        check(Http(c.base, "203.0.113.9").login("nobody-%d" % i, "guess") == 401, "wrong login")
    check(Http(c.base, "203.0.113.9").login("boss", PASSWORD["boss"]) == 401,
          "that client address is locked out")
    check(Http(c.base, "203.0.113.10").login("boss", PASSWORD["boss"]) == 303,
          "another client behind the same proxy is not")


def case_fleet(c):
    quiet, chatty = rig.Kiosk(), rig.Kiosk()
    quiet_token = c.intake.add_kiosk("festival", quiet)
    chatty_token = c.intake.add_kiosk("library", chatty)
    beat = {"app_version": "0.1.0", "counts": {"pending": 3}, "oldest_pending_created_at": "2026-08-04T17:02:11Z",
            "last_error": "could not connect", "paused": False, "pin_lockouts_24h": 2, "demo": False}
    check(rig.post(c.serve_base, "/v1/heartbeat", dict(beat, kiosk_id=quiet.kiosk_id, heartbeat_minutes=5),
                   quiet_token)[0] == 204, "festival heartbeat")
    check(rig.post(c.serve_base, "/v1/heartbeat", dict(beat, kiosk_id=chatty.kiosk_id, heartbeat_minutes=60,
                                                         demo=True), chatty_token)[0] == 204, "library heartbeat")
    c.cluster.query("DELETE FROM kiosks WHERE name = 'lobby'")
    # On the virtual clock 20 minutes on: 4 of festival's 5-minute intervals, a third of library's.
    later = c.cluster.query("SELECT to_char((now() + interval '20 minutes') AT TIME ZONE 'UTC', "
                            "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")[0][0]
    c.procs[-1].send_signal(signal.SIGTERM)
    c.procs[-1].wait(10)
    c.base = c.inbox(test_now=later)
    d = c.browser_login("boss")
    d.get(c.base + "/fleet")
    rows = d.find_elements(By.CSS_SELECTOR, "#fleet tr[data-kiosk]")
    seen = [(r.get_attribute("data-kiosk"), r.get_attribute("class")) for r in rows]
    check(seen == [("festival", "silent"), ("library", "ok")],
          "the silent kiosk is red and first: %s at %s" % (seen, d.current_url))
    check("could not connect" in rows[0].text and "SILENT" in rows[0].text, "its details show")
    check(d.find_element(By.CSS_SELECTOR, "tr.silent td").value_of_css_property("background-color")
          == "rgba(255, 214, 214, 1)", "a silent row is red")
    c.shot("08-fleet-silent")
    # Without --test-clock the variable is ignored: on the real clock nobody is silent yet.
    plain = c.inbox()
    http = Http(plain)
    check(http.login("boss", PASSWORD["boss"]) == 303, "boss logs in")
    _, page, _ = http.request("/fleet")
    check(b'class="silent"' not in page, "KIOSK_INTAKE_TEST_NOW is honoured only with --test-clock")
    # Admin page: users and kiosks.
    d.get(c.base + "/admin")
    check("clerk" in d.find_element(By.ID, "users").text and "festival" in d.find_element(By.ID, "kiosks").text,
          "admin lists users and kiosks")
    c.shot("09-admin")
    # The records user cannot see the fleet.
    clerk = Http(c.base)
    clerk.login("clerk", PASSWORD["clerk"])
    check(clerk.request("/fleet")[0] == 403, "records role: no fleet page")


def case_real_kiosk(c):
    """A record typed on a real kiosk (`kiosk --submit`) sealed to a department key pair made with
    `kiosk --new-department-keys`, uploaded with `kiosk --sync-once`, opens in the inbox (given that
    pair's secret) with its marker, its code and the booth that collected it."""
    check(c.kiosk_binary, "real_kiosk needs --kiosk (the kiosk binary)")
    keys = os.path.join(c.tmp, "department")
    p = subprocess.run([c.kiosk_binary, "--new-department-keys", keys], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=60, env=dict(os.environ, HOME=c.tmp))
    check(p.returncode == 0, "kiosk --new-department-keys: %s" % p.stderr)
    public = open(os.path.join(keys, "department.public")).read().strip()
    # The intake accepts the new key and the inbox opens with its secret: fresh serve and inbox
    # processes read the changed config.
    with open(c.intake.config) as f:
        config = f.read()
    config = config.replace("accepted_public_keys = [", 'accepted_public_keys = ["%s", ' % public, 1)
    config = config.replace("department_secret_files = [", 'department_secret_files = ["%s", ' %
                            os.path.join(keys, "department.secret"), 1)
    with open(c.intake.config, "w") as f:
        f.write(config)
    _, serve_base = c.intake.serve()
    c.base = c.inbox()
    kiosk = rig.RealKiosk(c.kiosk_binary, c.tmp, "booth")
    kiosk.write_config(endpoint=serve_base, token=c.intake.add_kiosk("booth", kiosk), department_public_key=public)
    check(kiosk.status()["demo"] is False, "the kiosk seals to the department's key")
    marker = "RealKiosk%s" % os.urandom(5).hex()
    answers = dict(kiosk.answers_example("records_request"), purpose="copy for " + marker)
    code = kiosk.submit("records_request", answers, c.tmp)
    out = kiosk.run("--sync-once").stdout
    check("1 sent" in out, "the kiosk uploads its record: %s" % out.strip())

    d = c.browser_login("clerk")
    wait_for(d, lambda drv: drv.current_url.rstrip("/") == c.base, "clerk lands on the inbox")
    d.find_element(By.ID, "code").send_keys(code)
    d.find_element(By.ID, "filter").click()
    wait_for(d, lambda drv: "code=" in drv.current_url, "the page with code= loads")
    links = d.find_elements(By.CSS_SELECTOR, "#requests a.open")
    check(len(links) == 1, "the kiosk's confirmation code finds its request, got %d" % len(links))
    links[0].click()
    wait_for(d, lambda drv: marker in drv.find_element(By.TAG_NAME, "body").text,
             "the marker typed on the real kiosk shows on the opened record")
    body = d.find_element(By.TAG_NAME, "body").text
    check(code in body and "booth" in body, "the record shows its code and the collecting kiosk")
    check("Type of record" in body and "Incident report" in body,
          "the answers carry the kiosk form's own question and choice labels")
    c.shot("10-real-kiosk-record")


def case_quick_interest(c):
    """A booth's quick sign-up (issue 17) arrives as an ordinary sign-up whose sealed answers carry
    "quick_interest": "yes" with the kiosk's own label (kiosk/app/quick_interest.cpp): the opened
    record and the sign-up CSV show that flag from the record's labels, as they show any answer."""
    flag = "Quick interest (booth): only a name and one contact were asked"
    labels = {"first_name": {"en": "First name", "es": "Nombre"},
              "email": {"en": "Email address", "es": "Correo electrónico"},
              "quick_interest": {"en": flag,
                                 "es": "Interés rápido (caseta): solo se pidieron un nombre y un contacto"}}
    c.submit("signup", payload("signup", {"first_name": "Quick Visitor", "email": "qv@example.org",
                                          "quick_interest": "yes"}, labels),
             program_id="seniors", event_tag="Riverside Festival 2026")
    d = c.browser_login("coord")
    rows = d.find_elements(By.CSS_SELECTOR, "#requests a.open")
    check(len(rows) == 1, "coord sees the quick sign-up, got %d" % len(rows))
    rows[0].click()
    wait_for(d, lambda drv: "/records/" in drv.current_url, "the quick sign-up opens")
    body = d.find_element(By.TAG_NAME, "body").text
    check(flag in body and "Quick Visitor" in body, "the opened record shows the quick interest flag")
    c.shot("11-quick-interest")
    http = Http(c.base)
    http.cookies["inbox_session"] = d.get_cookie("inbox_session")["value"]
    status, raw, _ = http.request("/signups.csv?program=seniors")
    check(status == 200, "CSV: %s" % status)
    table = list(csv.reader(io.StringIO(raw.decode())))
    check(flag in table[0], "the CSV has the flag's column: %s" % table[0])
    check(table[1][table[0].index(flag)] == "yes", "the CSV row is flagged: %s" % table)


CASES = {"records_flow": (case_records_flow, {}), "signup_csv": (case_signup_csv, {}),
         "security": (case_security, {"trusted_proxies": ("127.0.0.1",)}), "fleet": (case_fleet, {}),
         "real_kiosk": (case_real_kiosk, {}), "quick_interest": (case_quick_interest, {})}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--screens", required=True)
    ap.add_argument("--kiosk", help="the kiosk binary (real_kiosk)")
    ap.add_argument("case", choices=sorted(CASES))
    a = ap.parse_args()
    fn, options = CASES[a.case]
    c = Case(a.binary, a.screens, **options)
    c.kiosk_binary = os.path.abspath(a.kiosk) if a.kiosk else None
    try:
        fn(c)
    except Exception:  # noqa: BLE001 - report any failure as the test's
        traceback.print_exc()
        print("0 passed, 1 FAILED")
        return 1
    finally:
        c.close()
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
