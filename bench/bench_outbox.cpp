// bench_outbox: the capture figures of `make bench` (bench/README.md, issue 3). Prints raw
// `key value` lines; bench/report.py turns them into the report.
//
//   bench_outbox latency DIR N FILL DEPARTMENT_PUBLIC_FILE
//                                Interleaved in blocks of 50, N of each, per-call times of:
//                                - plain save: Outbox::enqueue of the unsealed row (DIR/plain), the
//                                  save as it was before issue 10;
//                                - the same row as a raw sqlite3 INSERT+COMMIT into a database of
//                                  the same schema and pragmas (DIR/raw);
//                                - seal + sign + save: seal_submission (describe, crypto_box_seal
//                                  to the department key, Ed25519 signature) then enqueue, as the
//                                  kiosk's FormFlow saves now (DIR/kiosk, signing key made there).
//                                Then more sealed saves (not timed) until DIR/kiosk holds FILL
//                                pending records: the drain benchmark copies it, and the server
//                                must know `kiosk_id` and `collector_key` (printed) for v2.
//   bench_outbox size DIR        the size of DIR/kiosk's database (after the Outbox closed it)
//   bench_outbox forms DIR N DEPARTMENT_PUBLIC_FILE
//                                N form completions in one process (FormSession typed field by
//                                field, submission(), seal + sign, enqueue, wipe): RSS, heap in use and
//                                SQLite's share of it after the 1st, the Nth, the 3Nth and the 4Nth:
//                                SQLite's page cache grows with the file up to cache_size (2 MiB
//                                by default, full after ~2,300 of these), so 3N..4N shows what
//                                grows once it is full.
//
// The payload is a realistic sign-up: the bundled "signup" form composed for Neighborhood Watch,
// every field filled with fill_example_answers (invented data), as make_submission() builds it.
#include <malloc.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "kiosk/app/record_sealing.h"
#include "kiosk/content/catalogue.h"
#include "kiosk/core/clock.h"
#include "kiosk/forms/answers.h"
#include "kiosk/forms/answers_example.h"
#include "kiosk/forms/civil_date.h"
#include "kiosk/forms/form_session.h"
#include "offline-cache/outbox.h"

namespace fs = std::filesystem;
using namespace kiosk;
using Clk = std::chrono::steady_clock;

namespace {

const char* kProgram = "neighborhood-watch";

std::shared_ptr<const forms::FormSpec> signup_form(const Catalogue& cat) {
  const Program* p = cat.find_program(kProgram);
  auto base = forms::bundled_forms().find("signup");
  if (!p || !base) {
    std::fprintf(stderr, "bench_outbox: the bundled signup form or program %s is missing\n",
                 kProgram);
    std::exit(2);
  }
  forms::ComposeResult r = forms::compose_form(*base, p);
  if (!r.form) {
    std::fprintf(stderr, "bench_outbox: cannot compose the signup form: %s\n",
                 r.errors.empty() ? "?" : r.errors[0].c_str());
    std::exit(2);
  }
  return r.form;
}

forms::SubmissionDraft realistic_draft(const forms::FormSpec& form) {
  forms::Answers a(form);
  forms::fill_example_answers(a, forms::local_date(process_clock().wall()));
  return forms::make_submission(a, Lang::En, "kiosk");
}

store::NewSubmission realistic_submission(const std::shared_ptr<const forms::FormSpec>& form) {
  forms::SubmissionDraft d = realistic_draft(*form);
  store::NewSubmission s;
  s.form_id = d.form_id;
  s.form_version = d.form_version;
  s.program_id = d.program_id;
  s.payload_json.assign(d.payload_json.data(), d.payload_json.size());
  return s;
}

// Who seals: the department key in PUBLIC_FILE (the bench's servers hold its secret), this outbox's
// kiosk id and DIR's signing key (made on first use, as the kiosk does).
SealingIdentity sealing_identity(const std::string& public_file, const store::Outbox& box,
                                 const fs::path& data_dir) {
  std::ifstream in(public_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto key = crypto::DepartmentPublicKey::parse(text);
  if (!in || !key) {
    std::fprintf(stderr, "bench_outbox: %s is not a department public key\n", public_file.c_str());
    std::exit(2);
  }
  return SealingIdentity{*key,
                         std::make_shared<const crypto::KioskSigningKey>(
                             crypto::KioskSigningKey::load_or_create(data_dir.string())),
                         box.kiosk_id()};
}

store::NewSubmission sealed(const SealingIdentity& who, const forms::FormSpec& form,
                            forms::SubmissionDraft draft) {
  auto r = seal_submission(who, form, draft, Lang::En, "", process_clock());
  if (!r) {
    std::fprintf(stderr, "bench_outbox: cannot seal: %s\n", r.error().c_str());
    std::exit(2);
  }
  return std::move(*r);
}

long long bytes_of(const fs::path& p) {
  std::error_code ec;
  auto n = fs::file_size(p, ec);
  return ec ? 0 : static_cast<long long>(n);
}

// ---------------------------------------------------------------- raw sqlite3 baseline

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "bench_outbox: raw sqlite3 %s: %s\n", what, sqlite3_errmsg(db));
    std::exit(2);
  }
}

