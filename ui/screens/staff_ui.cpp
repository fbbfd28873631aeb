// StaffUi: settings, the PIN guard, typed text, messages and the write lock for the staff screens.
#include "ui/screens/staff_ui.h"

#include "kiosk/core/log.h"
#include "kiosk/forms/form_spec.h"

namespace kiosk::ui {
namespace {

// The staff screens' typed text as a one-step form of two plain text fields, so the visitor's
// on-screen keyboard (which types into a FormFlow) serves staff too.
std::shared_ptr<const forms::FormSpec> staff_text_form() {
  static const std::shared_ptr<const forms::FormSpec> spec = [] {
    forms::FormSpec f;
    f.id = "staff_text";
    f.code_prefix = "ST";
    f.title = LocalText{"Staff", "Staff"};
    forms::StepSpec step;
    step.id = "staff";
    forms::FieldSpec tag;
    tag.id = kEventTagField;
    tag.label = LocalText{"Event tag", "Event tag"};
    tag.max_length = static_cast<int>(kEventTagMax);
    forms::FieldSpec dir;
    dir.id = kExportDirField;
    dir.label = LocalText{"Folder", "Folder"};
    dir.max_length = 1024;
    step.fields = {tag, dir};
    f.steps.push_back(step);
    return std::make_shared<const forms::FormSpec>(std::move(f));
  }();
  return spec;
}

}  // namespace

StaffUi::StaffUi(Clock& c)
    : clock(c), text(c, [](const store::NewSubmission&) -> std::string {
        throw store::StoreError(store::StoreErrorKind::Other,
                                "staff text is never saved as a submission");
      }) {}

void StaffUi::load_settings(App& app) {
  if (!outbox) return;
  try {
    event_tag = outbox->setting("event_tag").value_or("");
    Profile p = Profile::Lobby;
    auto stored = outbox->setting("profile");
    if (stored && !parse_profile(*stored, p))
      log::warn("settings: unknown profile value; using lobby");
    app.set_profile(p);
  } catch (const store::StoreError& e) {
    log::error(std::string("settings: cannot read the event tag and profile: ") + e.what());
  }
}

bool StaffUi::store_setting(const std::string& key, const std::string& value,
                            const std::string& audit_kind) {
  if (!outbox) return false;
  try {
    auto w = write_lock();
    outbox->set_setting(key, value);
    outbox->record_event(audit_kind, value);  // an event tag or profile name: not personal data
    return true;
  } catch (const store::StoreError& e) {
    log::error(std::string("staff: cannot store the setting ") + key + ": " + e.what());
    return false;
  }
}

bool StaffUi::pin_is_set() {
  staff::PinGuard* g = guard();
  if (!g) return false;
  try {
    return g->is_set();
  } catch (const store::StoreError& e) {
    log::error(std::string("staff: cannot read the PIN setting: ") + e.what());
    return false;
  }
}

staff::PinGuard* StaffUi::guard() {
  if (!outbox) return nullptr;
  if (!guard_ || guard_outbox_ != outbox) {
    guard_ = std::make_unique<staff::PinGuard>(*outbox, clock);
    guard_outbox_ = outbox;
  }
  return guard_.get();
}

void StaffUi::edit_text(const char* field, const std::string& initial) {
  text.wipe();
  text.start(staff_text_form(), "staff", Lang::En);
  if (forms::FormSession* s = text.session()) s->set_text(field, forms::Part::None, initial);
  kb.reset();
  kb.on_focus(forms::FieldType::Text, forms::Part::None, initial.empty());
  text.set_focus(TextTarget{field, forms::Part::None});
}

std::string StaffUi::text_of(const char* field) const {
  const forms::FormSession* s = text.session();
  return s ? std::string(s->text(field)) : std::string();
}

void StaffUi::stop_text() {
  text.wipe();
  kb.reset();
  keys.clear();
}

void StaffUi::say(const App& app, std::string words) {
  message = std::move(words);
  message_screen = std::string(screen_name(app.screen())) + "/" + app.route().id;
}

const std::string* StaffUi::said(const App& app) const {
  if (message.empty() ||
      message_screen != std::string(screen_name(app.screen())) + "/" + app.route().id)
    return nullptr;
  return &message;
}

std::unique_lock<sync::FairMutex> StaffUi::write_lock() {
  if (engine) return engine->write_lock();
  return {};
}

void StaffUi::reset() {
  pin.clear();
  pin_message.clear();
  holding = false;
  stop_text();
  confirm_exit = false;
  discard_asked = 0;
  message.clear();
  message_screen.clear();
  export_lines.clear();
}

void StaffUi::attach(App& app) {
  app.add_reset_hook([this] { reset(); });
}

}  // namespace kiosk::ui
