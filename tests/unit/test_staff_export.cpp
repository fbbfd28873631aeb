// USB export and import, format 2: sealed and signed lines with no answers in clear, a manifest
// signed by the exporting kiosk, file names, never overwriting, importing twice without duplicates,
// exported_at stamped with records still pending, and every way a stick can be altered refused
// (the stick attack replayed: re-sealed answers with the hash recomputed, re-signed manifests,
// flipped bits, swapped keys, truncated and reordered files, hostile JSON), mounts.
#include <sodium.h>
#include <sys/stat.h>
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

#include "kiosk/core/digest.h"
#include "kiosk/crypto/record_signature.h"
#include "kiosk/crypto/seal.h"
#include "kiosk/staff/export.h"
#include "offline-cache/uuid.h"
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

// The forms a kiosk has, as cmd_import passes them.
const staff::ImportOptions kForms{{{"signup", 1}, {"records_request", 1}}, {}};

// The department's pair (the demo one: its secret is in tests/support, public by design).
crypto::DepartmentSecretKey demo_secret() {
  auto k = crypto::read_department_secret_file(std::string(KIOSK_SOURCE_DIR) +
                                               "/tests/support/demo-department.secret");
  REQUIRE(k.ok());
  return *k;
}

// A kiosk with its own data dir, outbox and signing key, saving records as the kiosk does:
// sealed to the department, signed by this kiosk, never in clear.
struct Kiosk {
  TempDir dir{"staff-export"};
  VirtualClock clock{at("2026-08-04T18:00:00Z")};
  std::unique_ptr<store::Outbox> outbox = std::make_unique<store::Outbox>(dir.path(), clock);
  crypto::KioskSigningKey key = crypto::KioskSigningKey::load_or_create(dir.path());