// The same INSERT as the Outbox's (offline-cache/outbox.cpp), on one connection opened with the
// Outbox's pragmas (offline-cache/database.cpp), in BEGIN IMMEDIATE ... COMMIT.
class RawInsert {
 public:
  explicit RawInsert(const std::string& path) {
    check(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr), db_, "open");
    sqlite3_busy_timeout(db_, 5000);
    for (const char* p : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                          "PRAGMA secure_delete=ON", "PRAGMA foreign_keys=ON"})
      check(sqlite3_exec(db_, p, nullptr, nullptr, nullptr), db_, p);
    prep("BEGIN IMMEDIATE", &begin_);
    prep("COMMIT", &commit_);
    prep(
        "INSERT INTO submissions (id, form_id, form_version, program_id, event_tag, created_at, "
        "next_attempt_at, "
        "payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
        &insert_);
  }
  ~RawInsert() {
    sqlite3_finalize(begin_);
    sqlite3_finalize(commit_);
    sqlite3_finalize(insert_);
    sqlite3_close_v2(db_);
  }
  void run(const std::string& id, const store::NewSubmission& s, const std::string& created_at) {
    step(begin_, "begin");
    sqlite3_bind_text(insert_, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert_, 2, s.form_id.data(), static_cast<int>(s.form_id.size()),
                      SQLITE_STATIC);
    sqlite3_bind_int64(insert_, 3, s.form_version);
    sqlite3_bind_text(insert_, 4, s.program_id.data(), static_cast<int>(s.program_id.size()),
                      SQLITE_STATIC);
    sqlite3_bind_null(insert_, 5);
    sqlite3_bind_text(insert_, 6, created_at.data(), static_cast<int>(created_at.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(insert_, 7, s.payload_json.data(), static_cast<int>(s.payload_json.size()),
                      SQLITE_STATIC);
    step(insert_, "insert");
    step(commit_, "commit");
  }

 private:
  void prep(const char* sql, sqlite3_stmt** st) {
    check(sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, st, nullptr), db_, sql);
  }
  void step(sqlite3_stmt* st, const char* what) {
    check(sqlite3_step(st), db_, what);
    sqlite3_reset(st);
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt *begin_ = nullptr, *commit_ = nullptr, *insert_ = nullptr;
};

std::string random_uuid(std::mt19937_64& rng) {
  static const char hex[] = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    unsigned b = static_cast<unsigned>(rng() & 0xff);
    if (i == 6) b = (b & 0x0f) | 0x40;
    if (i == 8) b = (b & 0x3f) | 0x80;
    s += hex[b >> 4];
    s += hex[b & 15];
  }
  return s;
}

