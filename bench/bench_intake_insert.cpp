// The ceiling kiosk-intake's store rate is compared with (make bench, bench/intake_bench.py): a bare
// libpqxx loop doing the intake's own insert (same columns, bytea payload, ON CONFLICT ... RETURNING,
// one transaction per record) with no HTTP, JSON or signature check.
//   bench_intake_insert DATABASE_URL RECORDS PAYLOAD_BYTES KIOSK_NAME [CONNECTIONS]
//   -> prints "records_per_s N" (CONNECTIONS threads, one connection each, records split between them)
#include <pqxx/pqxx>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

std::atomic<bool> g_failed{false};

void insert_loop(const std::string& url, int records, std::size_t payload, const std::string& kiosk,
                 int seed) {
  pqxx::connection c(url);
  std::mt19937_64 rng(static_cast<unsigned long>(seed));
  auto hex = [&](std::size_t bytes) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < bytes; ++i) {
      auto v = rng();
      s += digits[v & 15];
      s += digits[(v >> 4) & 15];
    }
    return s;
  };
  for (int i = 0; i < records; ++i) {
    pqxx::work w(c);
    auto r = w.exec_params(
        "INSERT INTO submissions (id, form_id, form_version, program_id, event_id, event_tag, "
        "created_at, "
        "kiosk_id, collected_by_kiosk_id, app_version, signer_kiosk_id, sealed_to, sealed_payload, "
        "collector_public_key, signature, confirmation_code, uploaded_by, collected_by, "
        "receipt_id) "
        "VALUES ($1, 'records_request', 1, NULL, NULL, NULL, '2026-08-04T18:00:00Z', 'k', 'k', "
        "'0.1.0', 'k', "
        "'0123456789abcdef', decode($2, 'hex'), 'key', $3, 'RR-2222-2222', $4, $4, $5) "
        "ON CONFLICT (id) DO NOTHING RETURNING receipt_id",
        "bare-" + hex(16), hex(payload), hex(64), kiosk, "IN-" + hex(12));
    if (r.empty()) g_failed = true;
    w.commit();
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::fprintf(
        stderr,
        "usage: bench_intake_insert DATABASE_URL RECORDS PAYLOAD_BYTES KIOSK_NAME [CONNECTIONS]\n");
    return 2;
  }
  const int records = std::stoi(argv[2]);
  const std::size_t payload = std::stoul(argv[3]);
  const int connections = argc == 6 ? std::stoi(argv[5]) : 1;
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < connections; ++t)
    threads.emplace_back(insert_loop, std::string(argv[1]), records / connections, payload,
                         std::string(argv[4]), static_cast<int>(std::random_device{}()) + t);
  for (auto& t : threads) t.join();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("records_per_s %.1f\n", (records / connections) * connections / s);
  return g_failed ? 1 : 0;
}
