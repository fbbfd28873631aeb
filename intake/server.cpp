// The HTTP side of `kiosk-intake serve` (see server.h); request logic lives in service.cpp.
#include "intake/server.h"
#include "intake/listener.h"

#include <httplib.h>

#include <iostream>
#include <memory>
#include <pqxx/pqxx>

#include "intake/migrations.h"
#include "intake/service.h"

namespace intake {

namespace {

void send(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  if (!r.body.empty()) res.set_content(r.body, "application/json");
}

}  // namespace

int serve(const Config& config) {
  if (!schema_is_current(config.database_url)) return 1;
  const std::string url = config.database_url;
  // One connection per HTTP worker thread; a broken one is replaced at the thread's next request.
  auto connection = [url](bool fresh) -> pqxx::connection& {
    thread_local std::unique_ptr<pqxx::connection> conn;
    if (fresh) conn.reset();
    if (!conn || !conn->is_open()) conn = std::make_unique<pqxx::connection>(url);
    return *conn;
  };
  IntakeService service(config, connection);

  httplib::Server svr;
  const std::size_t max_body = config.max_body_kb * 1024;
  svr.set_payload_max_length(max_body);
  svr.set_read_timeout(30, 0);
  // Replies go out as headers then body: without TCP_NODELAY, Nagle and the client's delayed ACK
  // hold each reply back ~40 ms on a keep-alive connection (measured: 133 records/s, one serve).
  svr.set_tcp_nodelay(true);
  svr.set_keep_alive_max_count(1000);
  svr.set_error_handler([&config](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;  // a reply the service wrote itself
    if (res.status == 413) return send(res, IntakeService::too_large(config.max_body_kb));
    if (res.status == 404) return send(res, Reply{404, R"({"error":"no such path"})", {}});
  });
  svr.Post("/v2/submissions", [&](const httplib::Request& req, httplib::Response& res) {
    send(res, service.submit_v2(req.get_header_value("Authorization"),
                                req.get_header_value("Content-Type"),
                                req.get_header_value("Idempotency-Key"), req.body));
  });
  svr.Post("/v1/submissions", [](const httplib::Request&, httplib::Response& res) {
    send(res, IntakeService::v1_gone());
  });
  svr.Post("/v1/heartbeat", [&](const httplib::Request& req, httplib::Response& res) {
    send(res, service.heartbeat(req.get_header_value("Authorization"), req.body));
  });
  svr.Get(R"(/v1/requests/([A-Za-z0-9-]{1,32}))",
          [&](const httplib::Request& req, httplib::Response& res) {
            send(res, service.request_status(req.matches[1], req.remote_addr,
                                             req.get_header_value("X-Forwarded-For")));
          });
  svr.Get("/healthz",
          [&](const httplib::Request&, httplib::Response& res) { send(res, service.health()); });

  return listen_until_stopped(svr, config.listen_host, config.listen_port, "[server] listen");
}

}  // namespace intake
