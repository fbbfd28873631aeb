// Lang: the two languages every visitor-facing text exists in, and bilingual text.
#pragma once
#include <string>

namespace kiosk {

enum class Lang { En, Es };

inline const char* lang_code(Lang l) { return l == Lang::Es ? "es" : "en"; }
inline bool parse_lang(const std::string& s, Lang& out) {
  if (s == "en")
    out = Lang::En;
  else if (s == "es")
    out = Lang::Es;
  else
    return false;
  return true;
}

// Text in English and Spanish. Loaders guarantee both are non-empty for visitor-facing text.
struct LocalText {
  std::string en;
  std::string es;
  const std::string& get(Lang l) const { return l == Lang::Es ? es : en; }
};

}  // namespace kiosk
