// kiosk-intake's request handling (see service.h; protocol: docs/upload-protocol.md, replies and
// status texts: docs/intake.md).
#include "intake/service.h"

#include <sodium.h>

#include <array>
#include <iostream>
#include <nlohmann/json.hpp>

#include "intake/envelope_v2.h"
#include "intake/kiosks.h"
#include "kiosk/core/digest.h"
#include "kiosk/forms/confirmation_code.h"
#include "kiosk/forms/form_spec.h"

namespace intake {

namespace {

Reply json_reply(int status, const nlohmann::json& body) { return Reply{status, body.dump(), {}}; }
Reply error_reply(int status, const std::string& why) {
  return json_reply(status, {{"error", why}});
}

std::string new_receipt() {
  std::array<unsigned char, 12> raw{};
  randombytes_buf(raw.data(), raw.size());
  return "IN-" + kiosk::hex(raw.data(), raw.size());
}

std::string media_type(const std::string& content_type) {
  std::string t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && t.back() == ' ') t.pop_back();
  while (!t.empty() && t.front() == ' ') t.erase(t.begin());
  return t;
}

std::string code_for(const std::string& form_id, const std::string& id) {
  auto form = kiosk::forms::bundled_forms().find(form_id);
  if (!form) return {};
  return kiosk::forms::confirmation_code(form->code_prefix, id);
}

}  // namespace

IntakeService::IntakeService(Config config, ConnectionSource connection)
    : config_(std::move(config)),
      connection_(std::move(connection)),
      resolver_(config_.trusted_proxies),
      lookups_(config_.lookups_per_minute) {}

Reply IntakeService::with_db(const std::function<Reply(pqxx::work&)>& fn) {
  try {
    try {
      pqxx::work w(connection_(false));
      return fn(w);
    } catch (const pqxx::broken_connection&) {
      // Safe to run again: nothing was committed, or the insert commits once (ON CONFLICT) and the
      // repeat answers 409, which the kiosk counts as sent.
      pqxx::work w(connection_(true));
      return fn(w);
    }
  } catch (const pqxx::broken_connection&) {
    Reply r = error_reply(503, "the database is unavailable; try again later");
    r.headers["Retry-After"] = "5";
    return r;
  } catch (const std::exception& e) {
    // The message names SQL state, never envelope contents (values travel as parameters).
    std::cerr << "kiosk-intake: database error: " << e.what() << "\n";
    return error_reply(500, "internal error");
  }
}

bool IntakeService::kiosk_of_token(pqxx::work& w, const std::string& authorization, TokenKiosk& out,
                                   Reply& refusal) {
  const std::string prefix = "Bearer ";
  if (authorization.size() <= prefix.size() ||
      authorization.compare(0, prefix.size(), prefix) != 0) {
    refusal = error_reply(401, "missing or wrong bearer token");
    return false;
  }
  auto r = w.exec_params("SELECT name, revoked_at IS NOT NULL FROM kiosks WHERE token_sha256 = $1",
                         token_hash(authorization.substr(prefix.size())));
  if (r.empty()) {
    refusal = error_reply(401, "missing or wrong bearer token");
    return false;
  }
  out.name = r[0][0].as<std::string>();
  out.revoked = r[0][1].as<bool>();
  if (out.revoked) {
    refusal = error_reply(401, "token revoked");
    return false;
  }
  return true;
}

