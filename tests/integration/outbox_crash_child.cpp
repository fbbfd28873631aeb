// outbox_crash_child: a small headless process for the outbox's kill -9 and fault tests (no UI).
//   outbox_crash_child loop DIR RUN            enqueue forever; print "<id> <run> <n>" after each COMMIT
//   outbox_crash_child churn DIR RUN           enqueue, send, erase (purge_sent) and discard forever;
//                                              print "saved|erased|discarded <id> <run> <n>" after each
//   outbox_crash_child enqueue-once DIR [OPT]  one enqueue; print "ok <id>" or "error <kind> <message>"
// OPT: --read-only (URI mode=ro), --busy-timeout MS, --fsize-limit BYTES (RLIMIT_FSIZE: the OS
// refuses to grow any file past BYTES, as a full disk would).
// Exit: 0 ok, 1 StoreError, 2 usage.
#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kiosk/core/log.h"
#include "offline-cache/outbox.h"
#include "tests/integration/outbox_crash_payload.h"

namespace {

using namespace kiosk::store;

int loop(const std::string& dir, int run) {
  Outbox box(dir);
  for (int n = 0;; ++n) {
    NewSubmission s;
    s.form_id = "signup";
    s.program_id = outbox_crash::tag(run, n);
    s.payload_json = outbox_crash::expected_payload(run, n);
    const std::string id = box.enqueue(s);
    // Printed only after enqueue returned, i.e. after COMMIT: the parent counts this id as confirmed.
    std::printf("%s %d %d\n", id.c_str(), run, n);
    std::fflush(stdout);
  }
}

// Exercises the erasing paths (secure_delete, WAL checkpoint TRUNCATE) so kills land inside them too.
int churn(const std::string& dir, int run) {
  Outbox box(dir);
  box.reset_sending();  // a kill between claim and mark_sent leaves a row sending
  for (int n = 0;; ++n) {
    NewSubmission s;
    s.form_id = "signup";
    s.program_id = outbox_crash::tag(run, n);
    s.payload_json = outbox_crash::expected_payload(run, n);
    const std::string id = box.enqueue(s);
    std::printf("saved %s %d %d\n", id.c_str(), run, n);
    std::fflush(stdout);
    if (n % 3 == 1) {
      if (!box.claim(id)) return 3;
      box.mark_sent({{id, "R-" + outbox_crash::tag(run, n)}});
      if (box.purge_sent(0) < 1) return 3;  // erases every sent payload, this one included
      std::printf("erased %s %d %d\n", id.c_str(), run, n);
      std::fflush(stdout);
    } else if (n % 3 == 2) {
      if (!box.discard(id)) return 3;
      std::printf("discarded %s %d %d\n", id.c_str(), run, n);
      std::fflush(stdout);
    }
  }
}

int enqueue_once(const std::string& dir, int argc, char** argv) {
  OutboxOptions opts;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--read-only") {
      opts.read_only = true;
    } else if (a == "--busy-timeout" && i + 1 < argc) {
      opts.busy_timeout_ms = std::atoi(argv[++i]);
    } else if (a == "--fsize-limit" && i + 1 < argc) {
      rlimit lim{};
      lim.rlim_cur = lim.rlim_max = std::strtoull(argv[++i], nullptr, 10);
      std::signal(SIGXFSZ,
                  SIG_IGN);  // a write past the limit fails with EFBIG instead of killing us
      if (setrlimit(RLIMIT_FSIZE, &lim) != 0) return 2;
    } else {
      return 2;
    }
  }
  Outbox box(dir, kiosk::process_clock(), opts);
  NewSubmission s;
  s.form_id = "signup";
  s.payload_json = outbox_crash::expected_payload(0, 11);  // 9 kB: a payload spanning several pages
  std::printf("ok %s\n", box.enqueue(s).c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  kiosk::log::Options lo;
  lo.level =
      kiosk::log::Level::Error;  // quiet: the parent reads stdout; stderr shows real failures
  kiosk::log::init(lo);
  const std::string cmd = argc > 1 ? argv[1] : "";
  try {
    if (cmd == "loop" && argc == 4) return loop(argv[2], std::atoi(argv[3]));
    if (cmd == "churn" && argc == 4) return churn(argv[2], std::atoi(argv[3]));
    if (cmd == "enqueue-once" && argc >= 3) return enqueue_once(argv[2], argc - 3, argv + 3);
  } catch (const StoreError& e) {
    std::printf("error %s %s\n", error_kind_name(e.kind), e.what());
    return 1;
  }
  std::fprintf(stderr,
               "usage: outbox_crash_child loop|churn DIR RUN | enqueue-once DIR [--read-only] "
               "[--busy-timeout MS] [--fsize-limit N]\n");
  return 2;
}
