// The staff commands of the real `kiosk` binary: --set-pin through a stdin pipe, and the whole USB
// path — --submit into kiosk 1, --export, --import into a fresh kiosk 2, --sync-once to the test
// server — ending with each record on the server exactly once, also when both kiosks upload; and
// the stick attack replayed end to end: an altered records request refused by --import, then
// re-signed with a fresh key and forced past it, refused by the server (422), while the genuine
// record still arrives.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sodium.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/core/digest.h"
#include "kiosk/crypto/department_key.h"
#include "kiosk/crypto/record_signature.h"
#include "kiosk/crypto/seal.h"
#include "kiosk/staff/export_format.h"
#include "offline-cache/outbox.h"
#include "tests/support/kiosk_cli.h"
#include "tests/support/test_server.h"
#include "tests/support/upload_config.h"

using nlohmann::json;
namespace fs = std::filesystem;
using namespace kiosk::test_cli;  // Run, read_file, write_file, lines
using kiosk::sha256_hex;
using kiosk::test_upload::ScratchDir;
using kiosk::test_upload::TestServer;
using kiosk::test_upload::TestServerOptions;

namespace {

// A department key pair made by the real binary in `dir`/dept; the server holds its secret.
std::string make_department_keys(const ScratchDir& d) {
  Run k = kiosk::test_cli::run_kiosk({"--new-department-keys", d / "dept"},
                                     {.work = d.path(), .timeout_s = 60});
  INFO(k.err);
  REQUIRE(k.code == 0);
  return d / "dept";
}

// The kiosk's collector key (its signing-key file, made by its first run).
std::string collector_key(const std::string& data_dir) {
  return kiosk::crypto::KioskSigningKey::load_or_create(data_dir).public_key_base64();
}

// Runs the binary (bounded by `timeout 60`) with `stdin_text` as its stdin (empty: end of input at once).
Run run_kiosk(const ScratchDir& dir, const std::vector<std::string>& args,
              const std::string& stdin_text = "") {
  return kiosk::test_cli::run_kiosk(
      args,
      {.work = dir.path(), .config_home = dir / "xdg", .stdin_text = stdin_text, .timeout_s = 60});
}

}  // namespace

TEST_CASE("kiosk --set-pin reads the PIN twice from a pipe and stores only its Argon2id hash") {
  ScratchDir d("kiosk-staff-cli");
  const std::string data = d / "data";
  Run r = run_kiosk(d, {"--data-dir", data, "--set-pin"}, "73915046\n73915046\n");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find("staff PIN set") != std::string::npos);
  CHECK((r.out + r.err).find("73915046") == std::string::npos);
  {
    kiosk::store::Outbox box(data);
    auto hash = box.setting("staff_pin_hash");
    REQUIRE(hash);
    CHECK(hash->rfind("$argon2id$", 0) == 0);
  }
  for (const auto& e : fs::directory_iterator(data)) {
    if (e.is_regular_file()) CHECK(read_file(e.path()).find("73915046") == std::string::npos);
  }
  // Again: replaced (CRLF line ends are fine).
  r = run_kiosk(d, {"--data-dir", data, "--set-pin"}, "246802\r\n246802\r\n");
  CHECK(r.code == 0);
  CHECK(r.out.find("staff PIN replaced") != std::string::npos);
}

// Reads from the pty master until `needle` has appeared in `seen` (at most 30 s of real time: a
// bound, not a measurement). False on timeout or when the child closed the terminal.
bool read_until(int master, std::string& seen, const std::string& needle) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (seen.find(needle) == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{master, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[512];
    ssize_t n = read(master, buf, sizeof buf);
    if (n <= 0) return false;
    seen.append(buf, static_cast<size_t>(n));
  }
  return true;
}

