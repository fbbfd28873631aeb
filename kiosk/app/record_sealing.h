// Turning a validated form into what the outbox stores (issue 10): the self-describing payload
// sealed to the department key and signed by this kiosk (kiosk/forms/sealed_payload.h), as a
// store::NewSubmission. FormFlow's save and `kiosk --submit` both come through here.
//
// Invariants: the draft's plaintext is wiped before returning, saved or refused; the result holds
// no answer in clear; a line break in a signed field (the staff event tag) is refused, with a reason
// that names the field.
#pragma once
#include <memory>
#include <string>

#include "kiosk/config/config.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/lang.h"
#include "kiosk/crypto/department_key.h"
#include "kiosk/crypto/result.h"
#include "kiosk/crypto/signing_key.h"
#include "kiosk/forms/form_session.h"
#include "kiosk/forms/sealed_payload.h"
#include "offline-cache/outbox.h"

namespace kiosk {

// Who seals this kiosk's records and to whom.
struct SealingIdentity {
  crypto::DepartmentPublicKey to;
  std::shared_ptr<const crypto::KioskSigningKey> key;
  std::string kiosk_id;  // this kiosk (the outbox's kiosk id)

  // The configured key (sealing_key(): the demo key when none), <data_dir>/signing-key
  // (made if absent) and `kiosk_id`. Throws crypto::CryptoError for an unreadable signing key.
  static SealingIdentity load(const Config& config, const std::string& data_dir,
                              std::string kiosk_id);
};

// The row for `draft`: id and created_at chosen now, the payload described with `form`'s labels in
// English and `lang`, sealed and signed. Wipes draft.payload_json. Fails (why) on a line break in
// a signed field. `event_id` is the specific event signed up for ("" = none): signed, not sealed.
crypto::Result<store::NewSubmission> seal_submission(const SealingIdentity& who,
                                                     const forms::FormSpec& form,
                                                     forms::SubmissionDraft& draft, Lang lang,
                                                     const std::string& event_tag, Clock& clock,
                                                     const std::string& event_id = {});

// A sealed record as the outbox stores it.
store::NewSubmission to_new_submission(forms::SealedRecord record);

}  // namespace kiosk