  std::string submit(const std::string& answers, const std::string& tag = "",
                     const std::string& form = "signup") {
    crypto::RecordSignedFields f;
    f.id = store::uuid_v4();
    f.form_id = form;
    f.form_version = 1;
    f.program_id = "neighborhood-watch";
    f.event_tag = tag;
    f.created_at = format_rfc3339(clock.wall());
    f.collected_by_kiosk_id = outbox->kiosk_id();
    f.signer_kiosk_id = outbox->kiosk_id();
    f.sealed_to = crypto::DepartmentPublicKey::demo().key_id();
    f.sealed_payload = crypto::seal(crypto::DepartmentPublicKey::demo(), answers);
    auto sig = crypto::sign_record(key, f);
    REQUIRE(sig.ok());
    store::NewSubmission s;
    s.id = f.id;
    s.created_at = f.created_at;
    s.form_id = f.form_id;
    s.form_version = f.form_version;
    s.program_id = f.program_id;
    s.event_tag = tag;
    s.sealed_payload = f.sealed_payload;
    s.sealed_to = f.sealed_to;
    s.signer_kiosk_id = f.signer_kiosk_id;
    s.collector_public_key = key.public_key_base64();
    s.signature = *sig;
    std::string id = outbox->enqueue(s);
    REQUIRE(id == f.id);
    clock.advance(1min);
    return id;
  }
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    out.push_back(text.substr(start, nl - start));
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// The manifest as written (a trusted file in these tests, so nlohmann may build a tree of it).
staff::Manifest manifest_of(const std::string& text) {
  auto j = nlohmann::json::parse(text);
  staff::Manifest m;
  m.file = j["file"];
  m.kiosk_id = j["kiosk_id"];
  m.collector_public_key = j["collector_public_key"];
  m.app_version = j["app_version"];
  m.exported_at = j["exported_at"];
  m.count = j["count"];
  m.bytes = j["bytes"];
  m.sha256 = j["sha256"];
  m.first_created_at = j["first_created_at"].is_null() ? "" : j["first_created_at"];
  m.last_created_at = j["last_created_at"].is_null() ? "" : j["last_created_at"];
  m.signature = j["signature"];
  return m;
}

// What an attacker with the stick does after changing the JSONL: recompute the byte count and hash
// and, when holding some signing key (never the exporting kiosk's), re-sign the manifest with it.
void fix_manifest(const std::string& manifest_path, const std::string& jsonl,
                  const crypto::KioskSigningKey* attacker = nullptr, long count_delta = 0) {
  staff::Manifest m = manifest_of(read_bytes(manifest_path));
  m.bytes = jsonl.size();
  m.sha256 = sha256_hex(jsonl);
  m.count = static_cast<uint64_t>(static_cast<long>(m.count) + count_delta);
  if (attacker) {
    m.collector_public_key = attacker->public_key_base64();
    m.signature = crypto::to_base64(attacker->sign(*staff::manifest_signing_text(m)));
  }
  write_bytes(manifest_path, staff::manifest_json(m));
}

// A line's member replaced by raw JSON text (the tests' own, trusted lines).
std::string with_member(const std::string& line, const std::string& name, const std::string& raw) {
  auto j = nlohmann::ordered_json::parse(line);
  j[name] = nlohmann::ordered_json::parse(raw);
  return j.dump();
}

std::string member(const std::string& line, const std::string& name) {
  return nlohmann::json::parse(line)[name].get<std::string>();
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

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace

TEST_CASE(
    "Export writes every pending record sealed and signed - never in clear - with a signed "
    "manifest") {
  REQUIRE(sodium_init() >= 0);
  Kiosk k;
  TempDir usb{"usb"};
  const std::string marker = "Zq7marker-Ana";
  const std::string id1 =
      k.submit(R"({"first_name":")" + marker + R"("})", "National Night Out 2026 — Riverside Park");
  const std::string id2 = k.submit(R"({"first_name":"Bo"})");
  const std::string id3 = k.submit(R"({"first_name":"Cy"})");
  REQUIRE(k.outbox->claim(id3));  // in flight right now: still exported
  const std::string sent = k.submit(R"({"first_name":"Di"})");
  k.outbox->mark_sent({{sent, "r-1"}});
  const std::string rejected = k.submit(R"({"first_name":"Ed"})");
  k.outbox->mark_rejected(rejected, "form retired");  // exported too, flagged (issue 11)

  staff::ExportResult r = export_pending(*k.outbox, usb.path(), k.clock);
  CHECK(r.count == 4);
  CHECK(r.skipped == 0);
  const std::string stem = "submissions-" + k.outbox->kiosk_id() + "-20260804T180500Z";
  CHECK(r.jsonl_path == usb.file(stem + ".jsonl"));
  CHECK(r.manifest_path == usb.file(stem + ".manifest.json"));
  CHECK(std::regex_match(std::filesystem::path(r.jsonl_path).filename().string(),
                         std::regex("submissions-[0-9a-f-]{36}-[0-9]{8}T[0-9]{6}Z\\.jsonl")));
  CHECK(outbox_test::files_starting_with(usb.path(), "").size() == 2);  // no temp files left
  CHECK(mode_of(r.jsonl_path) == 0600);
  CHECK(mode_of(r.manifest_path) == 0600);

  const std::string jsonl = read_bytes(r.jsonl_path);
  CHECK(jsonl.find(marker) == std::string::npos);
  CHECK(jsonl.find("first_name") == std::string::npos);
  CHECK(read_bytes(r.manifest_path).find(marker) == std::string::npos);
  auto lines = lines_of(jsonl);
  REQUIRE(lines.size() == 4);
  auto first = nlohmann::ordered_json::parse(lines[0]);
  std::vector<std::string> names;
  for (auto it = first.begin(); it != first.end(); ++it) names.push_back(it.key());
  CHECK(names == std::vector<std::string>{"id", "form_id", "form_version", "program_id", "event_id",
                                          "event_tag", "created_at", "kiosk_id",
                                          "collected_by_kiosk_id", "signer_kiosk_id", "sealed_to",
                                          "sealed_payload", "collector_public_key", "signature"});
  const auto stored = k.outbox->get(id1);
  CHECK(first["id"] == id1);
  CHECK(first["form_id"] == "signup");
  CHECK(first["form_version"] == 1);
  CHECK(first["program_id"] == "neighborhood-watch");
  CHECK(first["event_id"].is_null());
  CHECK(first["event_tag"] == "National Night Out 2026 — Riverside Park");
  CHECK(first["created_at"] == "2026-08-04T18:00:00Z");
  CHECK(first["kiosk_id"] == k.outbox->kiosk_id());
  CHECK(first["collected_by_kiosk_id"] == k.outbox->kiosk_id());
  CHECK(first["signer_kiosk_id"] == k.outbox->kiosk_id());
  CHECK(first["sealed_to"] == crypto::DepartmentPublicKey::demo().key_id());
  CHECK(first["sealed_payload"] == crypto::to_base64(stored->sealed_payload));
  CHECK(first["collector_public_key"] == k.key.public_key_base64());
  CHECK(first["signature"] == stored->signature);
  // The department opens it.
  auto opened =
      crypto::open_sealed(crypto::DepartmentPublicKey::demo(), demo_secret(),
                          *crypto::from_base64(first["sealed_payload"].get<std::string>()));
  REQUIRE(opened);
  CHECK(std::string(opened->begin(), opened->end()).find(marker) != std::string::npos);
  CHECK(nlohmann::json::parse(lines[1])["event_tag"].is_null());
  CHECK(nlohmann::json::parse(lines[2])["id"] == id3);
  CHECK_FALSE(nlohmann::json::parse(lines[2]).contains("rejected"));
  // The refused record: the same members, then the flag (outside what is signed).
  auto last = nlohmann::ordered_json::parse(lines[3]);
  CHECK(last["id"] == rejected);
  CHECK(last["rejected"] == true);
  CHECK(std::prev(last.end()).key() == "rejected");
  CHECK(last["signature"] == k.outbox->get(rejected)->signature);

  const std::string manifest_text = read_bytes(r.manifest_path);
  auto m = nlohmann::json::parse(manifest_text);
  CHECK(m["format"] == "community-kiosk-export");
  CHECK(m["format_version"] == 2);
  CHECK(m["count"] == 4);
  CHECK(m["bytes"] == jsonl.size());
  CHECK(m["sha256"] == sha256_hex(jsonl));
  CHECK(m["kiosk_id"] == k.outbox->kiosk_id());
  CHECK(m["collector_public_key"] == k.key.public_key_base64());
  CHECK(m["app_version"] == KIOSK_VERSION);
  CHECK(m["exported_at"] == "2026-08-04T18:05:00Z");
  CHECK(m["first_created_at"] == "2026-08-04T18:00:00Z");
  CHECK(m["last_created_at"] == "2026-08-04T18:04:00Z");
  CHECK(m["file"] == stem + ".jsonl");
  // The signed bytes, exactly as docs/staff.md spells them.
  const std::string signed_text = "community-kiosk export v2\n" + stem + ".jsonl\n" +
                                  k.outbox->kiosk_id() + "\n" + k.key.public_key_base64() + "\n" +
                                  KIOSK_VERSION + "\n2026-08-04T18:05:00Z\n4\n" +
                                  std::to_string(jsonl.size()) + "\n" + sha256_hex(jsonl) +
                                  "\n2026-08-04T18:00:00Z\n2026-08-04T18:04:00Z";
  CHECK(*staff::manifest_signing_text(manifest_of(manifest_text)) == signed_text);
  auto sig = crypto::from_base64(m["signature"].get<std::string>(), 64);
  REQUIRE(sig.ok());
  CHECK(crypto::verify(k.key.public_key(), signed_text, *sig));

  // Records stay where they were, with exported_at stamped; the others are untouched.
  for (const auto& id : {id1, id2}) {
    auto s = k.outbox->get(id);
    CHECK(s->status == store::Status::Pending);
    CHECK(s->exported_at == std::optional<std::string>("2026-08-04T18:05:00Z"));
  }
  CHECK(k.outbox->get(id3)->status == store::Status::Sending);
  CHECK_FALSE(k.outbox->get(sent)->exported_at);
  CHECK(k.outbox->get(rejected)->status == store::Status::Rejected);
  CHECK(k.outbox->get(rejected)->exported_at == std::optional<std::string>("2026-08-04T18:05:00Z"));
  auto ev = k.outbox->events(10);
  REQUIRE_FALSE(ev.empty());
  CHECK(ev.front().kind == "export");
}

TEST_CASE("A rejected record is exported flagged and stays rejected on the importing kiosk") {
  Kiosk k;
  TempDir usb{"usb"};
  const std::string pending = k.submit(R"({"a":1})");
  const std::string refused = k.submit(R"({"a":2})");
  k.outbox->mark_rejected(refused, "form retired");
  auto r = export_pending(*k.outbox, usb.path(), k.clock);
  CHECK(r.count == 2);
  auto ev = k.outbox->events(1);
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].detail.find("(1 rejected, flagged)") != std::string::npos);
  Kiosk b;
  CHECK(import_export(*b.outbox, r.jsonl_path, kForms).added == 2);
  CHECK(b.outbox->get(pending)->status == store::Status::Pending);
  auto got = b.outbox->get(refused);
  REQUIRE(got);
  CHECK(got->status == store::Status::Rejected);
  CHECK(got->sealed_payload == k.outbox->get(refused)->sealed_payload);
  // Staff at the importing kiosk decide, as for their own: Retry sends it.
  CHECK(b.outbox->retry_now(refused));
  CHECK(b.outbox->get(refused)->status == store::Status::Pending);
}

