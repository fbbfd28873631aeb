// What kiosk-intake `serve` answers, independent of the HTTP library: each method takes the parts
// of a request it needs and returns the status, JSON body and extra headers. Replies copy
// tests/support/test_server.py's (the kiosk's reply classifier is tested against them).
//
// Invariant: the service holds department public key ids only, never a secret: it stores sealed
// bytes and cannot open them.
#pragma once
#include <functional>
#include <map>
#include <pqxx/pqxx>
#include <string>

#include "intake/client_address.h"
#include "intake/config.h"
#include "intake/rate_limiter.h"

namespace intake {

struct Reply {
  int status = 200;
  std::string body;  // JSON, or empty (204)
  std::map<std::string, std::string> headers;
};

class IntakeService {
 public:
  // `connection(fresh)` gives the calling thread's database connection (one per HTTP worker
  // thread); with fresh = true it first drops that thread's connection and opens a new one.
  using ConnectionSource = std::function<pqxx::connection&(bool fresh)>;
  IntakeService(Config config, ConnectionSource connection);

  Reply submit_v2(const std::string& authorization, const std::string& content_type,
                  const std::string& idempotency_key, const std::string& body);
  Reply heartbeat(const std::string& authorization, const std::string& body);
  Reply request_status(const std::string& code, const std::string& peer,
                       const std::string& x_forwarded_for);
  Reply health();
  static Reply v1_gone();
  static Reply too_large(std::size_t max_body_kb);

 private:
  struct TokenKiosk {
    std::string name;
    bool revoked = false;
  };
  // Runs `fn` in a new transaction. A connection lost since the thread's last request (a database
  // restart) is replaced and `fn` run once more; a database still unreachable is a 503.
  Reply with_db(const std::function<Reply(pqxx::work&)>& fn);
  static bool kiosk_of_token(pqxx::work& w, const std::string& authorization, TokenKiosk& out,
                             Reply& refusal);

  Config config_;
  ConnectionSource connection_;
  ClientAddressResolver resolver_;
  RateLimiter lookups_;
};

}  // namespace intake
