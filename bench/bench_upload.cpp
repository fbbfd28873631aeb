// bench_upload: the upload figures of `make bench` (bench/README.md, issues 4 and 10: protocol v2,
// sealed and signed envelopes, POST {endpoint}/v2/submissions). Prints raw
// `key value` lines; bench/report.py turns them into the report. The outbox (DATA_DIR/kiosk.db)
// was filled by `bench_outbox latency`; the loopback server is tests/support/test_server.py.
//
//   bench_upload engine DATA_DIR URL TOKEN    the kiosk's SyncEngine (its own thread, its real
//                                             CurlHttpClient, the real clock) drains the outbox;
//                                             timed from start() until nothing is pending
//   bench_upload ceiling DATA_DIR URL TOKEN   the ceiling: the same envelopes (built before the
//                                             clock starts), POSTed in a bare loop over one
//                                             keep-alive libcurl easy handle; no outbox writes
//   bench_upload transport DATA_DIR URL TOKEN the same prebuilt envelopes through the kiosk's
//                                             CurlHttpClient, no outbox: the transport's own
//                                             cost against the ceiling (a diagnosis)
//   bench_upload bodies DATA_DIR OUTDIR N     the first N envelopes as files (body-N.json and
//                                             key-N.txt) for the `curl` command-line loop
//   bench_upload engine-nosync DATA_DIR URL TOKEN
//                                             the same drain with SQLite's fsyncs turned into
//                                             no-ops (a VFS shim made the default in this
//                                             process): what the engine would reach if its
//                                             durable commits cost nothing. A diagnosis, not
//                                             a configuration anyone should run.
//   bench_upload claims DATA_DIR N            where the engine's time goes: N of the sender's
//                                             group transactions (Outbox::claim of claim_group
//                                             records with the previous group's acknowledgements,
//                                             one synchronous=FULL commit each)
#include <curl/curl.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/config/config.h"
#include "kiosk/core/clock.h"
#include "kiosk/sync/envelope.h"
#include "kiosk/sync/sync_engine.h"
#include "offline-cache/outbox.h"

using namespace kiosk;
using Clk = std::chrono::steady_clock;

namespace {

const char* kFarFuture =
    "2200-01-01T00:00:00Z";  // later than any due time (the sender uses the same)

std::vector<sync::Envelope> envelopes(const std::string& data_dir, int limit) {
  store::Outbox box(data_dir);
  sync::EnvelopeContext ctx{box.kiosk_id(), KIOSK_VERSION};
  std::vector<sync::Envelope> out;
  for (const store::Submission& s : box.due(kFarFuture, limit)) {
    std::string why;
    auto e = sync::build_envelope(s, ctx, why);
    if (!e) {
      std::fprintf(stderr, "bench_upload: record %s cannot be sent: %s\n", s.id.c_str(),
                   why.c_str());
      std::exit(2);
    }
    out.push_back(std::move(*e));
  }
  return out;
}

// ---- the no-fsync VFS shim (engine-nosync only) ----
// Each file is the shim's header followed by the real VFS's file; every method forwards to the
// real one except xSync, which returns at once.
struct ShimFile {
  sqlite3_file base;
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};
sqlite3_vfs* g_real_vfs = nullptr;
sqlite3_file* real_of(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->real(); }
int shim_close(sqlite3_file* f) { return real_of(f)->pMethods->xClose(real_of(f)); }
int shim_read(sqlite3_file* f, void* b, int n, sqlite3_int64 o) {
  return real_of(f)->pMethods->xRead(real_of(f), b, n, o);
}
int shim_write(sqlite3_file* f, const void* b, int n, sqlite3_int64 o) {
  return real_of(f)->pMethods->xWrite(real_of(f), b, n, o);
}
int shim_truncate(sqlite3_file* f, sqlite3_int64 n) {
  return real_of(f)->pMethods->xTruncate(real_of(f), n);
}
int shim_sync(sqlite3_file*, int) { return SQLITE_OK; }
int shim_size(sqlite3_file* f, sqlite3_int64* n) {
  return real_of(f)->pMethods->xFileSize(real_of(f), n);
}
int shim_lock(sqlite3_file* f, int l) { return real_of(f)->pMethods->xLock(real_of(f), l); }
int shim_unlock(sqlite3_file* f, int l) { return real_of(f)->pMethods->xUnlock(real_of(f), l); }
int shim_reserved(sqlite3_file* f, int* r) {
  return real_of(f)->pMethods->xCheckReservedLock(real_of(f), r);
}
int shim_control(sqlite3_file* f, int op, void* a) {
  return real_of(f)->pMethods->xFileControl(real_of(f), op, a);
}
int shim_sector(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int shim_chars(sqlite3_file* f) { return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f)); }
int shim_shm_map(sqlite3_file* f, int i, int s, int e, void volatile** p) {
  return real_of(f)->pMethods->xShmMap(real_of(f), i, s, e, p);
}
int shim_shm_lock(sqlite3_file* f, int o, int n, int fl) {
  return real_of(f)->pMethods->xShmLock(real_of(f), o, n, fl);
}
void shim_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int shim_shm_unmap(sqlite3_file* f, int d) {
  return real_of(f)->pMethods->xShmUnmap(real_of(f), d);
}
int shim_fetch(sqlite3_file* f, sqlite3_int64 o, int n, void** p) {
  return real_of(f)->pMethods->xFetch(real_of(f), o, n, p);
}
int shim_unfetch(sqlite3_file* f, sqlite3_int64 o, void* p) {
  return real_of(f)->pMethods->xUnfetch(real_of(f), o, p);
}
const sqlite3_io_methods kShimMethods = {
    3,           shim_close,   shim_read,     shim_write,       shim_truncate,  shim_sync,
    shim_size,   shim_lock,    shim_unlock,   shim_reserved,    shim_control,   shim_sector,
    shim_chars,  shim_shm_map, shim_shm_lock, shim_shm_barrier, shim_shm_unmap, shim_fetch,
    shim_unfetch};