TEST_CASE("Export leaves out a pending record whose stored signature does not verify") {
  Kiosk k;
  TempDir usb{"usb"};
  const std::string good = k.submit(R"({"a":1})");
  store::NewSubmission bad;  // signed with another key than the one it names
  bad.id = store::uuid_v4();
  bad.created_at = format_rfc3339(k.clock.wall());
  bad.form_id = "signup";
  bad.sealed_payload = crypto::seal(crypto::DepartmentPublicKey::demo(), std::string("{}"));
  bad.sealed_to = crypto::DepartmentPublicKey::demo().key_id();
  bad.signer_kiosk_id = k.outbox->kiosk_id();
  bad.collector_public_key = k.key.public_key_base64();
  bad.signature = crypto::to_base64(crypto::KioskSigningKey::generate().sign("x"));
  k.outbox->enqueue(bad);
  auto r = export_pending(*k.outbox, usb.path(), k.clock);
  CHECK(r.count == 1);
  CHECK(r.skipped == 1);
  CHECK(k.outbox->get(good)->exported_at);
  CHECK_FALSE(k.outbox->get(bad.id)->exported_at);
  Kiosk b;
  CHECK(import_export(*b.outbox, r.jsonl_path, kForms).added == 1);
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
  // Each is whole and imports on its own name.
  Kiosk b;
  CHECK(import_export(*b.outbox, second.jsonl_path, kForms).added == 2);
}

