// Sealed, signed outbox rows for tests of the store, sync and staff code (issue 10): what FormFlow
// stores, without going through a form. Header-only: only test executables that link the crypto
// and store libraries include it (test_support itself links just the core).
#pragma once
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/crypto/department_key.h"
#include "kiosk/crypto/record_signature.h"
#include "kiosk/crypto/seal.h"
#include "kiosk/crypto/signing_key.h"
#include "offline-cache/outbox.h"
#include "offline-cache/uuid.h"

namespace kiosk::testing {

// One signing key per test process, for rows that need not match a data dir's own key.
inline const crypto::KioskSigningKey& test_signing_key() {
  static const crypto::KioskSigningKey key = crypto::KioskSigningKey::generate();
  return key;
}

// `s` (form, program, event tag set by the caller) with `payload_json` sealed to `to` and signed
// by `key` as `kiosk_id`, id and created_at (the clock's now) chosen here as the kiosk does.
inline store::NewSubmission sealed(
    store::NewSubmission s, const std::string& payload_json, Clock& clock,
    const std::string& kiosk_id, const crypto::KioskSigningKey& key = test_signing_key(),
    const crypto::DepartmentPublicKey& to = crypto::DepartmentPublicKey::demo()) {
  crypto::RecordSignedFields f;
  f.id = s.id.empty() ? store::uuid_v4() : s.id;
  f.form_id = s.form_id;
  f.form_version = s.form_version;
  f.program_id = s.program_id;
  f.event_id = s.event_id;
  f.event_tag = s.event_tag;
  f.created_at = s.created_at.empty() ? format_rfc3339(clock.wall()) : s.created_at;
  f.collected_by_kiosk_id = kiosk_id;
  f.signer_kiosk_id = kiosk_id;
  f.sealed_to = to.key_id();
  f.sealed_payload = crypto::seal(to, payload_json);
  crypto::Result<std::string> sig = crypto::sign_record(key, f);
  if (!sig) throw std::runtime_error("sealed(): " + sig.error());
  s.id = f.id;
  s.created_at = f.created_at;
  s.sealed_payload = f.sealed_payload;
  s.sealed_to = f.sealed_to;
  s.signer_kiosk_id = kiosk_id;
  s.collector_public_key = key.public_key_base64();
  s.signature = *sig;
  s.payload_json.clear();
  return s;
}

// The demo department's secret (tests/support/demo-department.secret: public by design).
inline const crypto::DepartmentSecretKey& demo_secret() {
  static const crypto::DepartmentSecretKey key = [] {
    auto k = crypto::read_department_secret_file(std::string(KIOSK_SOURCE_DIR) +
                                                 "/tests/support/demo-department.secret");
    if (!k) throw std::runtime_error(k.error());
    return *k;
  }();
  return key;
}

// The plaintext of a row sealed to the demo key; "" when erased; throws when it does not open.
inline std::string open_demo(const std::vector<unsigned char>& sealed_payload) {
  if (sealed_payload.empty()) return "";
  auto opened =
      crypto::open_sealed(crypto::DepartmentPublicKey::demo(), demo_secret(), sealed_payload);
  if (!opened) throw std::runtime_error("open_demo: the payload does not open with the demo key");
  return std::string(opened->begin(), opened->end());
}

}  // namespace kiosk::testing
