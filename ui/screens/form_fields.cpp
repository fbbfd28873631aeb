// Form fields: one function per kind of answer — typed (keyboard), address (five typed parts),
// date (calendar), time, number (stepper), choices, consent, signature — each with its label, help
// and the error beside it, in the visitor's language.
#include <algorithm>

#include "kiosk/forms/answers.h"
#include "kiosk/forms/phone_intl.h"
#include "ui/screens/chrome.h"
#include "ui/screens/form_parts.h"
#include "ui/widgets/choice_button.h"
#include "ui/widgets/consent_box.h"
#include "ui/widgets/date_picker.h"
#include "ui/widgets/signature_pad.h"
#include "ui/widgets/stepper.h"
#include "ui/widgets/text_field.h"
#include "ui/widgets/time_picker.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

using forms::FieldSpec;
using forms::FieldType;
using forms::FormSession;
using forms::Part;

constexpr Part kAddressParts[] = {Part::Street, Part::Unit, Part::City, Part::State, Part::Zip};

bool typed(FieldType t) {
  return forms::is_text_type(t) || t == FieldType::PhoneUs || t == FieldType::PhoneIntl;
}

}  // namespace

std::string target_key(const TextTarget& t) { return t.field + "/" + forms::part_name(t.part); }

namespace {

const char* part_key(Part p) {
  switch (p) {
    case Part::Street: return "addr.street";
    case Part::Unit: return "addr.unit";
    case Part::City: return "addr.city";
    case Part::State: return "addr.state";
    case Part::Zip: return "addr.zip";
    case Part::None: break;
  }
  return "";
}

// Moves the cursor to the left edge of the field column, `dy` below where it is.
void next_line(float x, float dy = 0) {
  ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + dy));
}

// The line under a field where its message goes: reserved even when empty, so a message that
// appears (or goes) moves nothing below it. A longer message wraps and takes what it needs.
void error_slot(Ui& ui, const std::optional<LocalText>& e, float width) {
  float x = ImGui::GetCursorScreenPos().x;
  if (e)
    text(ui, ui.t(*e), ui.f().body_bold, ui.p().alert, width, false, Control::Alert);
  else
    ImGui::Dummy(ImVec2(width, line_height(ui.f().body_bold)));
  next_line(x);
}

// Where a piece of the step lies in the field region's content coordinates (for FormUi::spans).
std::pair<float, float> content_span(float top_screen, float bottom_screen) {
  float win_y = ImGui::GetWindowPos().y, scroll = ImGui::GetScrollY();
  return {top_screen - win_y + scroll, bottom_screen - win_y + scroll};
}