void print_samples(const char* key, std::vector<double>& us) {
  std::printf("%s", key);
  for (double v : us) std::printf(" %.1f", v);
  std::printf("\n");
}

int latency(const fs::path& dir, int n, int fill, const std::string& public_file) {
  Catalogue cat = bundled_catalogue();
  auto form = signup_form(cat);
  store::NewSubmission s = realistic_submission(form);
  forms::SubmissionDraft draft = realistic_draft(*form);
  for (const char* sub : {"kiosk", "plain", "raw"}) fs::create_directories(dir / sub);
  { store::Outbox schema_only((dir / "raw").string()); }  // the same schema, indexes and CHECKs
  store::Outbox box((dir / "kiosk").string());
  store::Outbox plain((dir / "plain").string());
  SealingIdentity who = sealing_identity(public_file, box, dir / "kiosk");
  RawInsert raw((dir / "raw" / store::kDatabaseFile).string());
  std::mt19937_64 rng(20260804);
  std::vector<double> plain_us, raw_us, sealed_us;
  const int block = 50, warmup = 20;
  for (int i = 0; i < warmup; ++i)
    raw.run(random_uuid(rng), s, format_rfc3339(process_clock().wall()));
  std::size_t sealed_bytes = 0;
  for (int done = 0; done < n; done += block) {
    int m = std::min(block, n - done);
    for (int i = 0; i < m; ++i) {
      auto t0 = Clk::now();
      plain.enqueue(s);
      plain_us.push_back(std::chrono::duration<double, std::micro>(Clk::now() - t0).count());
    }
    for (int i = 0; i < m; ++i) {
      std::string id = random_uuid(rng),
                  at = format_rfc3339(process_clock().wall());  // made before the clock starts
      auto t0 = Clk::now();
      raw.run(id, s, at);
      raw_us.push_back(std::chrono::duration<double, std::micro>(Clk::now() - t0).count());
    }
    for (int i = 0; i < m; ++i) {
      forms::SubmissionDraft d = draft;  // seal_submission wipes its draft; copied off the clock
      auto t0 = Clk::now();
      store::NewSubmission row = sealed(who, *form, std::move(d));
      box.enqueue(row);
      sealed_us.push_back(std::chrono::duration<double, std::micro>(Clk::now() - t0).count());
      sealed_bytes = row.sealed_payload.size();
    }
  }
  for (int i = n; i < fill; ++i) box.enqueue(sealed(who, *form, draft));
  std::printf("payload_bytes %zu\n", s.payload_json.size());
  std::printf("sealed_bytes %zu\n", sealed_bytes);
  print_samples("kiosk_enqueue_us", plain_us);
  print_samples("raw_insert_commit_us", raw_us);
  print_samples("seal_sign_save_us", sealed_us);
  std::printf("kiosk_rows %lld\n", static_cast<long long>(box.counts().pending));
  std::printf("kiosk_id %s\n", box.kiosk_id().c_str());
  std::printf("collector_key %s\n", who.key->public_key_base64().c_str());
  return 0;
}

// After the Outbox is closed (its last connection checkpoints the WAL into the main file).
int db_size(const fs::path& dir) {
  fs::path k = dir / "kiosk";
  std::printf("db_bytes %lld\n", bytes_of(k / store::kDatabaseFile));
  std::printf("wal_bytes %lld\n", bytes_of(k / (std::string(store::kDatabaseFile) + "-wal")));
  return 0;
}

// ---------------------------------------------------------------- form completions

long long rss_kib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atoll(line.c_str() + 6);
  return -1;
}

