// FormUi: wiping the form screens' state with the visitor's session.
#include "ui/screens/form_ui.h"

namespace kiosk::ui {

void FormUi::wipe() {
  flow.wipe();
  kb.reset();
  open_date.clear();
  pickers.clear();
  spans.clear();
  fields_scroll = 0;
  fields_end = 0;
  leave_prompt = false;
  leave_back = false;
  done_prompt = false;
  pending_focus.clear();
  scroll_to_focus = false;
  scroll_to_field.clear();
  reveal_field.clear();
  shown_step = -1;
  keys.clear();
}

bool FormUi::all_buffers_zero_for_test() const {
  return flow.all_buffers_zero_for_test() && kb.is_reset() && open_date.empty() &&
         pickers.empty() && !leave_prompt && keys.empty();
}

void FormUi::attach(App& app) {
  app.add_reset_hook([this] { wipe(); });
}

}  // namespace kiosk::ui
