// Issue 11's hardening, unit level: URLs lose their user-info in messages, config errors never
// repeat a secret, a server's reply text stays out of the log line, a data dir of another user is
// refused with the runuser hint, and start-up narrows the data dir's modes.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "kiosk/config/config.h"
#include "kiosk/core/process_hardening.h"
#include "kiosk/core/redact.h"
#include "kiosk/sync/endpoint_policy.h"
#include "kiosk/sync/reply_classifier.h"
#include "tests/support/test_server.h"

using namespace kiosk;

namespace {

std::string all_errors(const ConfigResult& r) {
  std::string s;
  for (const auto& e : r.errors) s += e + "\n";
  return s;
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("without_user_info strips user names and passwords from URLs - and only them") {
  using redact::without_user_info;
  CHECK(without_user_info("https://u:p@host/x") == "https://host/x");
  CHECK(without_user_info("https://user@host:8443/x") == "https://host:8443/x");
  CHECK(without_user_info("u:secret@proxy:3128") == "proxy:3128");
  CHECK(without_user_info("socks5://a:b%40c@proxy") == "socks5://proxy");
  // A mistyped URL with '/' in the password still loses the password.
  CHECK(without_user_info("https://u:pa/ss@host").find("ss") == std::string::npos);
  CHECK(without_user_info("https://records.example.org/kiosk") ==
        "https://records.example.org/kiosk");
  CHECK(without_user_info("") == "");
  CHECK_FALSE(redact::has_user_info("https://host/a"));
  CHECK(redact::has_user_info("http://x@host"));
}

TEST_CASE("config errors name the secret key and the problem - never the value") {
  ConfigResult r = parse_config(R"(
[upload]
token = 987654321987
endpoint = "ftp://kioskuser7:Urlpw4471secret@records.example.org/kiosk"
proxy = ["http://relay:Proxypw8812secret@proxy.example.org:3128"]
)",
                                "kiosk.toml");
  const std::string errors = all_errors(r);
  INFO(errors);
  CHECK(r.errors.size() >= 3);
  CHECK(errors.find("upload.token: expected a string, got a whole number") != std::string::npos);
  CHECK(errors.find("upload.endpoint") != std::string::npos);
  CHECK(errors.find("records.example.org") != std::string::npos);  // still says which server
  CHECK(errors.find("upload.proxy") != std::string::npos);
  for (const char* secret : {"987654321987", "kioskuser7", "Urlpw4471secret", "Proxypw8812secret"})
    CHECK(errors.find(secret) == std::string::npos);

  // A token of the wrong type in a string-typed check: still only its type.
  ConfigResult t = parse_config("[upload]\ntoken = true\n", "kiosk.toml");
  CHECK(all_errors(t).find("true") == std::string::npos);
}

TEST_CASE("the endpoint policy names upload keys without their secrets") {
  UploadConfig u;
  u.token = "tok";
  u.endpoint = "https://kioskuser7:Urlpw4471secret@records.example.org";
  auto c = sync::check_endpoint(u);
  CHECK_FALSE(c.usable);
  CHECK(c.error.find("Urlpw4471secret") == std::string::npos);
  CHECK(c.error.find("kioskuser7") == std::string::npos);

  u.endpoint = "https://not a url:Urlpw4471secret@records.example.org";
  c = sync::check_endpoint(u);
  CHECK_FALSE(c.usable);
  CHECK(c.error.find("upload.endpoint") != std::string::npos);
  CHECK(c.error.find("Urlpw4471secret") == std::string::npos);

  u.endpoint = "https://records.example.org";
  u.token = "Tok9931secret with a space";
  c = sync::check_endpoint(u);
  CHECK(c.error.find("upload.token") != std::string::npos);
  CHECK(c.error.find("Tok9931secret") == std::string::npos);

  u.token = "tok";
  u.proxy = "http://relay:Proxypw8812secret@proxy.example.org:notaport";
  c = sync::check_endpoint(u);
  CHECK_FALSE(c.usable);
  CHECK(c.error.find("upload.proxy") != std::string::npos);
  CHECK(c.error.find("Proxypw8812secret") == std::string::npos);
}

TEST_CASE("a 401's body reaches staff (reason) but not the log line (log_reason)") {
  sync::HttpReply r;
  r.transport = sync::Transport::Ok;
  r.status = 401;
  r.content_type = "application/json";
  r.body = R"({"error":"token of Maria Qmarker401 revoked"})";
  auto o = sync::classify_reply(r, std::chrono::system_clock::now());
  CHECK(o.verdict == sync::Verdict::Pause);
  CHECK(o.reason.find("Qmarker401") != std::string::npos);
  CHECK(o.log_reason.find("Qmarker401") == std::string::npos);
  CHECK(o.log_reason.find("HTTP 401") != std::string::npos);
  CHECK(o.log_reason.find(std::to_string(r.body.size()) + " bytes") != std::string::npos);
  r.status = 422;
  o = sync::classify_reply(r, std::chrono::system_clock::now());
  CHECK(o.log_reason.find("Qmarker401") == std::string::npos);
}

TEST_CASE("a data dir owned by another user is refused with the runuser hint") {
  const uid_t me = geteuid();
  CHECK(hardening::foreign_owner_refusal("/d", me, me, {"--status"}).empty());
  const std::string msg =
      hardening::foreign_owner_refusal("/var/lib/community-kiosk", 0, me == 0 ? 65534 : me,
                                       {"--status", "--data-dir", "/var/lib/community-kiosk"});
  INFO(msg);
  CHECK(msg.find("runuser -u root -- kiosk --status --data-dir /var/lib/community-kiosk") !=
        std::string::npos);
  CHECK(msg.find("belongs to root") != std::string::npos);
  // Arguments are quoted so the hint can be pasted.
  CHECK(hardening::foreign_owner_refusal("/d", 0, 65534, {"--export", "/media/My Stick"})
            .find("'/media/My Stick'") != std::string::npos);
}

TEST_CASE("preparing the data dir makes it 0700 and narrows its files to 0600") {
  test_upload::ScratchDir scratch("kiosk-hardening-unit");
  const std::string fresh = scratch.path() + "/fresh/data";
  const mode_t old = umask(022);
  CHECK(hardening::prepare_data_dir(fresh, {}).empty());
  umask(old);
  // Under umask 022 create_directories would give 0755: prepare_data_dir narrows it regardless.
  CHECK(mode_of(fresh) == 0700);

  const std::string dir = scratch.path() + "/old";
  std::filesystem::create_directories(dir);
  chmod(dir.c_str(), 0755);
  std::ofstream(dir + "/kiosk.db") << "x";
  std::ofstream(dir + "/kiosk.log") << "x";
  chmod((dir + "/kiosk.db").c_str(), 0644);
  chmod((dir + "/kiosk.log").c_str(), 0640);
  CHECK(hardening::prepare_data_dir(dir, {}).empty());
  CHECK(mode_of(dir) == 0700);
  CHECK(mode_of(dir + "/kiosk.db") == 0600);
  CHECK(mode_of(dir + "/kiosk.log") == 0600);
}