TEST_CASE("Export with nothing pending writes an empty file and a signed manifest saying 0") {
  Kiosk k;
  TempDir usb{"usb"};
  auto r = export_pending(*k.outbox, usb.path(), k.clock);
  CHECK(r.count == 0);
  CHECK(read_bytes(r.jsonl_path).empty());
  auto m = nlohmann::json::parse(read_bytes(r.manifest_path));
  CHECK(m["count"] == 0);
  CHECK(m["first_created_at"].is_null());
  Kiosk b;
  auto i = import_export(*b.outbox, r.jsonl_path, kForms);
  CHECK(i.added == 0);
  CHECK(i.already_present == 0);
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
    "Import adds the records by id with their sealed bytes and signatures unchanged - twice "
    "is no duplicate") {
  Kiosk a, b;
  TempDir usb{"usb"};
  const std::string id1 = a.submit(R"({"first_name":"Ana"})", "Booth 7");
  const std::string id2 = a.submit(R"({"first_name":"Bo"})", "", "records_request");
  auto ex = export_pending(*a.outbox, usb.path(), a.clock);

  auto r = import_export(*b.outbox, ex.jsonl_path, kForms);
  CHECK(r.added == 2);
  CHECK(r.already_present == 0);
  auto s = b.outbox->get(id1);
  auto orig = a.outbox->get(id1);
  REQUIRE(s);
  CHECK(s->status == store::Status::Pending);
  CHECK(s->sealed_payload == orig->sealed_payload);
  CHECK(s->signature == orig->signature);
  CHECK(s->collector_public_key == a.key.public_key_base64());
  CHECK(s->signer_kiosk_id == a.outbox->kiosk_id());
  CHECK(s->sealed_to == orig->sealed_to);
  CHECK(s->payload_json.empty());
  CHECK(s->form_id == "signup");
  CHECK(b.outbox->get(id2)->form_id == "records_request");
  CHECK(s->program_id == "neighborhood-watch");
  CHECK(s->event_tag == std::optional<std::string>("Booth 7"));
  CHECK(s->created_at == orig->created_at);
  CHECK(s->exported_at.has_value());
  CHECK(s->next_attempt_at == format_rfc3339(b.clock.wall()));  // due now
  CHECK(b.outbox->counts().pending == 2);
  // Where it was collected travels with it, and on through a second kiosk's export: the relay
  // signs the manifest, the records keep the collecting kiosk's signatures.
  CHECK(s->collected_by == std::optional<std::string>(a.outbox->kiosk_id()));
  CHECK_FALSE(a.outbox->get(id1)->collected_by);  // its own records: NULL
  {
    Kiosk c;
    TempDir usb2{"usb2"};
    auto relay = export_pending(*b.outbox, usb2.path(), b.clock);
    CHECK(relay.count == 2);
    const auto line = lines_of(read_bytes(relay.jsonl_path))[0];
    CHECK(member(line, "collected_by_kiosk_id") == a.outbox->kiosk_id());
    CHECK(member(line, "kiosk_id") == b.outbox->kiosk_id());
    CHECK(member(line, "collector_public_key") == a.key.public_key_base64());
    CHECK(import_export(*c.outbox, relay.jsonl_path, kForms).added == 2);
    CHECK(c.outbox->get(id1)->collected_by == std::optional<std::string>(a.outbox->kiosk_id()));
    CHECK(c.outbox->get(id1)->sealed_payload == orig->sealed_payload);
    CHECK(c.outbox->get(id1)->signature == orig->signature);
  }

  auto again = import_export(*b.outbox, ex.jsonl_path, kForms);
  CHECK(again.added == 0);
  CHECK(again.already_present == 2);
  CHECK(b.outbox->counts().pending == 2);

  // A record already there is left as it is (here: sent on this machine meanwhile).
  b.outbox->mark_sent({{id2, "r-9"}});
  auto third = import_export(*b.outbox, ex.jsonl_path, kForms);
  CHECK(third.already_present == 2);
  CHECK(b.outbox->get(id2)->status == store::Status::Sent);

  // Back into the exporting kiosk: everything is already there.
  auto home = import_export(*a.outbox, ex.jsonl_path, kForms);
  CHECK(home.added == 0);
  CHECK(home.already_present == 2);
  auto ev = b.outbox->events(10);
  REQUIRE_FALSE(ev.empty());
  CHECK(ev.front().kind == "import");
}

