// Small key files (one line of base64): created exclusively with a fixed mode, read with a size cap.
// Internal to kiosk/crypto; the public functions are in department_key.h and signing_key.h.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/secure_buffer.h"

namespace kiosk::crypto::detail {

enum class CreateResult { Created, Exists, Failed };

// Writes `text` to a new file at `path` with `mode`, durably (fsync of the file and its directory),
// never replacing an existing file: the text is written to a temporary file first and linked into
// place with link(2), which fails when `path` exists, so no reader sees a half-written key.
// On Failed, errno is set.
CreateResult create_file_exclusively(const std::string& path, const SecureString& text,
                                     unsigned mode);

// The file's text (at most 4 KiB read), or nullopt with errno set. Wiped when freed.
std::optional<SecureString> read_key_file(const std::string& path);

// The text with surrounding spaces, tabs, CR and LF removed.
std::string_view trim_line(std::string_view text);

}  // namespace kiosk::crypto::detail
