// SignaturePad: a 3:1 box the visitor signs in with a finger. A press inside begins a stroke and
// every move adds a point (normalised 0..1), drawn as lines. Its rectangle is a raw zone
// (Ui::raw_zones): a finger on it is never turned into a scroll, so the pad gets the whole drag.
// "Clear" below erases the strokes; "Type your name instead" beside it is for a visitor who cannot
// draw (the caller switches the field to a typed name). Registered as the field's label (text:
// empty/signed state).
#pragma once
#include <string>

#include "kiosk/forms/form_session.h"
#include "ui/widgets/ui.h"

namespace kiosk::ui {

float signature_pad_height(const Ui& ui, float width);
// Draws the pad for `field` of `session` at the cursor, `width` wide. True when "Type your name
// instead" was pressed.
bool signature_pad(Ui& ui, forms::FormSession& session, const std::string& field,
                   const std::string& label, float width);

}  // namespace kiosk::ui