TEST_CASE(
    "Import checks authenticity against [privacy] trusted_collector_keys when it lists keys") {
  Kiosk a, b;
  TempDir usb{"usb"};
  a.submit(R"({"first_name":"Ana"})");
  auto ex = export_pending(*a.outbox, usb.path(), a.clock);
  staff::ImportOptions o = kForms;
  SECTION("the collecting kiosk listed with its key: accepted") {
    o.trusted_collector_keys.emplace(a.outbox->kiosk_id(), a.key.public_key());
    CHECK(import_export(*b.outbox, ex.jsonl_path, o).added == 1);
  }
  SECTION("listed with another key: refused") {
    o.trusted_collector_keys.emplace(a.outbox->kiosk_id(),
                                     crypto::KioskSigningKey::generate().public_key());
    CHECK_THROWS_WITH(import_export(*b.outbox, ex.jsonl_path, o),
                      Catch::Contains("trusted_collector_keys"));
    CHECK(b.outbox->counts().pending == 0);
  }
  SECTION("not listed while others are: refused") {
    o.trusted_collector_keys.emplace(b.outbox->kiosk_id(), b.key.public_key());
    CHECK_THROWS_WITH(import_export(*b.outbox, ex.jsonl_path, o),
                      Catch::Contains("is not listed with this key"));
    CHECK(b.outbox->counts().pending == 0);
  }
}