// Types the example answers into the session the way the UI does: text one code point at a time
// (the on-screen keyboard), pickers and buttons through their setters.
void fill_like_a_visitor(forms::FormSession& fs, const forms::Answers& ex) {
  using forms::FieldType;
  using forms::Part;
  auto type = [&](std::string_view id, Part part, const forms::SecureString& text) {
    for (std::size_t i = 0; i < text.size();) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
      fs.insert_text(id, part, std::string_view(text.data() + i, len));
      i += len;
    }
  };
  for (const forms::FieldSpec* f : fs.form().all_fields()) {
    const forms::Answer& a = ex.at(f->id);
    switch (f->type) {
      case FieldType::Date:
        if (auto d = forms::parse_date(std::string_view(a.text.data(), a.text.size())))
          fs.set_date(f->id, *d);
        break;
      case FieldType::Time:
        if (auto t = forms::parse_time(std::string_view(a.text.data(), a.text.size())))
          fs.set_time(f->id, *t);
        break;
      case FieldType::Number: fs.set_number(f->id, a.number); break;
      case FieldType::SingleChoice:
      case FieldType::YesNo:
        if (!a.text.empty()) fs.choose(f->id, std::string_view(a.text.data(), a.text.size()));
        break;
      case FieldType::MultiChoice:
        for (std::size_t i = 0; i < f->choices.size() && i < a.chosen.size(); ++i)
          if (a.chosen[i]) fs.toggle(f->id, f->choices[i].id);
        break;
      case FieldType::Consent: fs.set_agreed(f->id, a.agreed); break;
      case FieldType::Signature:
        for (std::size_t s = 0; s < a.signature.stroke_count(); ++s) {
          fs.begin_stroke(f->id);
          for (const auto& p : a.signature.stroke(s)) fs.add_point(f->id, p.x, p.y);
        }
        break;
      case FieldType::AddressUs:
        for (Part p : {Part::Street, Part::Unit, Part::City, Part::State, Part::Zip})
          type(f->id, p, a.address.part(p));
        break;
      default: type(f->id, Part::None, a.text);
    }
  }
}

int form_completions(const fs::path& dir, int n, const std::string& public_file) {
  Catalogue cat = bundled_catalogue();
  auto form = signup_form(cat);
  forms::Answers example(*form);
  forms::fill_example_answers(example, forms::local_date(process_clock().wall()));
  fs::create_directories(dir);
  store::Outbox box(dir.string());
  SealingIdentity who = sealing_identity(public_file, box, dir);
  forms::FormSession session(form, Lang::En);
  auto t0 = Clk::now();
  for (int i = 1; i <= 4 * n; ++i) {
    fill_like_a_visitor(session, example);
    auto draft = session.submission();
    if (!draft) {
      std::fprintf(stderr, "bench_outbox: the filled form does not validate (%zu errors)\n",
                   session.validate_all().size());
      return 2;
    }
    box.enqueue(sealed(who, *form, std::move(*draft)));
    session.wipe();
    if (i == 1 || i == n || i == 3 * n || i == 4 * n) {
      malloc_trim(0);  // count what is held, not what the allocator keeps cached
      std::printf("after %d rss_kib %lld heap_bytes %zu sqlite_bytes %lld\n", i, rss_kib(),
                  mallinfo2().uordblks, static_cast<long long>(sqlite3_memory_used()));
    }
  }
  std::printf("completion_ms %.3f\n",
              std::chrono::duration<double, std::milli>(Clk::now() - t0).count() / (4.0 * n));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 6) {
    std::fprintf(
        stderr,
        "usage: bench_outbox latency DIR N FILL DEPARTMENT_PUBLIC_FILE | bench_outbox size "
        "DIR | bench_outbox forms DIR N DEPARTMENT_PUBLIC_FILE\n");
    return 2;
  }
  std::string mode = argv[1];
  fs::path dir = argv[2];
  try {
    if (mode == "size") return db_size(dir);
    int n = argc > 3 ? std::atoi(argv[3]) : 0;
    if (n < 1) return 2;
    if (mode == "latency" && argc == 6)
      return latency(dir, n, std::max(n, std::atoi(argv[4])), argv[5]);
    if (mode == "forms" && argc == 5) return form_completions(dir, n, argv[4]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_outbox: %s\n", e.what());
    return 2;
  }
  std::fprintf(stderr, "bench_outbox: unknown mode %s\n", mode.c_str());
  return 2;
}