namespace {

struct PtyChild {
  pid_t pid;
  int master;  // the terminal's master side: what the child writes, and its keyboard
};

// Starts `kiosk --data-dir <data> --set-pin` (XDG_CONFIG_HOME in `dir`) on a new pseudo-terminal.
PtyChild spawn_set_pin_on_pty(const ScratchDir& dir, const std::string& data) {
  const std::string xdg = "XDG_CONFIG_HOME=" + (dir / "xdg");
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    putenv(const_cast<char*>(xdg.c_str()));
    execl(KIOSK_BINARY, KIOSK_BINARY, "--data-dir", data.c_str(), "--set-pin",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return {pid, master};
}

}  // namespace

TEST_CASE("kiosk --set-pin on a terminal prompts and does not echo the PIN") {
  ScratchDir d("kiosk-staff-cli");
  const std::string data = d / "data";
  const auto [pid, master] = spawn_set_pin_on_pty(d, data);
  std::string seen;
  // The PIN is typed only after each prompt, once echo is off (the terminal echoes on arrival).
  const bool first = read_until(master, seen, "New staff PIN");
  if (first) CHECK(write(master, "582046\n", 7) == 7);
  const bool second = first && read_until(master, seen, "same PIN again");
  if (second) CHECK(write(master, "582046\n", 7) == 7);
  const bool done = second && read_until(master, seen, "staff PIN set");
  int status = 0;
  if (!done) kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  close(master);
  INFO(seen);
  CHECK(first);
  CHECK(second);
  CHECK(done);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(seen.find("582046") == std::string::npos);
}

TEST_CASE("Ctrl-C during kiosk --set-pin gives the terminal its echo back and changes nothing") {
  ScratchDir d("kiosk-staff-cli");
  const std::string data = d / "data";
  const auto [pid, master] = spawn_set_pin_on_pty(d, data);
  std::string seen;
  const bool prompted = read_until(master, seen, "New staff PIN");
  termios during{};
  const bool got_during = tcgetattr(master, &during) == 0;
  if (prompted) CHECK(write(master, "58\x03", 3) == 3);  // half a PIN, then Ctrl-C
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  pid_t waited = 0;
  while ((waited = waitpid(pid, &status, WNOHANG)) == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    char buf[256];
    pollfd p{master, POLLIN, 0};
    if (poll(&p, 1, 50) > 0 && read(master, buf, sizeof buf) > 0) continue;
  }
  if (waited == 0) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  termios after{};
  const bool got_after = tcgetattr(master, &after) == 0;
  close(master);
  INFO(seen);
  REQUIRE(prompted);
  REQUIRE(got_during);
  CHECK((during.c_lflag & ECHO) == 0);  // the prompt was up with echo off
  CHECK(waited == pid);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGINT);
  REQUIRE(got_after);
  CHECK((after.c_lflag & ECHO) != 0);  // and Ctrl-C gave it back
  kiosk::store::Outbox box(data);
  CHECK_FALSE(box.setting("staff_pin_hash").has_value());
}

TEST_CASE("kiosk --set-pin refuses a mismatch - a bad PIN - missing input - and a PIN in argv") {
  ScratchDir d("kiosk-staff-cli");
  const std::string data = d / "data";
  struct Case {
    const char* input;
    const char* words;
  };
  for (const Case& c :
       {Case{"123456\n654321\n", "the two PINs differ"}, Case{"12\n12\n", "6 to 12 digits"},
        Case{"2468\n2468\n", "6 to 12 digits"}, Case{"12ab56\n12ab56\n", "digits only"},
        Case{"1234\n", "expected the PIN twice"}, Case{"", "expected the PIN twice"}}) {
    Run r = run_kiosk(d, {"--data-dir", data, "--set-pin"}, c.input);
    INFO(c.input << " -> " << r.err);
    CHECK(r.code == 1);
    CHECK(r.err.find(c.words) != std::string::npos);
  }
  Run long_pin = run_kiosk(d, {"--data-dir", data, "--set-pin"},
                           std::string(10 * 1024, '7') + "\n" + std::string(10 * 1024, '7') + "\n");
  CHECK(long_pin.code == 1);
  CHECK(long_pin.err.find("6 to 12 digits") != std::string::npos);
  if (fs::exists(fs::path(data) / "kiosk.db")) {
    kiosk::store::Outbox box(data);
    CHECK_FALSE(box.setting("staff_pin_hash"));
  }
  Run argv = run_kiosk(d, {"--data-dir", data, "--set-pin=1234"});
  CHECK(argv.code == 2);
  CHECK(argv.err.find("takes no value") != std::string::npos);
}