TEST_CASE("Import refuses an altered stick, names the first bad record and adds nothing") {
  Kiosk a, b;
  TempDir usb{"usb"};
  const std::string id1 =
      a.submit(R"({"delivery_email":"ana@example.org"})", "", "records_request");
  const std::string id2 = a.submit(R"({"first_name":"Bo"})");
  const std::string id3 = a.submit(R"({"first_name":"Cy"})");
  auto ex = export_pending(*a.outbox, usb.path(), a.clock);
  const std::string jsonl = read_bytes(ex.jsonl_path);
  const std::string manifest = read_bytes(ex.manifest_path);
  const auto lines = lines_of(jsonl);
  REQUIRE(lines.size() == 3);
  const auto attacker = crypto::KioskSigningKey::generate();
  auto refused = [&](const std::string& words) {
    try {
      import_export(*b.outbox, ex.jsonl_path, kForms);
      FAIL("import accepted it");
    } catch (const ExportError& e) {
      CHECK_THAT(e.what(), Catch::Contains(words));
      CHECK_THAT(e.what(), Catch::Contains("nothing was imported"));
      // Never the file's text: no sealed bytes, no signature.
      CHECK(std::string(e.what()).find(member(lines[0], "signature")) == std::string::npos);
    }
    CHECK(b.outbox->counts().pending == 0);
  };
  // The stick attack: the records request's answers re-sealed to the same department key with the
  // attacker's delivery address; everything else on the line unchanged.
  const std::string resealed = with_member(
      lines[0], "sealed_payload",
      "\"" +
          crypto::to_base64(crypto::seal(crypto::DepartmentPublicKey::demo(),
                                         std::string(R"({"delivery_email":"evil@example.net"})"))) +
          "\"");

  SECTION("stick attack: re-sealed answers, the manifest's hash and size recomputed") {
    const std::string bad = joined({resealed, lines[1], lines[2]});
    write_bytes(ex.jsonl_path, bad);
    fix_manifest(ex.manifest_path, bad);
    refused("manifest's signature does not match");
  }
  SECTION("stick attack: the manifest re-signed with the attacker's key too") {
    const std::string bad = joined({resealed, lines[1], lines[2]});
    write_bytes(ex.jsonl_path, bad);
    fix_manifest(ex.manifest_path, bad, &attacker);
    refused("line 1 (record " + id1 + "): the record's signature does not verify");
  }
  SECTION("a flipped bit in a sealed payload") {
    std::string line = lines[1];
    auto sealed = *crypto::from_base64(member(line, "sealed_payload"));
    sealed[sealed.size() / 2] ^= 0x04;
    line = with_member(line, "sealed_payload", "\"" + crypto::to_base64(sealed) + "\"");
    const std::string bad = joined({lines[0], line, lines[2]});
    write_bytes(ex.jsonl_path, bad);
    refused("line 2 (record " + id2 + "): the record's signature does not verify");
  }
  SECTION("a flipped bit in a signature") {
    std::string line = lines[2];
    auto sig = *crypto::from_base64(member(line, "signature"));
    sig[5] ^= 0x01;
    line = with_member(line, "signature", "\"" + crypto::to_base64(sig) + "\"");
    const std::string bad = joined({lines[0], lines[1], line});
    write_bytes(ex.jsonl_path, bad);
    fix_manifest(ex.manifest_path, bad, &attacker);
    refused("line 3 (record " + id3 + "): the record's signature does not verify");
  }
  SECTION("a swapped collector key") {
    const std::string line =
        with_member(lines[0], "collector_public_key", "\"" + b.key.public_key_base64() + "\"");
    const std::string bad = joined({line, lines[1], lines[2]});
    write_bytes(ex.jsonl_path, bad);
    fix_manifest(ex.manifest_path, bad, &attacker);
    refused("line 1 (record " + id1 + "): the record's signature does not verify");
  }
  SECTION("the record re-signed with a fresh key: intact, so the department must refuse it") {
    // Integrity holds (key and signature agree); authenticity is the department's check, or this
    // kiosk's when trusted_collector_keys lists the collecting kiosk.
    auto line = nlohmann::ordered_json::parse(resealed);
    crypto::RecordSignedFields f;
    f.id = line["id"];
    f.form_id = line["form_id"];
    f.form_version = line["form_version"];
    f.program_id = line["program_id"];
    f.created_at = line["created_at"];
    f.collected_by_kiosk_id = line["collected_by_kiosk_id"];
    f.signer_kiosk_id = line["signer_kiosk_id"];
    f.sealed_to = line["sealed_to"];
    f.sealed_payload = *crypto::from_base64(line["sealed_payload"].get<std::string>());
    line["collector_public_key"] = attacker.public_key_base64();
    line["signature"] = *crypto::sign_record(attacker, f);
    const std::string bad = joined({line.dump(), lines[1], lines[2]});
    write_bytes(ex.jsonl_path, bad);
    fix_manifest(ex.manifest_path, bad, &attacker);
    staff::ImportOptions o = kForms;
    o.trusted_collector_keys.emplace(a.outbox->kiosk_id(), a.key.public_key());
    o.trusted_collector_keys.emplace(b.outbox->kiosk_id(), attacker.public_key());
    // The manifest now names the attacker's key for kiosk a: refused before any record.
    CHECK_THROWS_WITH(import_export(*b.outbox, ex.jsonl_path, o),
                      Catch::Contains("not listed with this key"));
    CHECK(b.outbox->counts().pending == 0);
    CHECK(import_export(*b.outbox, ex.jsonl_path, kForms).added == 3);  // integrity only
  }
  SECTION("a truncated line") {
    const std::string bad = jsonl.substr(0, jsonl.size() - 40);
    write_bytes(ex.jsonl_path, bad);
    refused("cut short");
  }
  SECTION("a truncated line with the manifest's size and hash recomputed") {
    const std::string bad = jsonl.substr(0, jsonl.size() - 40);
    write_bytes(ex.jsonl_path, bad);
    fix_manifest(ex.manifest_path, bad, &attacker);
    refused("line 3 has no line end");
  }
  SECTION("a reordered file") {
    write_bytes(ex.jsonl_path, joined({lines[1], lines[0], lines[2]}));
    refused("SHA-256 does not match");
  }
  SECTION("a line removed") {
    write_bytes(ex.jsonl_path, joined({lines[0], lines[1]}));
    refused("cut short");
  }
  SECTION("a line removed, size and hash recomputed, re-signed") {
    const std::string bad = joined({lines[0], lines[1]});
    write_bytes(ex.jsonl_path, bad);
    fix_manifest(ex.manifest_path, bad, &attacker);
    refused("manifest says 3");
  }
  SECTION("a line repeated") {
    const std::string bad = joined({lines[0], lines[1], lines[1]});
    write_bytes(ex.jsonl_path, bad);
    fix_manifest(ex.manifest_path, bad, &attacker);
    refused("line 3 (record " + id2 + "): the same record id as line 2");
  }
  SECTION("another kiosk's line slipped in") {
    const std::string line = with_member(lines[1], "kiosk_id", "\"" + b.outbox->kiosk_id() + "\"");
    const std::string bad = joined({lines[0], line, lines[2]});
    write_bytes(ex.jsonl_path, bad);
    fix_manifest(ex.manifest_path, bad, &attacker);
    refused("line 2 (record " + id2 + "): kiosk_id is not the exporting kiosk's");
  }
  SECTION("a form this kiosk does not have") {
    const std::string line = with_member(lines[1], "form_version", "7");
    const std::string bad = joined({lines[0], line, lines[2]});
    write_bytes(ex.jsonl_path, bad);
    fix_manifest(ex.manifest_path, bad, &attacker);
    refused("line 2 (record " + id2 + "): its form (and version 7) is not one this kiosk has");
  }
  SECTION("plaintext answers added to a line") {
    const std::string line = with_member(lines[1], "payload", "1");
    const std::string bad = joined({lines[0], line, lines[2]});
    write_bytes(ex.jsonl_path, bad);
    fix_manifest(ex.manifest_path, bad, &attacker);
    refused("line 2 (record " + id2 + "): holds plaintext answers");
  }
  SECTION("a nested value, a list, a repeated member, not JSON, not base64") {
    for (const auto& [line, words] : std::vector<std::pair<std::string, std::string>>{
             {with_member(lines[1], "event_id", R"({"a":{"b":1}})"), "nested object"},
             {with_member(lines[1], "event_id", "[1]"), "has a list"},
             {"[" + lines[1] + "]", "is not a JSON object"},
             {lines[1].substr(0, lines[1].size() - 1) + ",\"id\":\"x\"}", "repeats the member"},
             {lines[1].substr(0, 30), "is not valid JSON"},
             {with_member(lines[1], "sealed_payload", "\"@@@@\""), "sealed_payload is not"},
             {with_member(lines[1], "id", "\"not-a-uuid\""), "the record id is not a UUID"},
             {with_member(lines[1], "created_at", "\"yesterday\""), "created_at is not"},
             {with_member(lines[1], "form_version", "-1"), "form_version"},
             {with_member(lines[1], "signer_kiosk_id", "null"), "signer_kiosk_id is missing"}}) {
      INFO(words);
      const std::string bad = joined({lines[0], line, lines[2]});
      write_bytes(ex.jsonl_path, bad);
      fix_manifest(ex.manifest_path, bad, &attacker);
      refused("line 2");
      refused(words);
    }
  }
  SECTION("the manifest's kiosk id differs from the file name") {
    auto m = manifest_of(manifest);
    m.kiosk_id = b.outbox->kiosk_id();
    write_bytes(ex.manifest_path, staff::manifest_json(m));
    refused("kiosk id");
  }
  SECTION("the manifest's count changed") {
    auto m = manifest_of(manifest);
    m.count = 2;
    write_bytes(ex.manifest_path, staff::manifest_json(m));
    refused("manifest's signature does not match");
  }
  SECTION("a manifest that is not JSON") {
    write_bytes(ex.manifest_path, "{\"count\":");
    refused("not valid JSON");
  }
  SECTION("a manifest nested deep") {
    write_bytes(ex.manifest_path, std::string(30000, '[') + std::string(30000, ']'));
    refused("not a JSON object");
  }
  SECTION("no manifest") {
    std::filesystem::remove(ex.manifest_path);
    refused("No manifest");
  }
  SECTION("an unknown format version") {
    auto j = nlohmann::json::parse(manifest);
    j["format_version"] = 99;
    write_bytes(ex.manifest_path, j.dump());
    refused("format version");
  }
  SECTION("a format-1 (plaintext) export") {
    auto j = nlohmann::json::parse(manifest);
    j["format_version"] = 1;
    write_bytes(ex.manifest_path, j.dump());
    refused("export again from the collecting kiosk");
  }
  SECTION("a file that is not an export") {
    const std::string other = usb.file("notes.txt");
    write_bytes(other, "hello");
    CHECK_THROWS_AS(import_export(*b.outbox, other, kForms), ExportError);
    CHECK_THROWS_AS(import_export(*b.outbox, usb.file("submissions-x.jsonl"), kForms), ExportError);
  }
}