// One typed box (a field or an address part): tap to focus, scroll into view when focused.
unsigned typed_box(Ui& ui, FormUi& fu, FormSession& s, const FieldSpec& f, Part part,
                   const std::string& label, float width) {
  float x = ImGui::GetCursorScreenPos().x;
  TextTarget target{f.id, part};
  bool focused = fu.flow.focus() == target;
  auto err = s.error(f.id, part);
  ImVec2 top = ImGui::GetCursorScreenPos();
  TextFieldLook look{focused, f.type == FieldType::LongText, err.has_value()};
  look.help = ui.t(f.help);
  std::string id = f.id + "/" + forms::part_name(part);
  unsigned item = 0;
  if (text_field(ui, id.c_str(), label, s.text(f.id, part), width, look, &item)) {
    focus_target(fu, f, target);
    fu.keys_typing = ui.focus.active();  // reached by keys: typed on the physical keyboard
  } else if (focused && ui.focus.moved() && !ui.focus.is(item)) {
    fu.flow.set_focus(std::nullopt);  // keypad focus went on: the typing goes with it
    fu.keys_typing = false;
  } else if (focused && !ui.focus.active()) {
    ui.focus.set_anchor(item);  // tapped: a Tab moves on from here
  }
  next_line(x);
  // The keyboard's refusal ("Only digits here") takes the message line while it lasts.
  error_slot(ui, focused && fu.flow.input_message() ? fu.flow.input_message() : err, width);
  // With its label above and a gap below: what must be in view when it has the keyboard.
  fu.spans[target_key(target)] =
      content_span(top.y - ui.m().gap - line_height(ui.f().body_bold) * 1.5f,
                   ImGui::GetCursorScreenPos().y + ui.m().gap);
  // The box alone, with a little air: what must show when the whole does not fit.
  fu.spans[target_key(target) + kBoxSpan] =
      content_span(top.y - ui.m().gap * 0.25f,
                   top.y + text_field_height(ui, look.multiline) + ui.m().gap * 0.25f);
  if (focused && fu.scroll_to_focus) {
    // Not placed before this frame (a step just entered): scroll now, in view next frame.
    // Keep the whole box (and its message) in view above the keyboard.
    float win_y = ImGui::GetWindowPos().y, win_h = ImGui::GetWindowSize().y,
          scroll = ImGui::GetScrollY();
    float top_local = top.y - win_y + scroll - ui.m().gap - line_height(ui.f().body_bold) * 1.5f;
    float bottom_local = ImGui::GetCursorScreenPos().y - win_y + scroll + ui.m().gap;
    if (bottom_local - top_local > win_h) {
      // With its label and message it does not fit: the box at the bottom, what is asked above.
      ImGui::SetScrollY(std::max(0.0f, fu.spans[target_key(target) + kBoxSpan].second - win_h));
    } else if (top_local < scroll)
      ImGui::SetScrollY(std::max(0.0f, top_local));
    else if (bottom_local > scroll + win_h)
      ImGui::SetScrollY(std::max(0.0f, std::min(top_local, bottom_local - win_h)));
    fu.scroll_to_focus = false;
  }
  return item;
}

// The field whose "Type your name instead" was pressed by keys: its name box takes the keypad
// focus when it first appears (the pressed button is gone by then).
std::string g_typed_signature_to_focus;

// A signature drawn on the pad, or typed as the visitor's full name with what typing it means.
void signature_field(Ui& ui, FormUi& fu, FormSession& s, const FieldSpec& f,
                     const std::string& label, float width) {
  if (!s.signature(f.id).typed()) {
    if (signature_pad(ui, s, f.id, label, width)) {
      s.set_signature_typed(f.id, true);
      if (ui.focus.active()) g_typed_signature_to_focus = f.id;
    }
    return;
  }
  const Metrics& m = ui.m();
  float x = ImGui::GetCursorScreenPos().x;
  text(ui, ui.t("typedsig.attest"), ui.f().small, ui.p().muted, width);
  next_line(x, m.gap * 0.25f);
  const std::string& name_label = ui.t("typedsig.field");
  text(ui, name_label, ui.f().body_bold, ui.p().text, width);
  next_line(x);
  unsigned item = typed_box(ui, fu, s, f, Part::None, name_label, width);
  if (g_typed_signature_to_focus == f.id) {
    g_typed_signature_to_focus.clear();
    ui.focus.set(item);
    focus_target(fu, f, TextTarget{f.id, Part::None});
    fu.keys_typing = true;
  }
  ChoiceLook look;
  look.check = false;
  const std::string& draw = ui.t("typedsig.draw_instead");
  if (choice_button(ui, "draw", draw, draw, std::min(width, m.tap_h * 6), look)) {
    if (fu.flow.focus() && fu.flow.focus()->field == f.id) fu.flow.set_focus(std::nullopt);
    s.set_signature_typed(f.id, false);
  }
}