TEST_CASE("export from kiosk 1 - import into kiosk 2 - upload: the server holds each record once") {
  ScratchDir d("kiosk-staff-cli");
  const std::string k1 = d / "kiosk1", k2 = d / "kiosk2", usb = d / "usb";
  fs::create_directories(usb);
  const std::string dept = make_department_keys(d);
  TestServer server(d / "server", {.department_secret_files = {dept + "/department.secret"}});
  const std::string config = write_upload_config(d, server, dept);

  // Three sign-ups entered on kiosk 1 (no network there: nothing uploads).
  Run ex = run_kiosk(d, {"--answers-example", "signup", "--program", "neighborhood-watch"});
  REQUIRE(ex.code == 0);
  const std::string marker = "Quillonmarker";  // in no byte of the stick, in every opened record
  {
    json answers = json::parse(ex.out);
    answers["first_name"] = marker;
    write_file(d / "answers.json", answers.dump());
  }
  for (int i = 0; i < 3; ++i) {
    Run s = run_kiosk(d, {"--data-dir", k1, "--config", config, "--submit", "signup", "--answers",
                          d / "answers.json", "--program", "neighborhood-watch"});
    INFO(s.err);
    REQUIRE(s.code == 0);
  }
  std::vector<std::string> ids;
  {
    kiosk::store::Outbox box(k1);
    for (const auto& s : box.list(kiosk::store::Status::Pending, 100)) ids.push_back(s.id);
  }
  REQUIRE(ids.size() == 3);
  {
    kiosk::store::Outbox box(k1);
    server.register_collector(box.kiosk_id(), collector_key(k1));
  }

  Run e = run_kiosk(d, {"--data-dir", k1, "--export", usb});
  INFO(e.out << e.err);
  REQUIRE(e.code == 0);
  auto out = lines(e.out);
  REQUIRE(out.size() == 3);
  CHECK(out[0] == "exported 3 pending record(s)");
  CHECK(fs::exists(out[1]));
  CHECK(fs::exists(out[2]));
  CHECK(out[1].find(usb + "/submissions-") == 0);
  CHECK(out[2].size() > 14);
  CHECK(out[2].compare(out[2].size() - 14, 14, ".manifest.json") == 0);
  const std::string jsonl = out[1];
  // No answer in clear on the stick.
  CHECK(read_file(jsonl).find(marker) == std::string::npos);
  CHECK(read_file(out[2]).find(marker) == std::string::npos);
  CHECK((fs::status(jsonl).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  {
    kiosk::store::Outbox box(k1);
    CHECK(box.counts().pending == 3);  // still pending, stamped
    for (const auto& id : ids) CHECK(box.get(id)->exported_at.has_value());
  }

  Run i1 = run_kiosk(d, {"--data-dir", k2, "--import", jsonl});
  INFO(i1.out << i1.err);
  REQUIRE(i1.code == 0);
  CHECK(i1.out == "imported: 3 added, 0 already present\n");
  Run i2 = run_kiosk(d, {"--data-dir", k2, "--import", jsonl});
  CHECK(i2.code == 0);
  CHECK(i2.out == "imported: 0 added, 3 already present\n");

  Run up2 = run_kiosk(d, {"--data-dir", k2, "--config", config, "--sync-once"});
  INFO(up2.out << up2.err);
  CHECK(up2.code == 0);
  // Kiosk 1 gets its network back and uploads the same records: the server dedupes them.
  Run up1 = run_kiosk(d, {"--data-dir", k1, "--config", config, "--sync-once"});
  INFO(up1.out << up1.err);
  CHECK(up1.code == 0);

  std::string kiosk1_id, kiosk2_id;
  {
    kiosk::store::Outbox one(k1), two(k2);
    kiosk1_id = one.kiosk_id();
    kiosk2_id = two.kiosk_id();
  }
  std::map<std::string, int> on_server;
  for (const auto& r : server.records()) {
    ++on_server[r["envelope"]["id"].get<std::string>()];
    // Kiosk 2 uploaded them (it was first); the envelope still names the booth that collected them.
    CHECK(r["envelope"]["kiosk_id"] == kiosk2_id);
    CHECK(r["envelope"]["collected_by_kiosk_id"] == kiosk1_id);
    CHECK(r["envelope"]["signer_kiosk_id"] == kiosk1_id);
    CHECK(r["opened"].dump().find(marker) != std::string::npos);  // the department reads it
  }
  CHECK(on_server.size() == 3);
  for (const auto& id : ids) CHECK(on_server[id] == 1);
  for (const std::string& dir : {k1, k2}) {
    kiosk::store::Outbox box(dir);
    auto c = box.counts();
    CHECK(c.sent == 3);
    CHECK(c.pending == 0);
  }
}

TEST_CASE("kiosk --export and --import fail in words with exit 1") {
  ScratchDir d("kiosk-staff-cli");
  const std::string data = d / "data", usb = d / "usb";
  fs::create_directories(usb);
  Run e = run_kiosk(d, {"--data-dir", data, "--export", d / "no-such-dir"});
  CHECK(e.code == 1);
  CHECK(e.err.find("No such folder") != std::string::npos);

  Run ok = run_kiosk(d, {"--data-dir", data, "--export", usb});
  REQUIRE(ok.code == 0);
  const std::string jsonl = lines(ok.out).at(1), manifest = lines(ok.out).at(2);
  write_file(jsonl, "{\"extra\":1}\n");  // the manifest says 0 bytes, 0 records and another hash
  Run bad = run_kiosk(d, {"--data-dir", d / "other", "--import", jsonl});
  CHECK(bad.code == 1);
  CHECK(bad.err.find("is 12 bytes but its manifest says 0 (added to)") != std::string::npos);
  // A format-1 export (answers in clear) is refused however whole it is.
  {
    auto m = json::parse(read_file(manifest));
    m["format_version"] = 1;
    write_file(manifest, m.dump());
  }
  Run old = run_kiosk(d, {"--data-dir", d / "other", "--import", jsonl});
  CHECK(old.code == 1);
  CHECK(old.err.find("export again from the collecting kiosk") != std::string::npos);
  fs::remove(manifest);
  Run none = run_kiosk(d, {"--data-dir", d / "other", "--import", jsonl});
  CHECK(none.code == 1);
  CHECK(none.err.find("No manifest") != std::string::npos);
  Run missing = run_kiosk(d, {"--data-dir", d / "other", "--import", d / "nothing.jsonl"});
  CHECK(missing.code == 1);
  Run usage = run_kiosk(d, {"--data-dir", data, "--import"});
  CHECK(usage.code == 2);
}

namespace {

// The attacker's pen: after changing the JSONL, recompute the manifest's size and hash and, when
// holding a key (never the exporting kiosk's), re-sign it with that key.
void fix_manifest(const std::string& path, const std::string& jsonl,
                  const kiosk::crypto::KioskSigningKey* key) {
  json j = json::parse(read_file(path));
  kiosk::staff::Manifest m;
  m.file = j["file"];
  m.kiosk_id = j["kiosk_id"];
  m.collector_public_key = j["collector_public_key"];
  m.app_version = j["app_version"];
  m.exported_at = j["exported_at"];
  m.count = j["count"];
  m.bytes = jsonl.size();
  m.sha256 = sha256_hex(jsonl);
  m.first_created_at = j["first_created_at"];
  m.last_created_at = j["last_created_at"];
  m.signature = j["signature"];
  if (key) {
    m.collector_public_key = key->public_key_base64();
    m.signature = kiosk::crypto::to_base64(key->sign(*kiosk::staff::manifest_signing_text(m)));
  }
  write_file(path, kiosk::staff::manifest_json(m));
}

}  // namespace

TEST_CASE(
    "The stick attack: an altered records request is refused by --import - forced past it with a "
    "fresh key the server answers 422 - the genuine record arrives") {
  ScratchDir d("kiosk-staff-cli");
  const std::string ka = d / "kioskA", kb = d / "kioskB", usb = d / "usb";
  fs::create_directories(usb);
  const std::string dept = make_department_keys(d);
  TestServer server(d / "server", {.department_secret_files = {dept + "/department.secret"}});
  const std::string config = write_upload_config(d, server, dept);
  auto dept_key = kiosk::crypto::read_department_public_file(dept + "/department.public");
  REQUIRE(dept_key.ok());

  Run ex = run_kiosk(d, {"--answers-example", "records_request"});
  REQUIRE(ex.code == 0);
  json answers = json::parse(ex.out);
  answers["delivery_email"] = "genuine.requester@example.org";
  write_file(d / "answers.json", answers.dump());
  Run s = run_kiosk(d, {"--data-dir", ka, "--config", config, "--submit", "records_request",
                        "--answers", d / "answers.json"});
  INFO(s.out << s.err);
  REQUIRE(s.code == 0);
  std::string kiosk_a;
  {
    kiosk::store::Outbox box(ka);
    kiosk_a = box.kiosk_id();
  }
  server.register_collector(kiosk_a, collector_key(ka));

  Run e = run_kiosk(d, {"--data-dir", ka, "--export", usb});
  INFO(e.out << e.err);
  REQUIRE(e.code == 0);
  const std::string jsonl = lines(e.out).at(1), manifest = lines(e.out).at(2);
  const std::string genuine_line = lines(read_file(jsonl)).at(0);
  const std::string id = json::parse(genuine_line)["id"];

  // On the stick: the answers re-sealed to the same department key with the attacker's address.
  answers["delivery_email"] = "attacker@example.net";
  json altered = json::parse(genuine_line);
  altered["sealed_payload"] =
      kiosk::crypto::to_base64(kiosk::crypto::seal(*dept_key, answers.dump()));
  const auto attacker = kiosk::crypto::KioskSigningKey::generate();

  // 1. Hash and size recomputed: the manifest's signature gives it away.
  std::string bad = altered.dump() + "\n";
  write_file(jsonl, bad);
  fix_manifest(manifest, bad, nullptr);
  Run i1 = run_kiosk(d, {"--data-dir", kb, "--import", jsonl});
  CHECK(i1.code == 1);
  CHECK(i1.err.find("manifest's signature does not match") != std::string::npos);
  // 2. The manifest re-signed with the attacker's key: the record's own signature gives it away.
  fix_manifest(manifest, bad, &attacker);
  Run i2 = run_kiosk(d, {"--data-dir", kb, "--import", jsonl});
  CHECK(i2.code == 1);
  CHECK(i2.err.find("line 1 (record " + id + "): the record's signature does not verify") !=
        std::string::npos);
  CHECK(i2.err.find("attacker@") == std::string::npos);

  // 3. The record re-signed with the attacker's fresh key as well: intact, so only a check of
  // authenticity refuses it. A kiosk that lists kiosk A's key does...
  kiosk::crypto::RecordSignedFields f;
  f.id = id;
  f.form_id = altered["form_id"];
  f.form_version = altered["form_version"];
  f.program_id = altered["program_id"].is_null() ? "" : altered["program_id"].get<std::string>();
  f.event_id = altered["event_id"].is_null() ? "" : altered["event_id"].get<std::string>();
  f.event_tag = altered["event_tag"].is_null() ? "" : altered["event_tag"].get<std::string>();
  f.created_at = altered["created_at"];
  f.collected_by_kiosk_id = altered["collected_by_kiosk_id"];
  f.signer_kiosk_id = altered["signer_kiosk_id"];
  f.sealed_to = altered["sealed_to"];
  f.sealed_payload = *kiosk::crypto::from_base64(altered["sealed_payload"].get<std::string>());
  altered["collector_public_key"] = attacker.public_key_base64();
  altered["signature"] = *kiosk::crypto::sign_record(attacker, f);
  bad = altered.dump() + "\n";
  write_file(jsonl, bad);
  fix_manifest(manifest, bad, &attacker);
  {
    const std::string trusting = d / "trusting.toml";
    write_file(trusting, "[privacy.trusted_collector_keys]\n\"" + kiosk_a + "\" = \"" +
                             collector_key(ka) + "\"\n");
    Run i3 = run_kiosk(d, {"--data-dir", kb, "--config", trusting, "--import", jsonl});
    INFO(i3.err);
    CHECK(i3.code == 1);
    CHECK(i3.err.find("is not listed with this key in [privacy] trusted_collector_keys") !=
          std::string::npos);
  }
  // ...one that does not, accepts it (integrity only) and uploads it: the server refuses it.
  Run i4 = run_kiosk(d, {"--data-dir", kb, "--import", jsonl});
  INFO(i4.err);
  REQUIRE(i4.code == 0);
  CHECK(i4.out == "imported: 1 added, 0 already present\n");
  Run up_b = run_kiosk(d, {"--data-dir", kb, "--config", config, "--sync-once"});
  INFO(up_b.out << up_b.err);
  {
    kiosk::store::Outbox box(kb);
    auto rec = box.get(id);
    REQUIRE(rec);
    CHECK(rec->status == kiosk::store::Status::Rejected);  // 422: kept for staff, never resent
  }
  auto stats = server.stats();
  INFO(stats.dump());
  CHECK(stats["by_status"]["422"] == 1);
  CHECK(server.records().empty());

  // Kiosk A gets its network back: the genuine record arrives and is stored.
  Run up_a = run_kiosk(d, {"--data-dir", ka, "--config", config, "--sync-once"});
  INFO(up_a.out << up_a.err);
  CHECK(up_a.code == 0);
  auto records = server.records();
  REQUIRE(records.size() == 1);
  CHECK(records[0]["envelope"]["id"] == id);
  CHECK(records[0]["envelope"]["signer_kiosk_id"] == kiosk_a);
  const std::string opened = records[0]["opened"].dump();
  CHECK(opened.find("genuine.requester@example.org") != std::string::npos);
  CHECK(opened.find("attacker@example.net") == std::string::npos);
  kiosk::store::Outbox box(ka);
  CHECK(box.get(id)->status == kiosk::store::Status::Sent);
}
