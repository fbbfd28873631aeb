// No personal data in logs, stdout or stderr: every form (crash report, records request, the
// sign-up of every program that takes them) is completed through the real `kiosk --submit` with a
// unique marker in every text answer the form accepts it in, at log level debug, then refused once
// (a bad answer beside the markers), uploaded with --sync-once to a test server and counted with
// --status. The marker must be in the database (so this test can fail) and nowhere in kiosk.log,
// kiosk.log.1 or any command's output. The GUI's side is checked by the UI form scripts
// ("# private:" lines) and test_gui_signals (a marker typed through the touch UI).
#include <catch2/catch.hpp>

#include "kiosk/crypto/signing_key.h"
#include "tests/support/sealed_rows.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "gui_process.h"
#include "kiosk/content/catalogue.h"
#include "offline-cache/outbox.h"
#include "tests/support/test_server.h"

using nlohmann::json;
using namespace std::chrono;
using kiosk::test_gui::Child;
using kiosk::test_gui::slurp;
namespace fs = std::filesystem;
using kiosk::test_upload::ScratchDir;
using kiosk::test_upload::TestServer;

namespace {

// A word no form, log line or library message contains by chance: 'Q' and 11 random letters.
std::string make_marker() {
  std::random_device rd;
  std::string m = "Q";
  for (int i = 0; i < 11; ++i) m += static_cast<char>('a' + rd() % 26);
  return m;
}

struct Kiosk {
  ScratchDir dir{"kiosk-privacy-test"};
  std::string config = dir / "kiosk.toml";
  std::string outputs;  // every command's stdout and stderr, concatenated
  int runs = 0;

  int run(const std::vector<std::string>& args, std::string* out = nullptr) {
    std::vector<std::string> argv = {KIOSK_BINARY, "--config", config, "--data-dir", dir / "data"};
    argv.insert(argv.end(), args.begin(), args.end());
    const std::string o = dir / ("out" + std::to_string(runs)),
                      e = dir / ("err" + std::to_string(runs));
    ++runs;
    Child c(argv, {"HOME=" + dir.path()}, o, e);
    int rc = c.wait(seconds(60));
    outputs += slurp(o) + slurp(e);
    if (out) *out = slurp(o);
    return rc;
  }
  json example(const std::string& form, const std::string& program) {
    std::vector<std::string> args = {"--answers-example", form};
    if (!program.empty()) args.insert(args.end(), {"--program", program});
    std::string out;
    REQUIRE(run(args, &out) == 0);
    return json::parse(out);
  }
  int submit(const std::string& form, const std::string& program, const json& answers,
             std::string* out) {
    const std::string file = dir / "answers.json";
    std::ofstream(file) << answers.dump();
    std::vector<std::string> args = {"--submit", form, "--answers", file};
    if (!program.empty()) args.insert(args.end(), {"--program", program});
    return run(args, out);
  }
};

// Every string answer (nested objects too), as a JSON pointer, except the signature's strokes
// and the consent's text hash, which are not typed text.
void text_paths(const json& j, const std::string& at, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (auto& [k, v] : j.items())
      if (k != "signature" && k != "text_sha256") text_paths(v, at + "/" + k, out);
  } else if (j.is_string()) {
    out.push_back(at);
  }
}

// "mailing_address.zip: Enter ..." -> "/mailing_address/zip"
std::set<std::string> error_paths(const std::string& out) {
  std::set<std::string> paths;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string p = "/" + line.substr(0, colon);
    for (char& c : p)
      if (c == '.') c = '/';
    paths.insert(p);
  }
  return paths;
}

}  // namespace

