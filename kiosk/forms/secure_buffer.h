// The secure buffers (kiosk/core/secure_buffer.h) under the forms' names, so code that speaks of
// forms::SecureString (the answers, the screens that show them) keeps doing so.
#pragma once
#include "kiosk/core/secure_buffer.h"

namespace kiosk::forms {

using kiosk::buffer_is_zero;
using kiosk::SecureString;
using kiosk::SecureVector;
using kiosk::to_secure;
using kiosk::wipe_buffer;
using kiosk::ZeroingAllocator;

}  // namespace kiosk::forms
