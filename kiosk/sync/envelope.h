// Envelope: the JSON body of one upload (POST {endpoint}/v2/submissions, protocol v2: the sealed
// payload, signature and signed fields; no plaintext) and its headers, built from an outbox row. Field names are the protocol; see docs/upload-protocol.md.
//
// Invariant: the envelope's "id" and the Idempotency-Key header are both the submission id, so a
// resend after a crash or a lost reply is recognised by the server as the same record.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "offline-cache/outbox.h"

namespace kiosk::sync {

struct EnvelopeContext {
  std::string kiosk_id;
  std::string app_version;  // KIOSK_VERSION
};

struct Envelope {
  std::string body;                  // compact JSON
  std::vector<std::string> headers;  // "Name: value" (Authorization excluded: added by the client)
};

// Builds the body; nullopt (with `why` set) when the row holds no sealed payload or signature
// (erased, or never sealed): such a record can never be sent and must not block the others.
std::optional<Envelope> build_envelope(const store::Submission& s, const EnvelopeContext& ctx,
                                       std::string& why);

// "community-kiosk/<version>"
std::string user_agent(const std::string& app_version);

}  // namespace kiosk::sync
