// Confirmation codes: the short code a visitor takes home ("CR-7K3Q-9F2M"), derived from the
// submission id so the department can recompute it. Format and derivation in docs/forms.md.
//
// Alphabet: 2-9 and A-Z without I, L, O, U (30 symbols: no 0/O, 1/I/L look-alikes, no U so no
// accidental words). Eight symbols = 30^8 ≈ 6.6e11 codes (39.3 bits); with 10,000 submissions the
// chance that any two share a code is about 1 in 13,000, so the code is a reference for people,
// while the submission id stays the key.
#pragma once
#include <string>
#include <string_view>

namespace kiosk::forms {

inline constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

// "<PREFIX>-XXXX-XXXX": BLAKE2b with a 16-byte output (libsodium crypto_generichash, no key) of
// "kiosk-confirmation-v1:" + submission_id; its first 8 bytes read as a little-endian integer,
// taken modulo 30^8 and written as 8 base-30 digits (most significant first) in kCodeAlphabet.
std::string confirmation_code(std::string_view prefix, std::string_view submission_id);

// True for "XY-ABCD-EFGH" with a two-letter prefix and eight alphabet symbols.
bool is_confirmation_code(std::string_view code);

}  // namespace kiosk::forms
