// `kiosk-intake inbox`: the staff's web inbox (issue 13, docs/intake.md "Inbox"): login, the list
// of requests, a record opened with the department secret key, status changes, sign-up CSVs, the
// fleet and the admin page. Server-rendered HTML from ctemplate templates (inbox_pages.cpp) with
// automatic HTML escaping; no JavaScript.
//
// Invariant: this is the only process that reads [keys] department_secret_files; opened plaintext
// stays in wiped buffers and is never logged; every open is written to audit_events first.
#pragma once
#include "intake/config.h"

namespace intake {

// Serves until SIGTERM/SIGINT; prints "listening on HOST:PORT" once bound. With `test_clock` the
// fleet page's "now" is KIOSK_INTAKE_TEST_NOW (an RFC 3339 time) when that is set: tests only.
int run_inbox(const Config& config, bool test_clock);

}  // namespace intake
