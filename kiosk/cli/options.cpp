// Command-line parsing: each option once, mode options mutually exclusive, values checked.
#include "kiosk/cli/options.h"

#include <cstdio>
#include <map>

namespace kiosk {
namespace {

struct ModeOption {
  Mode mode;
  bool takes_arg;
};

const std::map<std::string, ModeOption>& mode_options() {
  static const std::map<std::string, ModeOption> m = {
      {"--help", {Mode::Help, false}},
      {"-h", {Mode::Help, false}},
      {"--version", {Mode::Version, false}},
      {"--script", {Mode::Script, true}},
      {"--check-content", {Mode::CheckContent, true}},
      {"--list-programs", {Mode::ListPrograms, false}},
      {"--list-forms", {Mode::ListForms, false}},
      {"--answers-example", {Mode::AnswersExample, true}},
      {"--submit", {Mode::Submit, true}},
      {"--status", {Mode::Status, false}},
      {"--sync-once", {Mode::SyncOnce, false}},
      {"--set-pin", {Mode::SetPin, false}},
      {"--export", {Mode::Export, true}},
      {"--import", {Mode::Import, true}},
      {"--new-department-keys", {Mode::NewDepartmentKeys, true}},
      {"--say", {Mode::Say, true}},
  };
  return m;
}

bool parse_size(const std::string& s, std::pair<int, int>& out) {
  int w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(s.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X'))
    return false;
  if (w < 320 || h < 240 || w > 16384 || h > 16384) return false;
  out = {w, h};
  return true;
}

}  // namespace

ParseResult parse_options(const std::vector<std::string>& args) {
  ParseResult r;
  Options& o = r.options;
  std::string mode_name;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    std::string value;
    bool has_inline = false;
    if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
      has_inline = true;
    }
    auto need_value = [&](std::string& dst) -> bool {
      if (has_inline) {
        dst = value;
        return true;
      }
      if (i + 1 >= args.size()) {
        r.error = a + ": expected a value after it";
        return false;
      }
      dst = args[++i];
      return true;
    };
    if (auto it = mode_options().find(a); it != mode_options().end()) {
      if (!mode_name.empty() && mode_name != a) {
        r.error = a + ": cannot be combined with " + mode_name;
        return r;
      }
      mode_name = a;
      o.mode = it->second.mode;
      if (it->second.takes_arg && !need_value(o.mode_arg)) return r;
      if (!it->second.takes_arg && has_inline) {
        r.error = a + ": takes no value";
        return r;
      }
    } else if (a == "--config") {
      if (!need_value(o.config_path)) return r;
    } else if (a == "--data-dir") {
      if (!need_value(o.data_dir)) return r;
    } else if (a == "--content") {
      if (!need_value(o.content_dir)) return r;
    } else if (a == "--answers") {
      if (!need_value(o.answers_file)) return r;
    } else if (a == "--program") {
      if (!need_value(o.program_id)) return r;
    } else if (a == "--wav") {
      if (!need_value(o.wav_file)) return r;
    } else if (a == "--event") {
      if (!need_value(o.event_id)) return r;
    } else if (a == "--bench-stats") {
      if (!need_value(o.bench_stats)) return r;
    } else if (a == "--screenshots") {
      if (!need_value(o.screenshot_dir)) return r;
    } else if (a == "--lang") {
      if (!need_value(o.lang)) return r;
      if (o.lang != "en" && o.lang != "es") {
        r.error = "--lang: expected en or es, got \"" + o.lang + "\"";
        return r;
      }
    } else if (a == "--windowed") {
      std::string v;
      if (!need_value(v)) return r;
      std::pair<int, int> size;
      if (!parse_size(v, size)) {
        r.error = "--windowed: expected WIDTHxHEIGHT such as 1280x800, got \"" + v + "\"";
        return r;
      }
      o.windowed = size;
    } else {
      r.error = "unknown option \"" + args[i] + "\" (see kiosk --help)";
      return r;
    }
  }
  if (o.mode == Mode::Submit && o.answers_file.empty())
    r.error = "--submit: expected --answers FILE.json as well";
  else if (o.mode != Mode::Submit && !o.answers_file.empty())
    r.error = "--answers: only with --submit";
  else if (o.mode != Mode::Submit && o.mode != Mode::AnswersExample && !o.program_id.empty())
    r.error = "--program: only with --submit or --answers-example";
  else if (o.mode == Mode::Say && o.mode_arg.empty())
    r.error = "--say: expected the text to speak";
  else if (o.mode == Mode::Say && o.wav_file.empty())
    r.error = "--say: expected --wav FILE.wav as well";
  else if (o.mode != Mode::Say && !o.wav_file.empty())
    r.error = "--wav: only with --say";
  else if (!o.event_id.empty() && (o.mode != Mode::Submit || o.program_id.empty()))
    r.error = "--event: only with --submit and --program (the event's program)";
  else if (o.mode != Mode::Script && !o.bench_stats.empty())
    r.error = "--bench-stats: only with --script (a test hook)";
  else if (o.mode != Mode::Script && !o.screenshot_dir.empty())
    r.error = "--screenshots: only with --script (a test hook)";
  return r;
}

std::string usage_text() {
  return R"(Usage: kiosk [OPTIONS]
Community Kiosk: a full-screen touch kiosk for a police department's community programs.

Run modes (one at most; default: the full-screen kiosk):
  --script FILE             run the kiosk driven by a test script (see docs/script-harness.md)
  --check-content DIR       validate a content bundle, print every error, exit 1 on any
  --list-programs           print the catalogue's programs as JSON (id, title, category, takes_signups)
  --list-forms              print the forms' ids, versions and titles as JSON
  --answers-example FORM_ID [--program ID]
                            print a complete, valid answers file for that form
  --submit FORM_ID --answers FILE.json [--program ID [--event EVENT_ID]]
                            validate answers and save them in the outbox (paper sign-up sheets);
                            --event: a sign-up for that upcoming event of the program
  --status                  print the outbox's state as JSON
  --sync-once               try to upload every pending record once, print a summary
  --set-pin                 set the staff PIN (6 to 12 digits), read twice from standard input
  --export DIR              write every pending record to DIR (JSONL + manifest), e.g. a USB stick
  --import FILE             add the records of an export (submissions-...jsonl) to this outbox
  --new-department-keys DIR make the department's key pair: DIR/department.public (for every
                            kiosk's config) and DIR/department.secret (never on a kiosk)
  --say TEXT --wav FILE.wav [--lang es]
                            write TEXT spoken by the kiosk's voice (espeak-ng) to a WAV file
  --help, -h                this text
  --version                 the version

Settings:
  --config FILE        TOML config (default $XDG_CONFIG_HOME/community-kiosk/kiosk.toml; absent = defaults)
  --data-dir DIR       where the kiosk writes its database and logs (default $XDG_DATA_HOME/community-kiosk)
  --content DIR        a content bundle to use instead of the bundled demo content
  --windowed WxH       a window of that size instead of full screen (development)
  --lang en|es         language for the first screen, for --list-programs and for --say

Test hooks (only with --script):
  --screenshots DIR    where the script's screenshots go (relative paths); the data dir otherwise
  --bench-stats FILE   write frame times and the process's memory (PSS) to FILE at exit (make bench)

Exit codes: 0 ok, 1 a failed check or operation, 2 bad usage, bad config or no display.
)";
}

}  // namespace kiosk
