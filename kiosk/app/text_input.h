// TextInput: what the on-screen keyboard types into — any text field (a form's focused field, a
// staff field, a folder path). The keyboard knows only this; each owner applies its own rules
// (length, allowed characters) and keeps its own refusal message.
#pragma once
#include <string_view>

namespace kiosk {

class TextInput {
 public:
  virtual ~TextInput() = default;
  // Types `utf8` (one key's text) at the end of the field; the owner may refuse it.
  virtual void insert_text(std::string_view utf8) = 0;
  // Removes the last character (one code point).
  virtual void delete_back() = 0;
};

}  // namespace kiosk
