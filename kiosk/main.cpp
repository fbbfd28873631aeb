// kiosk: parses the command line and config, prepares the data dir, then runs one mode.
// The GUI modes live in ui/ (run_gui); headless modes in kiosk/cli/. This file is the composition
// root: the only file in kiosk/ that may include ui/ (docs/architecture.md).
#include <curl/curl.h>

#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/cli/commands.h"
#include "kiosk/core/instance_lock.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/log.h"
#include "kiosk/core/process_hardening.h"
#include "ui/app_runner.h"

namespace {

bool is_gui(kiosk::Mode m) { return m == kiosk::Mode::Gui || m == kiosk::Mode::Script; }

// What the GUI needs from the command line and config, in the UI's own terms.
kiosk::ui::GuiLaunch gui_launch(const kiosk::RunContext& ctx) {
  kiosk::ui::GuiLaunch g;
  g.config = ctx.config;
  g.config_errors = ctx.config_errors;
  g.data_dir = ctx.data_dir;
  g.content_dir = ctx.content_dir;
  g.lang = ctx.lang;
  g.windowed = ctx.options.windowed;
  if (ctx.options.mode == kiosk::Mode::Script) {
    g.script_path = ctx.options.mode_arg;
    g.bench_stats_path = ctx.options.bench_stats;
    g.screenshot_dir = ctx.options.screenshot_dir;
  }
  return g;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kiosk;
  // Before anything is read or written: no core dumps, no ptrace, files private (issue 11).
  const std::string hardening_warning = hardening::harden_process();
  const std::vector<std::string> args(argv + 1, argv + argc);
  ParseResult parsed = parse_options(args);
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "kiosk: %s\n", parsed.error.c_str());
    return 2;
  }
  // KIOSK_VIRTUAL_CLOCK is a test hook: the GUI honours it only under --script (a frozen clock
  // would stop the idle wipe on a real kiosk). Headless commands honour it too: they are one-shot
  // commands with no visitor timers, and the UI tests prepare data with them on the script's clock.
  const bool virtual_clock_ignored = allow_virtual_clock(parsed.options.mode != Mode::Gui);
  RunContext ctx;
  ctx.options = parsed.options;
  if (ctx.options.mode == Mode::Help) {
    std::fputs(usage_text().c_str(), stdout);
    return 0;
  }
  if (ctx.options.mode == Mode::Version) {
    std::printf("community-kiosk %s\n", KIOSK_VERSION);
    return 0;
  }
  // Needs no config and no data dir: it runs at the department, not on a kiosk.
  if (ctx.options.mode == Mode::NewDepartmentKeys) return cmd_new_department_keys(ctx);
  // An installer's check of the voice: no config and no data dir either.
  if (ctx.options.mode == Mode::Say) return cmd_say(ctx);

  bool explicit_config = !ctx.options.config_path.empty();
  std::string config_path = explicit_config ? ctx.options.config_path : default_config_path();
  ConfigResult cr = load_config(config_path, explicit_config);
  for (const auto& w : cr.warnings) std::fprintf(stderr, "kiosk: warning: %s\n", w.c_str());
  if (!cr.ok()) {
    if (!is_gui(ctx.options.mode)) {
      for (const auto& e : cr.errors) std::fprintf(stderr, "kiosk: config: %s\n", e.c_str());
      return 2;
    }
    ctx.config_errors = cr.errors;  // the GUI shows them on its Out of service screen
    cr.config = Config{};
  }
  ctx.config = cr.config;
  ctx.data_dir = ctx.options.data_dir.empty() ? default_data_dir() : ctx.options.data_dir;
  ctx.content_dir =
      ctx.options.content_dir.empty() ? ctx.config.content_dir : ctx.options.content_dir;
  ctx.lang = ctx.options.lang.empty() ? ctx.config.language : ctx.options.lang;

  switch (ctx.options.mode) {
    case Mode::CheckContent: return cmd_check_content(ctx);
    case Mode::ListPrograms: return cmd_list_programs(ctx);
    case Mode::ListForms: return cmd_list_forms(ctx);
    case Mode::AnswersExample: return cmd_answers_example(ctx);
    default: break;
  }

  if (std::string err = hardening::prepare_data_dir(ctx.data_dir, args); !err.empty()) {
    std::fprintf(stderr, "kiosk: %s\n", err.c_str());
    return 2;
  }
  log::Options lo;
  lo.file = ctx.data_dir + "/kiosk.log";
  log::parse_level(ctx.config.log_level, lo.level);
  lo.max_bytes = static_cast<std::size_t>(ctx.config.log_max_kb) * 1024;
  log::init(lo);
  for (const auto& w : cr.warnings) log::warn("config: " + w);
  for (const auto& e : ctx.config_errors) log::error("config: " + e);
  if (!hardening_warning.empty()) log::warn("hardening: " + hardening_warning);
  if (virtual_clock_ignored)
    log::warn(
        "KIOSK_VIRTUAL_CLOCK is set but ignored: the virtual clock is a test hook, honoured only "
        "with --script; running on the real clock");
  else if (process_virtual_clock() != nullptr && !is_gui(ctx.options.mode))
    log::info("running on the virtual clock (KIOSK_VIRTUAL_CLOCK, a test hook)");

  // One GUI per data dir (script mode too); headless modes run beside it (instance_lock.h).
  InstanceLock gui_lock;
  if (is_gui(ctx.options.mode)) {
    switch (gui_lock.try_acquire(ctx.data_dir)) {
      case InstanceLock::Result::Acquired: break;
      case InstanceLock::Result::Held:
        std::fprintf(stderr,
                     "kiosk: another kiosk is already running on the data dir %s%s; not starting a "
                     "second one\n",
                     ctx.data_dir.c_str(),
                     gui_lock.holder_pid() > 0
                         ? (" (pid " + std::to_string(gui_lock.holder_pid()) + ")").c_str()
                         : "");
        return 2;
      case InstanceLock::Result::Error:
        std::fprintf(stderr, "kiosk: %s\n", gui_lock.error().c_str());
        return 2;
    }
  }

  curl_global_init(CURL_GLOBAL_DEFAULT);  // once, before any thread (the sync engine's) starts
  int rc = 2;
  switch (ctx.options.mode) {
    case Mode::Gui:
    case Mode::Script: rc = ui::run_gui(gui_launch(ctx)); break;
    case Mode::Status: rc = cmd_status(ctx); break;
    case Mode::Submit: rc = cmd_submit(ctx); break;
    case Mode::SyncOnce: rc = cmd_sync_once(ctx); break;
    case Mode::SetPin: rc = cmd_set_pin(ctx); break;
    case Mode::Export: rc = cmd_export(ctx); break;
    case Mode::Import: rc = cmd_import(ctx); break;
    default:
      std::fprintf(stderr, "kiosk: this mode is not available in this build\n");
      rc = 2;
      break;
  }
  curl_global_cleanup();
  return rc;
}