int shim_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out) {
  sqlite3_file* real = reinterpret_cast<ShimFile*>(f)->real();
  int rc = g_real_vfs->xOpen(g_real_vfs, name, real, flags, out);
  f->pMethods = (rc == SQLITE_OK && real->pMethods) ? &kShimMethods : nullptr;
  return rc;
}
sqlite3_vfs g_shim_vfs;

void install_nosync_vfs() {
  g_real_vfs = sqlite3_vfs_find(nullptr);
  g_shim_vfs = *g_real_vfs;
  g_shim_vfs.zName = "bench-nosync";
  g_shim_vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real_vfs->szOsFile;
  g_shim_vfs.xOpen = shim_open;
  g_shim_vfs.pAppData = nullptr;
  sqlite3_vfs_register(&g_shim_vfs, 1);
}

// The kiosk's CurlHttpClient, timed: how much of the drain is spent inside post() (the request,
// as the ceiling makes it) and how much outside it (the outbox, envelopes, bookkeeping).
class TimedTransport final : public sync::HttpTransport {
 public:
  explicit TimedTransport(const sync::HttpClientOptions& o) : real_(o) {}
  sync::HttpReply post(const std::string& body, const std::vector<std::string>& headers) override {
    auto t0 = Clk::now();
    sync::HttpReply r = real_.post(body, headers);
    in_post_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clk::now() - t0).count();
    return r;
  }
  void cancel() override { real_.cancel(); }
  static inline std::atomic<int64_t> in_post_ns{0};

 private:
  sync::CurlHttpClient real_;
};

int engine(const std::string& data_dir, const std::string& url, const std::string& token) {
  sync::SyncEngineOptions o;
  o.data_dir = data_dir;
  o.sender.upload.endpoint = url;
  o.sender.upload.token = token;
  o.watch_network = false;
  o.make_transport = [](const sync::HttpClientOptions& h) {
    return std::make_unique<TimedTransport>(h);
  };
  int64_t total;
  {
    store::Outbox box(data_dir);
    total = box.counts().pending;
  }
  auto t0 = Clk::now();
  sync::SyncEngine eng(o, process_clock(), [] {});
  eng.start();
  sync::SyncSnapshot s;
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    s = eng.peek();
    bool done =
        s.state == sync::EngineState::Idle && s.counts.pending == 0 && s.counts.sending == 0;
    bool stuck = s.state == sync::EngineState::Paused ||
                 s.state == sync::EngineState::ConfigFault ||
                 s.state == sync::EngineState::StoreFault || s.state == sync::EngineState::Waiting;
    if (done || stuck) break;
  }
  double secs = std::chrono::duration<double>(Clk::now() - t0).count();
  eng.stop();
  std::printf("state %s\n", sync::engine_state_name(s.state));
  std::printf("records %lld\n", static_cast<long long>(total));
  std::printf("sent %lld\n", static_cast<long long>(s.counts.sent));
  std::printf("requests %llu\n", static_cast<unsigned long long>(s.requests));
  std::printf("seconds %.4f\n", secs);
  std::printf("in_post_seconds %.4f\n",
              static_cast<double>(TimedTransport::in_post_ns.load()) / 1e9);
  return s.counts.sent == total ? 0 : 1;
}

size_t discard(char*, size_t size, size_t n, void*) { return size * n; }