void address(Ui& ui, FormUi& fu, FormSession& s, const FieldSpec& f, float width) {
  const Metrics& m = ui.m();
  float x = ImGui::GetCursorScreenPos().x;
  float half = (width - m.gap) * 0.5f;
  auto part = [&](Part p, float px, float w) {
    next_line(px);
    ImGui::SetCursorScreenPos(ImVec2(px, ImGui::GetCursorScreenPos().y));
    ImGui::BeginGroup();
    const std::string& label = ui.t(part_key(p));
    text(ui, label, ui.f().body, ui.p().text, w);
    ImGui::SetCursorScreenPos(ImVec2(px, ImGui::GetCursorScreenPos().y));
    typed_box(ui, fu, s, f, p, label, w);
    ImGui::EndGroup();
  };
  part(Part::Street, x, width);
  // Two parts side by side: the row is as tall as the taller (an error under one of them).
  for (auto [a, b] : {std::pair{Part::Unit, Part::City}, std::pair{Part::State, Part::Zip}}) {
    float y0 = ImGui::GetCursorScreenPos().y + m.gap * 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(x, y0));
    part(a, x, half);
    float y1 = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(x + half + m.gap, y0));
    part(b, x + half + m.gap, half);
    float y2 = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(x, std::max(y1, y2)));
  }
}

void date(Ui& ui, FormUi& fu, FormSession& s, const FieldSpec& f, float width) {
  const Metrics& m = ui.m();
  float x = ImGui::GetCursorScreenPos().x;
  auto value = s.date(f.id);
  auto [lo, hi] = s.date_range(f.id);
  if (fu.open_date != f.id) {
    // Closed: the chosen date (or "Choose a date") in a box; a tap opens the calendar.
    ChoiceLook look;
    look.check = false;
    std::string shown = value ? forms::format_date_long(*value, ui.lang()) : ui.t("date.choose");
    look.control = Control::Field;  // a date field, read with its date
    if (value) look.value = shown;
    look.help = ui.t(f.help);
    if (choice_button(ui, (f.id + "/box").c_str(), shown, ui.t(f.label),
                      std::min(width, m.tap_h * 8), look)) {
      fu.open_date = f.id;
      fu.pickers.erase(f.id);  // opens afresh: at the answer, else where this range starts
      fu.reveal_field = f.id;  // the calendar comes into view as it opens
      fu.flow.set_focus(std::nullopt);
    }
    return;
  }
  auto it = fu.pickers.find(f.id);
  if (it == fu.pickers.end())
    it = fu.pickers.emplace(f.id, forms::open_date_picker(f.id, value, lo, hi, s.today())).first;
  // The answer in words, or that there is none yet: one line either way, so picking moves nothing.
  text(ui, value ? forms::format_date_long(*value, ui.lang()) : ui.t("date.choose"), ui.f().heading,
       value ? ui.p().primary : ui.p().muted, width);
  next_line(x, m.gap * 0.25f);
  float w = std::min(width, m.tap_h * 11.5f);
  DateTap tap = date_picker(ui, f.id.c_str(), it->second, value, lo, hi, s.today(), w, f.schedule);
  if (tap.picked) {
    s.set_date(f.id, *tap.picked);
    fu.flow.set_focus(std::nullopt);
  }
  if (tap.refused) fu.scroll_to_field = f.id;  // why not: the message under the calendar
}

// Why the day tapped last in this field's calendar cannot be chosen (the validator's words).
std::optional<LocalText> date_notice(const FormUi& fu, const FormSession& s, const FieldSpec& f) {
  auto it = fu.pickers.find(f.id);
  if (fu.open_date != f.id || it == fu.pickers.end() || !it->second.refused) return std::nullopt;
  return s.date_refusal(f.id, *it->second.refused);
}

