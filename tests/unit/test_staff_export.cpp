// USB export and import: file names, the manifest, never overwriting, refusing tampered files,
// importing twice without duplicates, exported_at stamped with records still pending, mounts.
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "kiosk/staff/export.h"
#include "test_outbox_util.h"

using namespace kiosk;
using namespace std::chrono_literals;
using outbox_test::read_bytes;
using outbox_test::TempDir;
using outbox_test::write_bytes;
using staff::export_pending;
using staff::ExportError;
using staff::import_export;

namespace {

Clock::Wall at(const char* rfc3339) {
  Clock::Wall t;
  REQUIRE(parse_rfc3339(rfc3339, t));
  return t;
}

struct Kiosk {
  TempDir dir{"staff-export"};
  VirtualClock clock{at("2026-08-04T18:00:00Z")};
  std::unique_ptr<store::Outbox> outbox = std::make_unique<store::Outbox>(dir.path(), clock);

  std::string submit(const std::string& payload, const std::string& tag = "") {
    store::NewSubmission s;
    s.form_id = "signup";
    s.program_id = "neighborhood-watch";
    s.event_tag = tag;
    s.payload_json = payload;
    std::string id = outbox->enqueue(s);
    clock.advance(1min);
    return id;
  }
};

std::string sha256_hex(const std::string& bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char out[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(out, sizeof out, h, sizeof h);
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    out.push_back(text.substr(start, nl - start));
  return out;
}

// The export step a forked child ends itself at, as a power cut would (set before the fork).
const char* g_power_cut_at = "";
constexpr int kCutExit = 77;

void power_cut(const char* step) {
  if (std::strcmp(step, g_power_cut_at) == 0) _exit(kCutExit);
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

TEST_CASE("Export writes every pending record as JSONL with a manifest that proves it") {
  REQUIRE(sodium_init() >= 0);
  Kiosk k;
  TempDir usb{"usb"};
  const std::string p1 = R"({"first_name":"Ana","note":"caf\u00e9 ☕","n":1.50})";
  const std::string id1 = k.submit(p1, "National Night Out 2026 — Riverside Park");
  const std::string id2 = k.submit(R"({"first_name":"Bo"})");
  const std::string id3 = k.submit(R"({"first_name":"Cy"})");
  REQUIRE(k.outbox->claim(id3));  // in flight right now: still exported
  const std::string sent = k.submit(R"({"first_name":"Di"})");
  k.outbox->mark_sent({{sent, "r-1"}});
  const std::string rejected = k.submit(R"({"first_name":"Ed"})");
  k.outbox->mark_rejected(rejected, "form retired");

  staff::ExportResult r = export_pending(*k.outbox, usb.path(), k.clock);
  CHECK(r.count == 3);
  const std::string stem = "submissions-" + k.outbox->kiosk_id() + "-20260804T180500Z";
  CHECK(r.jsonl_path == usb.file(stem + ".jsonl"));
  CHECK(r.manifest_path == usb.file(stem + ".manifest.json"));
  CHECK(std::regex_match(std::filesystem::path(r.jsonl_path).filename().string(),
                         std::regex("submissions-[0-9a-f-]{36}-[0-9]{8}T[0-9]{6}Z\\.jsonl")));
  CHECK(std::filesystem::path(r.manifest_path).filename().string().find(':') == std::string::npos);
  CHECK(outbox_test::files_starting_with(usb.path(), "").size() == 2);  // no temp files left

  const std::string jsonl = read_bytes(r.jsonl_path);
  auto lines = lines_of(jsonl);
  REQUIRE(lines.size() == 3);
  auto first = nlohmann::json::parse(lines[0]);
  CHECK(first["id"] == id1);
  CHECK(first["form_id"] == "signup");
  CHECK(first["form_version"] == 1);
  CHECK(first["program_id"] == "neighborhood-watch");
  CHECK(first["event_tag"] == "National Night Out 2026 — Riverside Park");
  CHECK(first["created_at"] == "2026-08-04T18:00:00Z");
  CHECK(first["kiosk_id"] == k.outbox->kiosk_id());
  CHECK(first["collected_by_kiosk_id"] == k.outbox->kiosk_id());
  CHECK(first["payload"]["first_name"] == "Ana");
  // The answers are carried byte for byte.
  CHECK(lines[0].find(",\"payload\":" + p1 + "}") != std::string::npos);
  CHECK(nlohmann::json::parse(lines[1])["event_tag"].is_null());
  CHECK(nlohmann::json::parse(lines[2])["id"] == id3);

  auto m = nlohmann::json::parse(read_bytes(r.manifest_path));
  CHECK(m["format"] == "community-kiosk-export");
  CHECK(m["format_version"] == staff::kExportFormatVersion);
  CHECK(m["count"] == 3);
  CHECK(m["bytes"] == jsonl.size());
  CHECK(m["sha256"] == sha256_hex(jsonl));
  CHECK(m["kiosk_id"] == k.outbox->kiosk_id());
  CHECK(m["app_version"] == KIOSK_VERSION);
  CHECK(m["exported_at"] == "2026-08-04T18:05:00Z");
  CHECK(m["first_created_at"] == "2026-08-04T18:00:00Z");
  CHECK(m["last_created_at"] == "2026-08-04T18:02:00Z");
  CHECK(m["file"] == stem + ".jsonl");

  // Records stay where they were, with exported_at stamped; the others are untouched.
  for (const auto& id : {id1, id2}) {
    auto s = k.outbox->get(id);
    CHECK(s->status == store::Status::Pending);
    CHECK(s->exported_at == std::optional<std::string>("2026-08-04T18:05:00Z"));
  }
  CHECK(k.outbox->get(id3)->status == store::Status::Sending);
  CHECK_FALSE(k.outbox->get(sent)->exported_at);
  CHECK_FALSE(k.outbox->get(rejected)->exported_at);
  auto ev = k.outbox->events(10);
  REQUIRE_FALSE(ev.empty());
  CHECK(ev.front().kind == "export");
  CHECK(ev.front().detail.find("Ana") == std::string::npos);
}

TEST_CASE("Export never overwrites an earlier export - not even in the same second") {
  Kiosk k;
  TempDir usb{"usb"};
  k.submit(R"({"a":1})");
  auto first = export_pending(*k.outbox, usb.path(), k.clock);
  const std::string first_bytes = read_bytes(first.jsonl_path);
  k.submit(R"({"a":2})");  // advances a minute: go back so the name would collide
  k.clock.jump_wall(-1min);
  auto second = export_pending(*k.outbox, usb.path(), k.clock);
  CHECK(second.jsonl_path != first.jsonl_path);
  CHECK(second.manifest_path != first.manifest_path);
  CHECK(second.jsonl_path.find("-2.jsonl") != std::string::npos);
  CHECK(second.count == 2);
  CHECK(read_bytes(first.jsonl_path) == first_bytes);
  // A stranger's file already holding the name is left alone too.
  auto third = export_pending(*k.outbox, usb.path(), k.clock);
  CHECK(third.jsonl_path.find("-3.jsonl") != std::string::npos);
  CHECK(outbox_test::files_starting_with(usb.path(), "submissions-").size() == 6);
}

TEST_CASE("Export with nothing pending writes an empty file and a manifest saying 0") {
  Kiosk k;
  TempDir usb{"usb"};
  auto r = export_pending(*k.outbox, usb.path(), k.clock);
  CHECK(r.count == 0);
  CHECK(read_bytes(r.jsonl_path).empty());
  auto m = nlohmann::json::parse(read_bytes(r.manifest_path));
  CHECK(m["count"] == 0);
  CHECK(m["first_created_at"].is_null());
}

TEST_CASE("Export to a missing or read-only folder fails in words and stamps nothing") {
  Kiosk k;
  const std::string id = k.submit(R"({"a":1})");
  TempDir usb{"usb"};
  CHECK_THROWS_AS(export_pending(*k.outbox, usb.file("not-there"), k.clock), ExportError);
  CHECK_THROWS_AS(export_pending(*k.outbox, "", k.clock), ExportError);
  // A folder nobody can create files in, root included (CI runs as root, where chmod stops nothing).
  CHECK_THROWS_AS(export_pending(*k.outbox, "/proc/self", k.clock), ExportError);
  CHECK_FALSE(k.outbox->get(id)->exported_at);
}

TEST_CASE(
    "Import adds the records by id - twice is no duplicate - the answers arrive byte for byte") {
  Kiosk a, b;
  TempDir usb{"usb"};
  const std::string payload = R"({"first_name":"Ana","z":1,"a":[1,2.50,"\u00e9"]})";
  const std::string id1 = a.submit(payload, "Booth 7");
  const std::string id2 = a.submit(R"({"first_name":"Bo"})");
  auto ex = export_pending(*a.outbox, usb.path(), a.clock);

  auto r = import_export(*b.outbox, ex.jsonl_path);
  CHECK(r.added == 2);
  CHECK(r.already_present == 0);
  auto s = b.outbox->get(id1);
  REQUIRE(s);
  CHECK(s->status == store::Status::Pending);
  CHECK(s->payload_json == payload);
  CHECK(s->form_id == "signup");
  CHECK(s->program_id == "neighborhood-watch");
  CHECK(s->event_tag == std::optional<std::string>("Booth 7"));
  CHECK(s->created_at == a.outbox->get(id1)->created_at);
  CHECK(s->exported_at.has_value());
  CHECK(s->next_attempt_at == format_rfc3339(b.clock.wall()));  // due now
  CHECK(b.outbox->counts().pending == 2);
  // Where it was collected travels with it, and on through a second kiosk's export.
  CHECK(s->collected_by == std::optional<std::string>(a.outbox->kiosk_id()));
  CHECK_FALSE(a.outbox->get(id1)->collected_by);  // its own records: NULL
  {
    Kiosk c;
    TempDir usb2{"usb2"};
    auto relay = export_pending(*b.outbox, usb2.path(), b.clock);
    CHECK(nlohmann::json::parse(lines_of(
              read_bytes(relay.jsonl_path))[0])["collected_by_kiosk_id"] == a.outbox->kiosk_id());
    CHECK(import_export(*c.outbox, relay.jsonl_path).added == 2);
    CHECK(c.outbox->get(id1)->collected_by == std::optional<std::string>(a.outbox->kiosk_id()));
    CHECK(c.outbox->get(id1)->payload_json == payload);
  }

  auto again = import_export(*b.outbox, ex.jsonl_path);
  CHECK(again.added == 0);
  CHECK(again.already_present == 2);
  CHECK(b.outbox->counts().pending == 2);

  // A record already there is left as it is (here: sent on this machine meanwhile).
  b.outbox->mark_sent({{id2, "r-9"}});
  auto third = import_export(*b.outbox, ex.jsonl_path);
  CHECK(third.already_present == 2);
  CHECK(b.outbox->get(id2)->status == store::Status::Sent);

  // Back into the exporting kiosk: everything is already there.
  auto home = import_export(*a.outbox, ex.jsonl_path);
  CHECK(home.added == 0);
  CHECK(home.already_present == 2);
  auto ev = b.outbox->events(10);
  REQUIRE_FALSE(ev.empty());
  CHECK(ev.front().kind == "import");
  CHECK(ev.front().detail.find("Ana") == std::string::npos);
}

TEST_CASE("Import refuses a tampered file or manifest and adds nothing") {
  Kiosk a, b;
  TempDir usb{"usb"};
  a.submit(R"({"first_name":"Ana"})");
  a.submit(R"({"first_name":"Bo"})");
  auto ex = export_pending(*a.outbox, usb.path(), a.clock);
  const std::string jsonl = read_bytes(ex.jsonl_path);
  const std::string manifest = read_bytes(ex.manifest_path);
  auto refused = [&](const std::string& words) {
    try {
      import_export(*b.outbox, ex.jsonl_path);
      FAIL("import accepted it");
    } catch (const ExportError& e) {
      CHECK_THAT(e.what(), Catch::Contains(words));
    }
    CHECK(b.outbox->counts().pending == 0);
  };

  SECTION("one changed byte in the JSONL") {
    std::string bad = jsonl;
    bad[bad.find("Ana")] = 'E';
    write_bytes(ex.jsonl_path, bad);
    refused("SHA-256");
  }
  SECTION("a line removed") {
    write_bytes(ex.jsonl_path, lines_of(jsonl)[0] + "\n");
    refused("SHA-256");
  }
  SECTION("the JSONL and the manifest's hash changed together but not the count") {
    std::string bad = lines_of(jsonl)[0] + "\n";
    write_bytes(ex.jsonl_path, bad);
    auto m = nlohmann::json::parse(manifest);
    m["sha256"] = sha256_hex(bad);
    write_bytes(ex.manifest_path, m.dump());
    refused("manifest says 2");
  }
  SECTION("a collecting kiosk that is not a kiosk id") {
    const std::string member = "\"collected_by_kiosk_id\":\"" + a.outbox->kiosk_id() + "\"";
    std::string bad = jsonl;
    bad.replace(bad.find(member), member.size(), "\"collected_by_kiosk_id\":\"somewhere\"");
    write_bytes(ex.jsonl_path, bad);
    auto m = nlohmann::json::parse(manifest);
    m["sha256"] = sha256_hex(bad);
    write_bytes(ex.manifest_path, m.dump());
    refused("collected_by_kiosk_id is not a kiosk id");
  }
  SECTION("the manifest's kiosk id differs from the file name") {
    auto m = nlohmann::json::parse(manifest);
    m["kiosk_id"] = b.outbox->kiosk_id();
    write_bytes(ex.manifest_path, m.dump());
    refused("kiosk id");
  }
  SECTION("a manifest that is not JSON") {
    write_bytes(ex.manifest_path, "{\"count\":");
    refused("not valid JSON");
  }
  SECTION("no manifest") {
    std::filesystem::remove(ex.manifest_path);
    refused("No manifest");
  }
  SECTION("an unknown format version") {
    auto m = nlohmann::json::parse(manifest);
    m["format_version"] = 99;
    write_bytes(ex.manifest_path, m.dump());
    refused("format version");
  }
  SECTION("a file that is not an export") {
    const std::string other = usb.file("notes.txt");
    write_bytes(other, "hello");
    CHECK_THROWS_AS(import_export(*b.outbox, other), ExportError);
    CHECK_THROWS_AS(import_export(*b.outbox, usb.file("submissions-x.jsonl")), ExportError);
  }
  SECTION("a line that is valid JSON but not a record (hash updated to match)") {
    std::string bad = lines_of(jsonl)[0] + "\n{\"id\":\"x\"}\n";
    write_bytes(ex.jsonl_path, bad);
    auto m = nlohmann::json::parse(manifest);
    m["sha256"] = sha256_hex(bad);
    write_bytes(ex.manifest_path, m.dump());
    refused("line 2");
  }
}

TEST_CASE("removable_volumes lists what is mounted under /media and /run/media") {
  TempDir d{"mounts"};
  const std::string mounts = d.file("mounts");
  write_bytes(mounts,
              "sysfs /sys sysfs rw,nosuid 0 0\n"
              "/dev/sda1 / ext4 rw,relatime 0 0\n"
              "/dev/sdb1 /media/staff/BOOTH\\040STICK vfat rw,nosuid,nodev 0 0\n"
              "/dev/sdc1 /run/media/kiosk/3A1F-0C22 exfat rw 0 0\n"
              "/dev/sdd1 /mediaplayer ext4 rw 0 0\n"
              "tmpfs /run/user/1000 tmpfs rw 0 0\n"
              "garbage\n"
              "\n");
  auto v = staff::removable_volumes(mounts);
  REQUIRE(v.size() == 2);
  CHECK(v[0].path == "/media/staff/BOOTH STICK");
  CHECK(v[0].label == "BOOTH STICK");
  CHECK(v[1].path == "/run/media/kiosk/3A1F-0C22");
  CHECK(v[1].label == "3A1F-0C22");
  CHECK(staff::removable_volumes(d.file("absent")).empty());
  // The real table is readable (what it holds depends on the machine).
  CHECK_NOTHROW(staff::removable_volumes());
}

TEST_CASE(
    "An export cut off after any step loses nothing - leaves no manifest without its file - and "
    "the next one works") {
  for (const char* cut :
       {"jsonl_written", "manifest_written", "jsonl_renamed", "manifest_renamed", "stamped"}) {
    DYNAMIC_SECTION("power cut after " << cut) {
      Kiosk k;
      std::vector<std::string> ids, payloads;
      for (int i = 0; i < 3; ++i) {
        payloads.push_back(R"({"n":)" + std::to_string(i) + "}");
        ids.push_back(k.submit(payloads.back()));
      }
      TempDir usb{"usb"};
      g_power_cut_at = cut;
      const pid_t pid = fork();
      REQUIRE(pid >= 0);
      if (pid == 0) {
        // The child's own connection: an SQLite connection must not cross a fork.
        VirtualClock clock{k.clock.wall()};
        try {
          store::Outbox box(k.dir.path(), clock);
          export_pending(box, usb.path(), clock, power_cut);
        } catch (...) {}
        _exit(0);  // only when the export never reached the step
      }
      int status = 0;
      REQUIRE(waitpid(pid, &status, 0) == pid);
      REQUIRE(WIFEXITED(status));
      REQUIRE(WEXITSTATUS(status) == kCutExit);  // the cut happened at that step

      // Nothing lost: every record pending with its answers.
      k.outbox = std::make_unique<store::Outbox>(k.dir.path(), k.clock);
      for (size_t i = 0; i < ids.size(); ++i) {
        auto s = k.outbox->get(ids[i]);
        REQUIRE(s);
        CHECK(s->status == store::Status::Pending);
        CHECK(s->payload_json == payloads[i]);
      }
      // A manifest only beside its whole file; a file without manifest is refused by import.
      const auto left = outbox_test::files_starting_with(usb.path(), "submissions-");
      int whole = 0, orphans = 0;
      for (const std::string& name : left) {
        const std::string path = usb.file(name);
        if (ends_with(name, ".manifest.json")) {
          const std::string jsonl =
              path.substr(0, path.size() - std::strlen(".manifest.json")) + ".jsonl";
          Kiosk reader;
          CHECK(import_export(*reader.outbox, jsonl).added == 3);
          ++whole;
        } else if (ends_with(name, ".jsonl") &&
                   !std::filesystem::exists(path.substr(0, path.size() - std::strlen(".jsonl")) +
                                            ".manifest.json")) {
          Kiosk reader;
          CHECK_THROWS_WITH(import_export(*reader.outbox, path),
                            Catch::Contains("No manifest beside the file"));
          CHECK(reader.outbox->counts().pending == 0);
          ++orphans;
        }
      }
      const bool manifest_landed =
          std::strcmp(cut, "manifest_renamed") == 0 || std::strcmp(cut, "stamped") == 0;
      CHECK(whole == (manifest_landed ? 1 : 0));
      CHECK(orphans == (std::strcmp(cut, "jsonl_renamed") == 0 ? 1 : 0));
      CHECK(static_cast<bool>(k.outbox->get(ids[0])->exported_at) ==
            (std::strcmp(cut, "stamped") == 0));

      // The next export replaces nothing the cut left and carries every record.
      std::vector<std::string> before;
      for (const std::string& name : left) before.push_back(read_bytes(usb.file(name)));
      auto again = export_pending(*k.outbox, usb.path(), k.clock);
      CHECK(again.count == 3);
      for (size_t i = 0; i < left.size(); ++i) CHECK(read_bytes(usb.file(left[i])) == before[i]);
      Kiosk other;
      CHECK(import_export(*other.outbox, again.jsonl_path).added == 3);
    }
  }
}

TEST_CASE(
    "Import reads files written before collected_by_kiosk_id: the exporting kiosk collected them") {
  Kiosk a, b;
  TempDir usb{"usb"};
  const std::string payload = R"({"first_name":"Ana","n":[1,2]})";
  const std::string id = a.submit(payload);
  auto ex = export_pending(*a.outbox, usb.path(), a.clock);
  // The file as an earlier kiosk version wrote it: the same line without the member.
  std::string old = read_bytes(ex.jsonl_path);
  const std::string member = ",\"collected_by_kiosk_id\":\"" + a.outbox->kiosk_id() + "\"";
  REQUIRE(old.find(member) != std::string::npos);
  old.erase(old.find(member), member.size());
  write_bytes(ex.jsonl_path, old);
  auto m = nlohmann::json::parse(read_bytes(ex.manifest_path));
  m["sha256"] = sha256_hex(old);
  m["bytes"] = old.size();
  write_bytes(ex.manifest_path, m.dump());

  CHECK(import_export(*b.outbox, ex.jsonl_path).added == 1);
  CHECK(b.outbox->get(id)->collected_by == std::optional<std::string>(a.outbox->kiosk_id()));
  CHECK(b.outbox->get(id)->payload_json == payload);
}
