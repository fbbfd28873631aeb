// kiosk --set-pin, --export DIR, --import FILE: the staff tasks that need no screen.
// The PIN is read from standard input only (never argv, which other users can see in ps), without
// echo when that is a terminal; every copy of it is wiped after use.
#include <signal.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <iterator>
#include <string>

#include "kiosk/cli/commands.h"
#include "kiosk/core/log.h"
#include "kiosk/forms/form_spec.h"
#include "kiosk/staff/export.h"
#include "kiosk/staff/pin_guard.h"
#include "offline-cache/outbox.h"

namespace kiosk {
namespace {

// Longer lines are read to their end but not kept: no PIN is this long.
constexpr std::size_t kMaxLine = 256;

struct WipedLine {
  std::string text;
  bool too_long = false;
  ~WipedLine() {
    if (!text.empty()) sodium_memzero(text.data(), text.size());
  }
};

// The terminal state NoEcho changed, for its signal handler: a signal that ends the command
// (Ctrl-C, a closed terminal, kill) must not leave the staff member's shell without echo.
termios g_echo_saved{};
volatile sig_atomic_t g_echo_off = 0;
constexpr int kEndingSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

extern "C" void restore_echo_and_end(int sig) {
  if (g_echo_off) tcsetattr(STDIN_FILENO, TCSANOW, &g_echo_saved);  // async-signal-safe
  signal(sig, SIG_DFL);
  raise(sig);  // ends the process as the signal would have
}

// Turns terminal echo off for its lifetime (no-op when stdin is not a terminal). Set before the
// first prompt and kept for both lines, with TCSANOW: flushing would drop what is typed right after
// a prompt appears. While echo is off, the ending signals restore it first.
class NoEcho {
 public:
  NoEcho() {
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &g_echo_saved) != 0) return;
    struct sigaction sa {};
    sa.sa_handler = restore_echo_and_end;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < std::size(kEndingSignals); ++i)
      sigaction(kEndingSignals[i], &sa, &old_[i]);
    termios quiet = g_echo_saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    g_echo_off = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
    active_ = true;
  }
  ~NoEcho() {
    if (!active_) return;
    if (g_echo_off) tcsetattr(STDIN_FILENO, TCSANOW, &g_echo_saved);
    g_echo_off = 0;
    for (size_t i = 0; i < std::size(kEndingSignals); ++i)
      sigaction(kEndingSignals[i], &old_[i], nullptr);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  struct sigaction old_[std::size(kEndingSignals)]{};
  bool active_ = false;
};

// One line from stdin, byte by byte with read(2) so no stdio buffer keeps a copy. False at end of
// input before any byte.
bool read_line(WipedLine& out) {
  bool any = false;
  for (;;) {
    char c = 0;
    ssize_t n = ::read(STDIN_FILENO, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return any;
    any = true;
    if (c == '\n') break;
    if (out.text.size() < kMaxLine)
      out.text += c;
    else
      out.too_long = true;
  }
  if (!out.text.empty() && out.text.back() == '\r') out.text.pop_back();
  return true;
}

bool prompt_and_read(const char* prompt, WipedLine& out) {
  const bool tty = isatty(STDIN_FILENO);
  if (tty) std::fprintf(stderr, "%s", prompt);
  const bool ok = read_line(out);
  if (tty) std::fprintf(stderr, "\n");  // the typed newline was not echoed
  return ok;
}

}  // namespace

int cmd_set_pin(const RunContext& ctx) {
  WipedLine first, second;
  NoEcho quiet;
  if (!prompt_and_read("New staff PIN (6 to 12 digits): ", first) ||
      !prompt_and_read("The same PIN again: ", second)) {
    std::fprintf(stderr,
                 "kiosk: --set-pin: expected the PIN twice on standard input, one per line; "
                 "nothing changed\n");
    return 1;
  }
  if (first.too_long) {
    std::fprintf(stderr,
                 "kiosk: --set-pin: The PIN must be 6 to 12 digits long. Nothing changed.\n");
    return 1;
  }
  if (std::string why = staff::PinGuard::check_new_pin(first.text); !why.empty()) {
    std::fprintf(stderr, "kiosk: --set-pin: %s Nothing changed.\n", why.c_str());
    return 1;
  }
  if (second.too_long || first.text.size() != second.text.size() ||
      sodium_memcmp(first.text.data(), second.text.data(), first.text.size()) != 0) {
    std::fprintf(stderr, "kiosk: --set-pin: the two PINs differ; nothing changed\n");
    return 1;
  }
  try {
    store::Outbox box(ctx.data_dir);
    staff::PinGuard guard(box, process_clock());
    const bool replaced = guard.is_set();
    guard.set_pin(first.text);
    std::printf("staff PIN %s in %s\n", replaced ? "replaced" : "set", box.path().c_str());
    log::info(replaced ? "staff: PIN replaced (kiosk --set-pin)"
                       : "staff: PIN set (kiosk --set-pin)");
    return 0;
  } catch (const store::StoreError& e) {
    std::fprintf(stderr, "kiosk: --set-pin: the outbox cannot be written: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kiosk: --set-pin: %s\n", e.what());
    return 1;
  }
}

int cmd_export(const RunContext& ctx) {
  try {
    store::Outbox box(ctx.data_dir);
    staff::ExportResult r = staff::export_pending(box, ctx.options.mode_arg, process_clock());
    std::printf("exported %d pending record(s)\n%s\n%s\n", r.count, r.jsonl_path.c_str(),
                r.manifest_path.c_str());
    if (r.skipped > 0)
      std::fprintf(stderr,
                   "kiosk: --export: %d pending record(s) left out (not sealed yet, or a stored "
                   "signature that does not verify; see the log); they stay pending here\n",
                   r.skipped);
    return 0;
  } catch (const staff::ExportError& e) {
    std::fprintf(stderr, "kiosk: --export: %s\n", e.what());
  } catch (const store::StoreError& e) {
    std::fprintf(stderr, "kiosk: --export: the outbox cannot be read: %s\n", e.what());
  }
  return 1;
}

int cmd_import(const RunContext& ctx) {
  try {
    store::Outbox box(ctx.data_dir);
    staff::ImportOptions options;
    for (const auto& v : forms::bundled_forms().versions()) options.known_forms.insert(v);
    options.trusted_collector_keys = ctx.config.trusted_collector_keys;
    staff::ImportResult r = staff::import_export(box, ctx.options.mode_arg, options);
    std::printf("imported: %d added, %d already present\n", r.added, r.already_present);
    return 0;
  } catch (const staff::ExportError& e) {
    std::fprintf(stderr, "kiosk: --import: %s\n", e.what());
  } catch (const store::StoreError& e) {
    std::fprintf(stderr, "kiosk: --import: the outbox cannot be written: %s\n", e.what());
  }
  return 1;
}

}  // namespace kiosk
