// Options: the kiosk's command line, parsed into one struct. Parsing never exits; main() decides.
// Every option is listed in usage_text() (kiosk --help) and README.md.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

enum class Mode {
  Gui,     // default: the full-screen kiosk (or --windowed)
  Script,  // --script FILE: the GUI driven by a test script
  Help,
  Version,
  CheckContent,       // --check-content DIR
  ListPrograms,       // --list-programs
  ListForms,          // --list-forms
  AnswersExample,     // --answers-example FORM_ID
  Submit,             // --submit FORM_ID --answers FILE [--program ID [--event ID]]
  Status,             // --status
  SyncOnce,           // --sync-once
  SetPin,             // --set-pin (the PIN twice on stdin)
  Export,             // --export DIR
  Import,             // --import FILE
  NewDepartmentKeys,  // --new-department-keys DIR (no config, no data dir)
  Say,                // --say TEXT --wav FILE [--lang es] (no config, no data dir)
};

struct Options {
  Mode mode = Mode::Gui;
  std::string config_path;  // --config; empty = default location, absent file allowed
  std::string data_dir;     // --data-dir; empty = default
  std::string content_dir;  // --content; empty = config's content_dir, else bundled
  std::optional<std::pair<int, int>> windowed;  // --windowed WxH
  std::string lang;                             // --lang en|es; empty = config
  std::string mode_arg;      // the argument of the mode option (DIR, FILE, FORM_ID)
  std::string answers_file;  // --answers FILE (with --submit)
  std::string program_id;    // --program ID (with --submit)
  std::string wav_file;      // --wav FILE (with --say)
  std::string event_id;      // --event EVENT_ID (with --submit and --program): a specific event
  // Test and benchmark hooks, accepted only with --script (never in a kiosk's normal run):
  std::string bench_stats;  // --bench-stats FILE: frame times and PSS written there at exit
  std::string
      screenshot_dir;  // --screenshots DIR: script screenshots may go here (and the data dir)
};

struct ParseResult {
  Options options;
  std::string error;  // empty = ok; else one line naming the option and what is expected
};

ParseResult parse_options(const std::vector<std::string>& args);
std::string usage_text();

}  // namespace kiosk