// An international phone: the country buttons (US/Canada first, "Other" last) put its code in
// front of the number, the keypad (with "+") types the rest, and a valid number is shown back as
// it will be read ("+44 20 7946 0958") above the box. The country is the number's own prefix, so nothing else
// is stored.
void phone_intl(Ui& ui, FormUi& fu, FormSession& s, const FieldSpec& f, const std::string& label,
                const FieldContext& ctx, float width) {
  const Metrics& m = ui.m();
  float x = ImGui::GetCursorScreenPos().x;
  std::string number(s.text(f.id));
  // A US number (no "+") needs no country: one button opens the list, which stays while the
  // number starts with "+" ("US or Canada +1" in it closes it again).
  if (!std::string_view(number).starts_with('+')) {
    ChoiceLook look;
    std::string id = f.id + "/outside_us";
    std::string words = ui.t("phone.outside_us");
    float bw = std::min(ctx.width, m.tap_h * 8);
    if (choice_button(ui, id.c_str(), words, choice_label(ctx, label, words), bw, look)) {
      s.set_text(f.id, Part::None, "+");
      focus_target(fu, f, TextTarget{f.id, Part::None});
    }
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + m.gap * 0.5f));
    typed_box(ui, fu, s, f, Part::None, label, width);
    forms::wipe_buffer(number);
    return;
  }
  text(ui, ui.t("phone.country"), ui.f().small, ui.p().muted, ctx.width);
  next_line(x);
  const forms::PhoneCountry* chosen = forms::phone_country_of(number);
  const auto countries = forms::phone_countries();
  const std::size_t n = countries.size() + 1;  // and "Other"
  const int cols = ctx.width >= m.tap_h * 13 ? 3 : 2;
  const float cw = (ctx.width - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float y = origin.y;
  ChoiceLook look;
  for (std::size_t row = 0; row * cols < n; ++row) {
    std::size_t end = std::min(n, (row + 1) * static_cast<std::size_t>(cols));
    float row_h = 0;
    auto text_of = [&](std::size_t k) {
      return ui.t(k < countries.size() ? "phone.country." + std::string(countries[k].id)
                                       : std::string("phone.country.other"));
    };
    for (std::size_t k = row * cols; k < end; ++k)
      row_h = std::max(row_h, choice_button_height(ui, text_of(k), cw, look));
    for (std::size_t k = row * cols; k < end; ++k) {
      ImGui::SetCursorScreenPos(
          ImVec2(origin.x + static_cast<float>(k - row * cols) * (cw + m.gap), y));
      const forms::PhoneCountry* c = k < countries.size() ? &countries[k] : nullptr;
      look.selected = c ? chosen == c : chosen == nullptr;
      look.min_h = row_h;
      std::string id = f.id + "/country/" + (c ? std::string(c->id) : std::string("other"));
      std::string words = text_of(k);
      if (choice_button(ui, id.c_str(), words, choice_label(ctx, label, words), cw, look)) {
        std::string changed = forms::with_country(number, c);
        s.set_text(f.id, Part::None, changed);
        forms::wipe_buffer(changed);
        focus_target(fu, f, TextTarget{f.id, Part::None});
      }
    }
    y += row_h + m.gap * 0.5f;
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, y + m.gap * 0.25f));
  // The preview sits just above the box, inside what stays in view above the keypad; its line is
  // kept even while empty so the box does not move as the number becomes valid.
  std::string e = forms::e164(s.text(f.id));
  if (!e.empty() && !e.starts_with("+1")) {
    std::string shown = forms::format_e164(e);
    text(ui, ui.str.format(ui.lang(), "phone.preview", {{"number", shown}}), ui.f().body_bold,
         ui.p().text, ctx.width);
    forms::wipe_buffer(shown);
  } else {
    ImGui::Dummy(ImVec2(ctx.width, line_height(ui.f().body_bold)));
  }
  next_line(x);
  typed_box(ui, fu, s, f, Part::None, label, width);
  forms::wipe_buffer(e);
  forms::wipe_buffer(number);
}