Reply IntakeService::submit_v2(const std::string& authorization, const std::string& content_type,
                               const std::string& idempotency_key, const std::string& body) {
  return with_db([&](pqxx::work& w) -> Reply {
    TokenKiosk uploader;
    Reply refusal;
    if (!kiosk_of_token(w, authorization, uploader, refusal)) return refusal;
    if (media_type(content_type) != "application/json")
      return error_reply(415, "Content-Type must be application/json");
    EnvelopeRefusal why;
    auto env = parse_envelope_v2(body, idempotency_key, why);
    if (!env) return error_reply(why.status, why.reason);
    const auto& f = env->signed_fields;

    // The signer's registration is what makes the signature mean something.
    auto reg = w.exec_params(
        "SELECT collector_public_key, revoked_at IS NOT NULL FROM kiosks WHERE kiosk_id = $1 "
        "ORDER BY (revoked_at IS NULL) DESC, registered_at DESC",
        f.signer_kiosk_id);
    if (reg.empty()) return error_reply(422, "signer_kiosk_id is not a registered kiosk");
    bool key_matches = false, live = false;
    for (const auto& row : reg) {
      if (row[0].as<std::string>() == env->collector_public_key) {
        key_matches = true;
        live = live || !row[1].as<bool>();
      }
    }
    if (!key_matches)
      return error_reply(422, "collector_public_key is not the registered key of signer_kiosk_id");
    if (!live) return error_reply(422, "the signing kiosk's registration is revoked");
    auto verdict = kiosk::crypto::verify_record(env->collector_public_key, f, env->signature);
    if (!verdict) return error_reply(422, verdict.reason);
    if (!config_.accepted_key_ids.contains(f.sealed_to))
      return error_reply(422, "sealed_to names a department key this server does not accept");

    const std::string sealed_hex = kiosk::hex(f.sealed_payload.data(), f.sealed_payload.size());
    auto opt = [](const std::string& s) -> std::optional<std::string> {
      return s.empty() ? std::nullopt : std::optional<std::string>(s);
    };
    std::string code = code_for(f.form_id, f.id);
    auto inserted = w.exec_params(
        "INSERT INTO submissions (id, form_id, form_version, program_id, event_id, event_tag, "
        "created_at, "
        "kiosk_id, collected_by_kiosk_id, app_version, signer_kiosk_id, sealed_to, sealed_payload, "
        "collector_public_key, signature, confirmation_code, uploaded_by, collected_by, "
        "receipt_id) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, decode($13, 'hex'), $14, $15, "
        "$16, $17, "
        "(SELECT name FROM kiosks WHERE kiosk_id = $9 ORDER BY (revoked_at IS NULL) DESC, "
        "registered_at DESC "
        "LIMIT 1), $18) ON CONFLICT (id) DO NOTHING RETURNING receipt_id",
        f.id, f.form_id, f.form_version, opt(f.program_id), opt(f.event_id), opt(f.event_tag),
        f.created_at, env->kiosk_id, f.collected_by_kiosk_id, env->app_version, f.signer_kiosk_id,
        f.sealed_to, sealed_hex, env->collector_public_key, env->signature, opt(code),
        uploader.name, new_receipt());
    if (!inserted.empty()) {
      std::string receipt = inserted[0][0].as<std::string>();
      w.commit();
      return json_reply(201, {{"receipt_id", receipt}});
    }
    // A repeat: the stored row wins; only an identical record is acknowledged.
    auto stored = w.exec_params(
        "SELECT receipt_id, signature = $2 AND sealed_payload = decode($3, 'hex') FROM submissions "
        "WHERE id = $1",
        f.id, env->signature, sealed_hex);
    if (stored.empty())
      return error_reply(503, "the record was being stored concurrently; try again");
    if (stored[0][1].as<bool>())
      return json_reply(
          409, {{"error", "already have it"}, {"receipt_id", stored[0][0].as<std::string>()}});
    return error_reply(
        422,
        "a different record with this id is already stored (signature or sealed payload differ)");
  });
}

Reply IntakeService::heartbeat(const std::string& authorization, const std::string& body) {
  return with_db([&](pqxx::work& w) -> Reply {
    TokenKiosk kiosk;
    Reply refusal;
    if (!kiosk_of_token(w, authorization, kiosk, refusal)) return refusal;
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded()) return error_reply(400, "the body is not JSON");
    if (!j.is_object() || !j.contains("kiosk_id"))
      return error_reply(422, "the heartbeat lacks a required field");
    w.exec_params0("INSERT INTO heartbeats (kiosk_name, body) VALUES ($1, $2::jsonb)", kiosk.name,
                   j.dump());
    w.commit();
    return Reply{204, "", {}};
  });
}

Reply IntakeService::request_status(const std::string& code_in, const std::string& peer,
                                    const std::string& x_forwarded_for) {
  int retry_after = 0;
  if (!lookups_.allow(resolver_.resolve(peer, x_forwarded_for), retry_after)) {
    Reply r = error_reply(429, "too many look-ups from this address; try again later");
    r.headers["Retry-After"] = std::to_string(retry_after);
    return r;
  }
  std::string code = code_in;
  for (char& ch : code)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  if (!kiosk::forms::is_confirmation_code(code))
    return error_reply(404, "no request has this confirmation code");
  return with_db([&](pqxx::work& w) -> Reply {
    // Two requests may share a code (docs/forms.md): the newest one answers.
    auto r = w.exec_params(
        "SELECT s.status, st.label_en, st.label_es, coalesce(s.public_next_step_en, "
        "st.next_step_en), "
        "coalesce(s.public_next_step_es, st.next_step_es), "
        "to_char(s.status_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
        "FROM submissions s JOIN request_statuses st ON st.status = s.status "
        "WHERE s.confirmation_code = $1 ORDER BY s.received_at DESC LIMIT 1",
        code);
    if (r.empty()) return error_reply(404, "no request has this confirmation code");
    return json_reply(
        200,
        {{"confirmation_code", code},
         {"status", r[0][0].as<std::string>()},
         {"status_label", {{"en", r[0][1].as<std::string>()}, {"es", r[0][2].as<std::string>()}}},
         {"next_step", {{"en", r[0][3].as<std::string>()}, {"es", r[0][4].as<std::string>()}}},
         {"updated_at", r[0][5].as<std::string>()}});
  });
}

Reply IntakeService::health() {
  return with_db([](pqxx::work& w) -> Reply {
    w.exec1("SELECT 1");
    return json_reply(200, {{"ok", true}});
  });
}

Reply IntakeService::v1_gone() {
  return error_reply(410,
                     "protocol v1 (plaintext records) is no longer accepted: upgrade the kiosk to "
                     "send sealed records to /v2/submissions");
}

Reply IntakeService::too_large(std::size_t max_body_kb) {
  return error_reply(413, "the request is larger than this server accepts (" +
                              std::to_string(max_body_kb) + " KiB)");
}

}  // namespace intake