int ceiling(const std::string& data_dir, const std::string& url, const std::string& token) {
  std::vector<sync::Envelope> all = envelopes(data_dir, 1'000'000);
  const std::string auth = "Authorization: Bearer " + token;
  const std::string ua = sync::user_agent(KIOSK_VERSION);
  const std::string target = url + "/v2/submissions";
  CURL* h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, target.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 30000L);
  curl_easy_setopt(h, CURLOPT_USERAGENT, ua.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &discard);
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  long ok = 0, failed = 0;
  auto t0 = Clk::now();
  for (const sync::Envelope& e : all) {
    curl_slist* list = curl_slist_append(nullptr, auth.c_str());
    for (const auto& hd : e.headers) list = curl_slist_append(list, hd.c_str());
    list = curl_slist_append(list, "Expect:");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(e.body.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, e.body.data());
    long status = 0;
    if (curl_easy_perform(h) == CURLE_OK) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    (status == 201 ? ok : failed)++;
    curl_slist_free_all(list);
  }
  double secs = std::chrono::duration<double>(Clk::now() - t0).count();
  long connects = 0;
  curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects);
  curl_easy_cleanup(h);
  std::printf("records %zu\n", all.size());
  std::printf("sent %ld\n", ok);
  std::printf("failed %ld\n", failed);
  std::printf("seconds %.4f\n", secs);
  return failed == 0 ? 0 : 1;
}

int transport(const std::string& data_dir, const std::string& url, const std::string& token) {
  std::vector<sync::Envelope> all = envelopes(data_dir, 1'000'000);
  sync::HttpClientOptions o;
  o.url = url + "/v2/submissions";
  o.token = token;
  o.user_agent = sync::user_agent(KIOSK_VERSION);
  sync::CurlHttpClient client(o);
  long ok = 0, failed = 0;
  auto t0 = Clk::now();
  for (const sync::Envelope& e : all) {
    sync::HttpReply r = client.post(e.body, e.headers);
    (r.transport == sync::Transport::Ok && r.status == 201 ? ok : failed)++;
  }
  double secs = std::chrono::duration<double>(Clk::now() - t0).count();
  std::printf("records %zu\n", all.size());
  std::printf("sent %ld\n", ok);
  std::printf("failed %ld\n", failed);
  std::printf("connects %ld\n", client.connects());
  std::printf("seconds %.4f\n", secs);
  return failed == 0 ? 0 : 1;
}

int bodies(const std::string& data_dir, const std::string& out_dir, int n) {
  std::vector<sync::Envelope> all = envelopes(data_dir, n);
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::ofstream(out_dir + "/body-" + std::to_string(i) + ".json", std::ios::binary)
        << all[i].body;
    std::string key;
    for (const auto& hd : all[i].headers)
      if (hd.rfind("Idempotency-Key: ", 0) == 0) key = hd.substr(17);
    std::ofstream(out_dir + "/key-" + std::to_string(i) + ".txt") << key;
  }
  std::printf("bodies %zu\n", all.size());
  std::printf("user_agent %s\n", sync::user_agent(KIOSK_VERSION).c_str());
  return 0;
}

void print_samples(const char* key, const std::vector<double>& us) {
  std::printf("%s", key);
  for (double v : us) std::printf(" %.1f", v);
  std::printf("\n");
}

int claims(const std::string& data_dir, int n) {
  // The sender's own transaction: claim the next group and mark the previous group sent.
  const int group = sync::SenderSettings{}.claim_group;
  store::Outbox box(data_dir);
  std::vector<store::Submission> rows = box.due(kFarFuture, n * group);
  std::vector<std::pair<std::string, std::string>> acks;
  std::vector<double> us;
  for (std::size_t i = 0; i + group <= rows.size(); i += group) {
    std::vector<std::string> ids;
    for (int j = 0; j < group; ++j) ids.push_back(rows[i + j].id);
    auto t0 = Clk::now();
    box.claim(ids, acks);
    us.push_back(std::chrono::duration<double, std::micro>(Clk::now() - t0).count());
    acks.clear();
    for (const std::string& id : ids) acks.emplace_back(id, "");
  }
  std::printf("claim_group %d\n", group);
  print_samples("claim_group_us", us);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::vector<std::string> a(argv + 1, argv + argc);
  int rc = 2;
  try {
    if (a.size() == 4 && a[0] == "engine")
      rc = engine(a[1], a[2], a[3]);
    else if (a.size() == 4 && a[0] == "engine-nosync") {
      install_nosync_vfs();
      rc = engine(a[1], a[2], a[3]);
    } else if (a.size() == 4 && a[0] == "ceiling")
      rc = ceiling(a[1], a[2], a[3]);
    else if (a.size() == 4 && a[0] == "transport")
      rc = transport(a[1], a[2], a[3]);
    else if (a.size() == 4 && a[0] == "bodies")
      rc = bodies(a[1], a[2], std::atoi(a[3].c_str()));
    else if (a.size() == 3 && a[0] == "claims")
      rc = claims(a[1], std::atoi(a[2].c_str()));
    else
      std::fprintf(stderr,
                   "usage: bench_upload engine|engine-nosync|ceiling|transport DATA_DIR URL TOKEN "
                   "| bench_upload bodies DATA_DIR OUTDIR N | "
                   "bench_upload claims DATA_DIR N\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_upload: %s\n", e.what());
  }
  curl_global_cleanup();
  return rc;
}