TEST_CASE("a marker typed into every text answer of every form appears in no log and no output") {
  const std::string marker = make_marker();
  INFO("marker " << marker);
  Kiosk k;
  kiosk::test_upload::TestServerOptions so;
  so.department_secret_files = {kiosk::testing::test_department_secret_file()};
  TestServer server(k.dir / "server", so);
  std::ofstream(k.config) << "[log]\nlevel = \"debug\"\nmax_kb = 16\n[upload]\nendpoint = \""
                          << server.url() << "\"\ntoken = \"" << server.token() << "\"\n"
                          << kiosk::testing::test_department_config();

  std::vector<std::pair<std::string, std::string>> forms = {{"crash_report", ""},
                                                            {"records_request", ""}};
  for (const auto& p : kiosk::bundled_catalogue().programs)
    if (p.takes_signups) forms.emplace_back("signup", p.id);
  REQUIRE(forms.size() > 3);

  int marked_fields = 0;
  for (const auto& [form, program] : forms) {
    INFO(form << " " << program);
    const json example = k.example(form, program);
    std::vector<std::string> paths;
    text_paths(example, "", paths);
    json answers = example;
    for (const auto& p : paths) {
      const std::string key = p.substr(p.rfind('/') + 1);
      answers[json::json_pointer(p)] =
          key.find("email") != std::string::npos ? marker + "@example.net" : marker;
    }
    // Answers the form refuses in that shape (choices, phone numbers, ZIP codes, dates) go back
    // to the example's value; the free-text ones keep the marker.
    std::string out;
    int rc = k.submit(form, program, answers, &out);
    for (int round = 0; rc == 1 && round < 3; ++round) {
      for (const auto& p : error_paths(out)) {
        json::json_pointer ptr(p);
        if (example.contains(ptr)) answers[ptr] = example[ptr];
      }
      rc = k.submit(form, program, answers, &out);
    }
    INFO(out);
    REQUIRE(rc == 0);
    int kept = 0;
    for (const auto& p : paths)
      kept += answers[json::json_pointer(p)].get<std::string>().find(marker) != std::string::npos;
    CHECK(kept >= 1);  // every form has at least a name
    marked_fields += kept;

    // Refused once more, with the markers in place: the error report names fields, not answers.
    json bad = answers;
    bad["no_such_field"] = marker;
    CHECK(k.submit(form, program, bad, &out) == 1);
  }
  CHECK(marked_fields >= static_cast<int>(forms.size()) * 2);

  // The department registers this kiosk's id and collector key (kiosk --status shows both).
  {
    kiosk::store::Outbox box(k.dir / "data");
    server.register_collector(
        box.kiosk_id(),
        kiosk::crypto::KioskSigningKey::load_or_create(k.dir / "data").public_key_base64());
  }
  // Upload everything and count it, at log level debug.
  std::string out;
  CHECK(k.run({"--sync-once"}, &out) == 0);
  CHECK(server.stats().at("stored") == forms.size());
  CHECK(k.run({"--status"}, &out) == 0);

  // The department opens every record and finds the marker (so the greps below can fail) ...
  const json records = server.records();
  REQUIRE(records.size() == forms.size());
  for (const auto& r : records) {
    CHECK(r.at("protocol") == 2);
    CHECK(r.at("opened").dump().find(marker) != std::string::npos);
    CHECK(r.at("envelope").dump().find(marker) == std::string::npos);  // sealed on the way
  }
  {
    kiosk::store::Outbox box(k.dir / "data");
    auto rows = box.list(kiosk::store::Status::Sent, 1000);
    REQUIRE(rows.size() == forms.size());
    for (const auto& r : rows)
      CHECK(kiosk::testing::open_test(r.sealed_payload).find(marker) != std::string::npos);
  }
  // ... and no byte of any file in the data dir holds it: kiosk.db, -wal, -shm, logs, keys.
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(k.dir / "data")) {
    if (!e.is_regular_file()) continue;
    ++files;
    INFO(e.path().string());
    CHECK(slurp(e.path().string()).find(marker) == std::string::npos);
  }
  CHECK(files >= 3);
  // ... and said nowhere else. The log was written (at level debug, 16 KiB cap).
  const std::string log = slurp(k.dir / "data/kiosk.log") + slurp(k.dir / "data/kiosk.log.1");
  CHECK(log.find("submit: saved") != std::string::npos);
  CHECK(log.find("refused") != std::string::npos);
  CHECK(log.find(marker) == std::string::npos);
  CHECK(k.outputs.find(marker) == std::string::npos);
  CHECK(k.outputs.find("no_such_field") != std::string::npos);  // the outputs were captured
}