TEST_CASE("Import refuses a record over 256 KiB - a symlink - a folder - without reading it") {
  Kiosk a, b;
  TempDir usb{"usb"};
  a.submit(R"({"a":1})");
  auto ex = export_pending(*a.outbox, usb.path(), a.clock);
  const auto attacker = crypto::KioskSigningKey::generate();
  SECTION("one line of 300 KiB") {
    const std::string bad = std::string(300 * 1024, ' ') + "\n";
    write_bytes(ex.jsonl_path, bad);
    fix_manifest(ex.manifest_path, bad, &attacker);
    CHECK_THROWS_WITH(import_export(*b.outbox, ex.jsonl_path, kForms),
                      Catch::Contains("line 1 is longer than 256 KiB"));
  }
  SECTION("the file a symlink") {
    std::filesystem::rename(ex.jsonl_path, usb.file("real"));
    std::filesystem::create_symlink(usb.file("real"), ex.jsonl_path);
    CHECK_THROWS_WITH(import_export(*b.outbox, ex.jsonl_path, kForms),
                      Catch::Contains("symbolic link"));
  }
  SECTION("the manifest a symlink") {
    std::filesystem::rename(ex.manifest_path, usb.file("real"));
    std::filesystem::create_symlink(usb.file("real"), ex.manifest_path);
    CHECK_THROWS_WITH(import_export(*b.outbox, ex.jsonl_path, kForms),
                      Catch::Contains("symbolic link"));
  }
  SECTION("the file a folder") {
    std::filesystem::remove(ex.jsonl_path);
    std::filesystem::create_directory(ex.jsonl_path);
    CHECK_THROWS_WITH(import_export(*b.outbox, ex.jsonl_path, kForms), Catch::Contains("folder"));
  }
  CHECK(b.outbox->counts().pending == 0);
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
      std::vector<std::string> ids;
      std::vector<std::vector<unsigned char>> sealed;
      for (int i = 0; i < 3; ++i) {
        ids.push_back(k.submit(R"({"n":)" + std::to_string(i) + "}"));
        sealed.push_back(k.outbox->get(ids.back())->sealed_payload);
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
        CHECK(s->sealed_payload == sealed[i]);
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
          CHECK(import_export(*reader.outbox, jsonl, kForms).added == 3);
          ++whole;
        } else if (ends_with(name, ".jsonl") &&
                   !std::filesystem::exists(path.substr(0, path.size() - std::strlen(".jsonl")) +
                                            ".manifest.json")) {
          Kiosk reader;
          CHECK_THROWS_WITH(import_export(*reader.outbox, path, kForms),
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
      CHECK(import_export(*other.outbox, again.jsonl_path, kForms).added == 3);
    }
  }
}