void choices(Ui& ui, FormUi& fu, FormSession& s, const FieldSpec& f, const FieldContext& ctx) {
  const Metrics& m = ui.m();
  std::vector<std::string> texts = choice_texts(ui, f);
  std::vector<std::string> ids;
  if (f.type == FieldType::YesNo)
    ids = {"yes", "no"};
  else
    for (const auto& c : f.choices) ids.push_back(c.id);
  int cols = texts.size() <= 2 ? 2 : (ctx.width >= m.tap_h * 13 ? 3 : 2);
  float cw = (ctx.width - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  if (texts.size() <= 2) cw = std::min(cw, m.tap_h * 5);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float y = origin.y;
  ChoiceLook look;
  look.help = ui.t(f.help);
  for (std::size_t row = 0; row * cols < texts.size(); ++row) {
    float row_h = 0;
    std::size_t end = std::min(texts.size(), (row + 1) * static_cast<std::size_t>(cols));
    for (std::size_t k = row * cols; k < end; ++k)
      row_h = std::max(row_h, choice_button_height(ui, texts[k], cw, look));
    for (std::size_t k = row * cols; k < end; ++k) {
      ImGui::SetCursorScreenPos(
          ImVec2(origin.x + static_cast<float>(k - row * cols) * (cw + m.gap), y));
      look.selected = s.is_chosen(f.id, ids[k]);
      look.min_h = row_h;
      std::string id = f.id + "/" + ids[k];
      if (choice_button(ui, id.c_str(), texts[k], choice_label(ctx, ui.t(f.label), texts[k]), cw,
                        look)) {
        if (f.type == FieldType::MultiChoice)
          s.toggle(f.id, ids[k]);
        else
          s.choose(f.id, ids[k]);
        fu.flow.set_focus(std::nullopt);
      }
    }
    y += row_h + m.gap * 0.5f;
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, y));
}

}  // namespace

std::vector<TextTarget> text_targets(const FormSession& s,
                                     const std::vector<const FieldSpec*>& fields) {
  std::vector<TextTarget> out;
  for (const FieldSpec* f : fields) {
    if (typed(f->type) || (f->type == FieldType::Signature && s.signature(f->id).typed()))
      out.push_back({f->id, Part::None});
    if (f->type == FieldType::AddressUs)
      for (Part p : kAddressParts) out.push_back({f->id, p});
  }
  return out;
}

void focus_target(FormUi& fu, const FieldSpec& field, const TextTarget& t) {
  const FormSession* s = fu.flow.session();
  bool empty = !s || s->text(t.field, t.part).empty();
  if (fu.flow.focus() != t) fu.kb.on_focus(field.type, t.part, empty);
  fu.flow.set_focus(t);
  // An open calendar stays open: closing it would move every field under it as the keyboard comes.
  fu.scroll_to_focus = true;
}

std::vector<std::string> choice_texts(const Ui& ui, const FieldSpec& f) {
  std::vector<std::string> out;
  if (f.type == FieldType::YesNo) return {ui.t("form.yes"), ui.t("form.no")};
  for (const auto& c : f.choices) out.push_back(ui.t(c.label));
  return out;
}

std::string choice_label(const FieldContext& ctx, const std::string& field_label,
                         const std::string& choice) {
  return ctx.dup_labels.count(choice) ? field_label + ": " + choice : choice;
}

