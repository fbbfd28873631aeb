// Reading a protocol v2 envelope (docs/upload-protocol.md) into the fields its signature covers,
// with the refusal the server answers when it cannot: pure, no database.
#pragma once
#include <optional>
#include <string>

#include "kiosk/crypto/record_signature.h"

namespace intake {

struct EnvelopeV2 {
  kiosk::crypto::RecordSignedFields signed_fields;
  std::string kiosk_id;
  std::string app_version;
  std::string collector_public_key;
  std::string signature;
  std::string sealed_payload_base64;
};

struct EnvelopeRefusal {
  int status = 422;
  std::string reason;
};

// The envelope, or the status (400 / 422) and reason to answer with. `idempotency_key` must be
// the envelope's id.
std::optional<EnvelopeV2> parse_envelope_v2(const std::string& body,
                                            const std::string& idempotency_key,
                                            EnvelopeRefusal& refusal);

}  // namespace intake
