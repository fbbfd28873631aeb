// Hostile files on a stick against the real `kiosk --import`: JSON nested 200,000 deep, a FIFO, a
// symlink to /dev/zero, a 200 MiB single line. Each must end with a clear error (exit 1, not a
// signal), within 10 s and with a peak resident size under 100 MiB, measured by wait4() on the
// kiosk process itself (its ru_maxrss, in KiB). The manifests are validly signed (by a key the
// attacker made: integrity-only checks accept any key), so the checks under test are the file's.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/digest.h"
#include "kiosk/crypto/signing_key.h"
#include "kiosk/staff/export_format.h"
#include "tests/support/kiosk_cli.h"
#include "tests/support/test_server.h"

namespace fs = std::filesystem;
using kiosk::test_upload::ScratchDir;

namespace {

const std::string kKioskId = "3f0c5a8e-7b1d-4c2e-9a6f-2d8b1e4c7a90";
const std::string kStem = "submissions-" + kKioskId + "-20261122T031500Z";

struct Outcome {
  int exit_code = -1;  // -1: ended by a signal (a crash) or killed at the deadline
  int signal = 0;
  double seconds = 0;
  long max_rss_kib = 0;
  std::string err;
};

// Runs `kiosk --data-dir DATA --import FILE` directly (no shell: wait4's usage is the kiosk's own),
// killing it after 20 s so a hang fails instead of blocking the suite.
Outcome run_import(const ScratchDir& d, const std::string& file) {
  const std::string data = d / "data", err_path = d / "err", xdg = d / "xdg";
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    setenv("XDG_CONFIG_HOME", xdg.c_str(), 1);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int null = ::open("/dev/null", O_RDWR);
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    execl(KIOSK_BINARY, KIOSK_BINARY, "--data-dir", data.c_str(), "--import", file.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  Outcome o;
  int status = 0;
  rusage usage{};
  for (;;) {
    const pid_t w = wait4(pid, &status, WNOHANG, &usage);
    if (w == pid) break;
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(20)) kill(pid, SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.max_rss_kib = usage.ru_maxrss;
  if (WIFEXITED(status)) o.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) o.signal = WTERMSIG(status);
  o.err = kiosk::test_cli::read_file(err_path);
  return o;
}

// A validly signed format-2 manifest for `bytes` bytes hashing to `sha256`.
void write_manifest(const std::string& path, uint64_t count, uint64_t bytes,
                    const std::string& sha256) {
  static const auto key = kiosk::crypto::KioskSigningKey::generate();
  kiosk::staff::Manifest m;
  m.file = kStem + ".jsonl";
  m.kiosk_id = kKioskId;
  m.collector_public_key = key.public_key_base64();
  m.app_version = "0.1.0";
  m.exported_at = "2026-11-22T03:15:00Z";
  m.count = count;
  m.bytes = bytes;
  m.sha256 = sha256;
  m.signature = kiosk::crypto::to_base64(key.sign(*kiosk::staff::manifest_signing_text(m)));
  kiosk::test_cli::write_file(path, kiosk::staff::manifest_json(m));
}

void check_bounded(const Outcome& o, const std::string& words) {
  INFO("stderr: " << o.err.substr(0, 2000) << "\nsignal " << o.signal << ", " << o.seconds
                  << " s, max RSS " << o.max_rss_kib << " KiB");
  CHECK(o.signal == 0);
  CHECK(o.exit_code == 1);
  CHECK(o.seconds < 10.0);
  CHECK(o.max_rss_kib > 0);
  CHECK(o.max_rss_kib < 100 * 1024);
  CHECK(o.err.find(words) != std::string::npos);
  CHECK(o.err.size() < 4096);  // a line of words, never the file's content
}

}  // namespace

TEST_CASE("kiosk --import refuses JSON nested 200,000 deep quickly, in little memory") {
  ScratchDir d("kiosk-import-hostile");
  const std::string jsonl = d / (kStem + ".jsonl");
  struct Case {
    std::string line;
    const char* words;
  };
  std::string objects;  // {"a":{"a":...1}}: 40,000 deep, 200 KB, under the line limit
  for (int i = 0; i < 40000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(40000, '}');
  for (const Case& c : {
           // 400 KB: the line limit refuses it before any parsing.
           Case{"{\"id\":" + std::string(200000, '[') + std::string(200000, ']') + "}",
                "line 1 is longer than 256 KiB"},
           // The depth that crashed nlohmann's serializer before: refused at the first nesting.
           Case{"{\"id\":" + std::string(60000, '[') + std::string(60000, ']') + "}",
                "line 1 has a list where a plain value belongs"},
           Case{objects, "line 1 has a nested object where a plain value belongs"},
       }) {
    const std::string line = c.line + "\n";
    kiosk::test_cli::write_file(jsonl, line);
    write_manifest(d / (kStem + ".manifest.json"), 1, line.size(), kiosk::sha256_hex(line));
    check_bounded(run_import(d, jsonl), c.words);
  }
}

TEST_CASE("kiosk --import refuses a FIFO without waiting for a writer") {
  ScratchDir d("kiosk-import-hostile");
  const std::string jsonl = d / (kStem + ".jsonl");
  write_manifest(d / (kStem + ".manifest.json"), 1, 100, std::string(64, '0'));
  REQUIRE(mkfifo(jsonl.c_str(), 0600) == 0);
  check_bounded(run_import(d, jsonl), "is a pipe, not a file");
  // The manifest a FIFO beside a real file.
  fs::remove(jsonl);
  kiosk::test_cli::write_file(jsonl, "");
  fs::remove(d / (kStem + ".manifest.json"));
  REQUIRE(mkfifo((d / (kStem + ".manifest.json")).c_str(), 0600) == 0);
  check_bounded(run_import(d, jsonl), "The manifest is a pipe, not a file");
}

TEST_CASE("kiosk --import refuses a symlink to /dev/zero - as the file and as the manifest") {
  ScratchDir d("kiosk-import-hostile");
  const std::string jsonl = d / (kStem + ".jsonl"), manifest = d / (kStem + ".manifest.json");
  write_manifest(manifest, 1, uint64_t{1} << 29, std::string(64, '0'));
  fs::create_symlink("/dev/zero", jsonl);
  check_bounded(run_import(d, jsonl), "is a symbolic link, not a file");
  fs::remove(jsonl);
  kiosk::test_cli::write_file(jsonl, "");
  fs::remove(manifest);
  fs::create_symlink("/dev/zero", manifest);
  check_bounded(run_import(d, jsonl), "The manifest is a symbolic link, not a file");
}

TEST_CASE("kiosk --import refuses a 200 MiB single line after reading 256 KiB of it") {
  ScratchDir d("kiosk-import-hostile");
  const std::string jsonl = d / (kStem + ".jsonl");
  const uint64_t total = uint64_t{200} << 20;
  {
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    std::FILE* f = std::fopen(jsonl.c_str(), "wb");
    REQUIRE(f);
    std::string chunk = "{\"id\":\"";
    chunk.resize(1 << 20, 'a');
    for (uint64_t written = 0; written < total; written += chunk.size()) {
      if (written + chunk.size() == total) chunk.back() = '\n';
      REQUIRE(std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size());
      crypto_hash_sha256_update(&h, reinterpret_cast<const unsigned char*>(chunk.data()),
                                chunk.size());
      if (written == 0) chunk.assign(1 << 20, 'a');
    }
    std::fclose(f);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h, digest);
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    write_manifest(d / (kStem + ".manifest.json"), 1, total, hex);
  }
  REQUIRE(fs::file_size(jsonl) == total);
  check_bounded(run_import(d, jsonl), "line 1 is longer than 256 KiB");
}