void draw_field(Ui& ui, FormUi& fu, FormSession& s, const FieldSpec& f, const FieldContext& ctx) {
  const Metrics& m = ui.m();
  float x = ImGui::GetCursorScreenPos().x;
  float top = ImGui::GetCursorScreenPos().y;
  float w = ctx.width;
  ImGui::PushID(f.id.c_str());
  ui.reg.begin_group(ImGui::GetID("field"));  // its parts stay together in Tab order
  const std::string& label = ui.t(f.label);
  if (f.type != FieldType::Consent) {
    text(ui, label, ui.f().body_bold, ui.p().text, w);
    next_line(x);
  }
  if (!ui.t(f.help).empty()) {
    text(ui, ui.t(f.help), ui.f().small, ui.p().muted, w);
    next_line(x);
  }
  if (f.type == FieldType::Signature && !s.signature(f.id).typed()) {
    text(ui, ui.t("signature.hint"), ui.f().small, ui.p().muted, w);
    next_line(x);
  }
  next_line(x, m.gap * 0.25f);
  switch (f.type) {
    case FieldType::Text:
    case FieldType::LongText:
    case FieldType::PersonName:
    case FieldType::Email:
    case FieldType::PhoneUs:
      typed_box(ui, fu, s, f, Part::None, label,
                f.type == FieldType::PhoneUs ? std::min(w, m.tap_h * 7) : w);
      break;
    case FieldType::PhoneIntl:
      phone_intl(ui, fu, s, f, label, ctx, std::min(w, m.tap_h * 7));
      break;
    case FieldType::AddressUs: address(ui, fu, s, f, w); break;
    case FieldType::Date: date(ui, fu, s, f, w); break;
    case FieldType::Time:
      if (auto t = time_picker(ui, f.id.c_str(), s.time(f.id), std::min(w, m.tap_h * 16),
                               ctx.several_times ? label : std::string())) {
        s.set_time(f.id, *t);
        fu.flow.set_focus(std::nullopt);
      }
      break;
    case FieldType::Number: {
      const auto& n = s.answer(f.id).number;
      std::string shown = n ? std::to_string(*n) : ui.t("number.not_set");
      if (int d = stepper(ui, f.id.c_str(), label, shown, std::min(w, m.tap_h * 7))) {
        s.step_number(f.id, d);
        fu.flow.set_focus(std::nullopt);
      }
      break;
    }
    case FieldType::SingleChoice:
    case FieldType::MultiChoice:
    case FieldType::YesNo: choices(ui, fu, s, f, ctx); break;
    case FieldType::Consent:
      if (consent_box(ui, "consent", ui.t(f.consent_text), label, s.answer(f.id).agreed, w,
                      ui.t(f.help))) {
        s.set_agreed(f.id, !s.answer(f.id).agreed);
        fu.flow.set_focus(std::nullopt);
      }
      break;
    case FieldType::Signature: signature_field(ui, fu, s, f, label, w); break;
  }
  next_line(x);
  // A typed signature's name box has its own message line.
  bool typed_signature = f.type == FieldType::Signature && s.signature(f.id).typed();
  if (f.type != FieldType::AddressUs && !typed(f.type) && !typed_signature) {
    auto notice = f.type == FieldType::Date ? date_notice(fu, s, f) : std::nullopt;
    error_slot(ui, notice ? notice : s.error(f.id), w);
  }
  fu.spans[f.id] = content_span(top - m.gap, ImGui::GetCursorScreenPos().y + m.gap);
  if (fu.reveal_field == f.id && f.type == FieldType::Date && fu.open_date == f.id)
    // Opened by this frame's tap: next frame it is as tall as its calendar and the answer line.
    fu.spans[f.id].second +=
        date_picker_height(ui, std::min(w, m.tap_h * 11.5f)) + line_height(ui.f().heading);
  if (fu.scroll_to_field == f.id) {
    // Not placed before this frame: scroll now, in view next frame.
    // Bring the field with the error into view: its end (where the message is) if it is tall.
    float win_y = ImGui::GetWindowPos().y, win_h = ImGui::GetWindowSize().y,
          scroll = ImGui::GetScrollY();
    float t = top - win_y + scroll, b = ImGui::GetCursorScreenPos().y - win_y + scroll + m.gap;
    if (t < scroll || b > scroll + win_h)
      ImGui::SetScrollY(std::max(0.0f, b - t > win_h ? b - win_h : t - m.gap));
    fu.scroll_to_field.clear();
  }
  ui.reg.end_group();
  ImGui::PopID();
  next_line(x, m.gap * 1.5f);
}

}  // namespace kiosk::ui
