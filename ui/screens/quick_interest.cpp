// Quick interest (booth): one screen for a festival visitor with 30 seconds — a name, one
// contact (e-mail or phone, chosen by two buttons), the sign-up consent and the programs they
// tick (two columns in landscape), then Send: one sign-up record per program (QuickInterest).
// Each program keeps its full sign-up form one tap away. After saving, the codes stay on this
// screen until Done or the end of the visit.
#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/app/quick_interest.h"
#include "ui/screens/chrome.h"
#include "ui/screens/form_ui.h"
#include "ui/screens/screens.h"
#include "ui/widgets/choice_button.h"
#include "ui/widgets/on_screen_keyboard.h"
#include "ui/widgets/text_field.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

// What this screen keeps between frames besides the model: the keyboard's page and shift (no
// visitor text), why the last Send did not save, and the session it belongs to.
struct QuickScreen {
  KeyboardState kb;
  unsigned session = ~0u;
  bool keys_typing = false;       // the focused box took the typing by keypad focus
  const char* refusal = nullptr;  // string key: why the last Send stored nothing
  bool scroll_top = false;        // bring the programs' error into view
  bool scroll_to_focus = false;   // bring the focused box into view above the keyboard
  bool kb_open = false;           // this frame's layout leaves room for the keyboard
  std::string reveal;             // after a refused Send: the first typed box in error
  int reveal_frames = 0;          // frames left to keep it in view (its message grows the list)
};

QuickScreen& screen_state(const Ui& ui) {
  static QuickScreen s;
  if (s.session != ui.app.session()) {
    s = QuickScreen{};
    s.session = ui.app.session();
  }
  return s;
}

// The typed boxes in their order on screen (Next on the keyboard, Return on a keypad).
std::vector<std::string> text_order(const QuickInterest& q) {
  return {kQuickFirstName, kQuickLastName, q.contact_field()};
}

void focus_field(QuickInterest& q, QuickScreen& st, const std::string& id) {
  const forms::FieldSpec* f = q.field(id);
  if (f && q.focus() != id) st.kb.on_focus(f->type, forms::Part::None, q.text(id).empty());
  q.set_focus(id);
  st.scroll_to_focus = true;
}

void focus_next(QuickInterest& q, QuickScreen& st) {
  auto order = text_order(q);
  auto it = q.focus() ? std::find(order.begin(), order.end(), *q.focus()) : order.end();
  if (it != order.end() && it + 1 != order.end())
    focus_field(q, st, *(it + 1));
  else
    q.set_focus(std::nullopt);
}

// A field's error (or the keyboard's refusal while it is focused) on its own line. The line is
// reserved once Send showed the errors, so fixing one does not move the others; before that the
// screen stays short enough for the name, contact and consent to fit in view at 1080p.
void error_line(Ui& ui, const QuickInterest& q, const std::optional<LocalText>& e, float width) {
  if (e)
    text(ui, ui.t(*e), ui.f().body_bold, ui.p().alert, width, false, Control::Alert);
  else if (q.errors_shown())
    ImGui::Dummy(ImVec2(width, line_height(ui.f().body_bold)));
}

// One typed answer: its label above, the box, its error line.
void typed_field(Ui& ui, QuickInterest& q, QuickScreen& st, const char* id, float width,
                 const std::string& help = {}) {
  const forms::FieldSpec* f = q.field(id);
  if (!f) return;
  float x = ImGui::GetCursorScreenPos().x;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  text(ui, ui.t(f->label), ui.f().body_bold, ui.p().text, width);
  move_to(ImVec2(x, ImGui::GetCursorScreenPos().y));
  if (!help.empty()) {
    text(ui, help, nullptr, ui.p().muted, width);
    move_to(ImVec2(x, ImGui::GetCursorScreenPos().y));
  }
  bool focused = q.focus() == std::string(id);
  auto err = q.error(id);
  TextFieldLook look{focused, false, err.has_value()};
  look.help = ui.t(f->help);
  unsigned item = 0;
  if (text_field(ui, id, ui.t(f->label), q.text(id), width, look, &item)) {
    focus_field(q, st, id);
    st.keys_typing = ui.focus.active();  // reached by keys: typed on the physical keyboard
  } else if (focused && ui.focus.moved() && !ui.focus.is(item)) {
    q.set_focus(std::nullopt);  // keypad focus went on: the typing goes with it
    st.keys_typing = false;
  } else if (focused && !ui.focus.active()) {
    ui.focus.set_anchor(item);  // tapped: a Tab moves on from here
  }
  move_to(ImVec2(x, ImGui::GetCursorScreenPos().y));
  error_line(ui, q, focused && q.input_message() ? q.input_message() : err, width);
  const bool reveal = st.reveal == id;
  if (reveal || (focused && st.scroll_to_focus && (st.kb_open || st.keys_typing))) {
    // The region has its keyboard-up size from this frame on: keep the label, box and message
    // in view (when they do not all fit: the label's top while typing, the message after a
    // refused Send — what is wrong is what the visitor must read).
    float win_y = ImGui::GetWindowPos().y, win_h = ImGui::GetWindowSize().y;
    float scroll = ImGui::GetScrollY();
    float top_local = top.y - win_y + scroll - ui.m().gap;
    float bottom_local = ImGui::GetCursorScreenPos().y - win_y + scroll + ui.m().gap;
    if (reveal && bottom_local - top_local > win_h)
      ImGui::SetScrollY(std::max(0.0f, bottom_local - win_h));
    else if (top_local < scroll)
      ImGui::SetScrollY(std::max(0.0f, top_local));
    else if (bottom_local > scroll + win_h)
      ImGui::SetScrollY(std::max(0.0f, std::min(top_local, bottom_local - win_h)));
    ui.animating = true;  // the scroll shows in the next frame: have it drawn
    // The message appears in the same frame as the refusal, so the list's scroll range knows of
    // it only a frame later: the reveal is done twice.
    if (reveal && --st.reveal_frames <= 0)
      st.reveal.clear();
    else if (!reveal)
      st.scroll_to_focus = false;
  }
  move_to(ImVec2(x, ImGui::GetCursorScreenPos().y + ui.m().gap * 0.5f));
}

// Keys from a physical keyboard: Backspace deletes, Return moves on (as a Tab when the box was
// reached by keys, so Return never skips the buttons between two boxes).
void physical_keys(Ui& ui, QuickInterest& q, QuickScreen& st) {
  if (!ui.form) return;
  for (PhysicalKey k : ui.form->keys) {
    if (!q.focus()) continue;
    switch (k) {
      case PhysicalKey::Backspace: q.backspace(); break;
      case PhysicalKey::Tab: break;  // the keypad focus moves (FocusModel)
      case PhysicalKey::Enter:
        if (st.keys_typing && ui.focus.active())
          ui.focus.push(NavKey::Next);
        else
          focus_next(q, st);
        break;
    }
  }
  ui.form->keys.clear();
}

void send(Ui& ui, QuickInterest& q, QuickScreen& st) {
  q.set_focus(std::nullopt);
  st.refusal = nullptr;
  // The capture cap (docs/config.md [capture]) holds for this path too: nothing more is stored
  // while the outbox is full.
  if (ui.form && ui.form->flow.forms_closed()) {
    st.refusal = "form.outbox_full";
    return;
  }
  switch (q.submit(ui.form ? ui.form->flow.event_tag() : std::string())) {
    case QuickInterest::SubmitResult::Saved: st.kb.reset(); break;
    case QuickInterest::SubmitResult::Invalid:
      st.refusal = "quick.check_answers";
      // The first typed box in error comes into view (the consent is always in view, the
      // programs' error sits at the top of their list).
      for (const auto& [id, words] : q.errors()) {
        auto order = text_order(q);
        if (std::find(order.begin(), order.end(), id) != order.end()) {
          st.reveal = id;
          st.reveal_frames = 2;
          break;
        }
      }
      st.scroll_top = true;
      break;
    case QuickInterest::SubmitResult::Failed: st.refusal = "form.save_failed"; break;
  }
}

// After Send: a code per program, like the form's done screen but in one list.
void draw_done(Ui& ui, QuickInterest& q, Rect content) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  float y = screen_title(ui, ui.t("quick.done_title"), content);
  float bar_h = m.tap_h * 1.3f;
  Rect area{content.x + m.pad, y, content.w - 2 * m.pad,
            content.y + content.h - y - bar_h - 2 * m.pad};
  begin_scroll(ui, "quick-done", area);
  float w = std::min(scroll_content_width(ui, area.w), m.base * 1.4f);
  float x = ImGui::GetCursorScreenPos().x;
  text(ui, ui.t("quick.done_codes"), ui.f().heading, p.primary, w, false, Control::Heading);
  ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  for (const auto& c : q.codes()) {
    move_to(ImVec2(x, ImGui::GetCursorScreenPos().y));
    text(ui,
         ui.str.format(ui.lang(), "quick.done_code_for",
                       {{"program", ui.t(c.title)}, {"code", c.code}}),
         ui.f().heading, p.text, w, false, Control::Code);
    ImGui::Dummy(ImVec2(0, m.gap * 0.3f));
  }
  end_scroll(ui);
  float bw = std::min(area.w, m.base * 0.45f);
  move_to(ImVec2(content.x + content.w - m.pad - bw, content.y + content.h - bar_h - m.pad));
  if (button(ui, "quick-done", ui.t("quick.done"), bw, ButtonKind::Primary, bar_h)) {
    q.wipe();
    ui.app.end_session();
  }
}

// The visitor: name, the one contact, the consent. `width` is the column's.
void draw_visitor(Ui& ui, QuickInterest& q, QuickScreen& st, float width, bool room_below,
                  float view_h) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  const float x = ImGui::GetCursorScreenPos().x;
  // The name: first and last side by side when the column is wide enough.
  const bool side = width > m.base * 0.65f;
  const float name_w = side ? (width - m.gap) / 2 : width;
  float row_y = ImGui::GetCursorScreenPos().y;
  typed_field(ui, q, st, kQuickFirstName, name_w);
  float after_first = ImGui::GetCursorScreenPos().y;
  move_to(side ? ImVec2(x + name_w + m.gap, row_y) : ImVec2(x, after_first));
  typed_field(ui, q, st, kQuickLastName, name_w);
  move_to(ImVec2(x, std::max(after_first, ImGui::GetCursorScreenPos().y)));

  // ONE contact: the way, then its box.
  text(ui, ui.t("quick.contact_by"), ui.f().body_bold, p.text, width);
  move_to(ImVec2(x, ImGui::GetCursorScreenPos().y));
  const float choice_w = std::min((width - m.gap) / 2, m.base * 0.5f);
  const float cy = ImGui::GetCursorScreenPos().y;
  struct Way {
    QuickContact c;
    const char* id;
    const char* key;
  };
  const Way ways[] = {{QuickContact::Email, "by-email", "quick.by_email"},
                      {QuickContact::Phone, "by-phone", "quick.by_phone"}};
  float cx = x;
  for (const Way& wy : ways) {
    move_to(ImVec2(cx, cy));
    ChoiceLook look;
    look.selected = q.contact() == wy.c;
    look.control = Control::Choice;
    if (choice_button(ui, wy.id, ui.t(wy.key), ui.t(wy.key), choice_w, look)) {
      bool was_typing = q.focus().has_value();
      q.set_contact(wy.c);
      if (was_typing) focus_field(q, st, q.contact_field());
    }
    cx += choice_w + m.gap;
  }
  // Below the taller of the two (a long word wraps at Large text or in Spanish).
  float row_h = 0;
  for (const Way& wy : ways)
    row_h = std::max(row_h, choice_button_height(ui, ui.t(wy.key), choice_w, ChoiceLook{}));
  move_to(ImVec2(x, cy + row_h + m.gap * 0.5f));
  typed_field(ui, q, st, q.contact_field(), width,
              q.contact() == QuickContact::Phone ? ui.t("quick.phone_help") : std::string());

  // Room to scroll the last box above the keyboard — kept when the keyboard goes, so closing it
  // never clamps the scroll and moves everything a frame later (under the visitor's next tap).
  if (room_below) ImGui::Dummy(ImVec2(width, view_h * 0.5f));
}

// The programs: a big check box each, and its full form beside it, in `cols` columns.
void draw_programs(Ui& ui, QuickInterest& q, float width, int cols) {
  const Metrics& m = ui.m();
  const float x = ImGui::GetCursorScreenPos().x;
  text(ui, ui.t("quick.programs"), ui.f().heading, ui.p().primary, width, false, Control::Heading);
  move_to(ImVec2(x, ImGui::GetCursorScreenPos().y));
  error_line(ui, q, q.error("programs"), width);
  const float col_w = (width - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const std::string full_text = ui.t("quick.full_form");
  ChoiceLook full_look;
  full_look.check = false;
  full_look.control = Control::Button;
  full_look.font = ui.f().body;
  // Wide enough that no word of "Full form" breaks (Spanish: "Formulario completo").
  float longest = 0;
  for (std::size_t at = 0; at < full_text.size();) {
    std::size_t end = std::min(full_text.find(' ', at), full_text.size());
    longest = std::max(longest, text_width(ui.f().body, full_text.substr(at, end - at)));
    at = end + 1;
  }
  const float full_w = std::min(col_w * 0.45f, std::max(col_w * 0.25f, longest + 3 * m.pad));
  const float tick_w = col_w - full_w - m.gap * 0.25f;
  const auto& offered = q.offered();
  const auto n = offered.size(), step = static_cast<std::size_t>(cols);
  float gy = ImGui::GetCursorScreenPos().y;
  for (std::size_t i = 0; i < n; i += step) {
    float row_h = 0;
    for (std::size_t c = 0; c < step && i + c < n; ++c) {
      ChoiceLook look;
      look.selected = q.ticked(offered[i + c].program_id);
      row_h = std::max({row_h, choice_button_height(ui, ui.t(offered[i + c].title), tick_w, look),
                        choice_button_height(ui, full_text, full_w, full_look)});
    }
    for (std::size_t c = 0; c < step && i + c < n; ++c) {
      const auto& o = offered[i + c];
      float cx0 = x + static_cast<float>(c) * (col_w + m.gap);
      ChoiceLook look;
      look.selected = q.ticked(o.program_id);
      look.control = Control::Choice;
      look.min_h = row_h;
      move_to(ImVec2(cx0, gy));
      const std::string title = ui.t(o.title);
      if (choice_button(ui, ("tick-" + o.program_id).c_str(), title, title, tick_w, look))
        q.toggle(o.program_id);
      move_to(ImVec2(cx0 + tick_w + m.gap * 0.25f, gy));
      ChoiceLook fl = full_look;
      fl.min_h = row_h;
      std::string full_label =
          ui.str.format(ui.lang(), "quick.full_form_for", {{"program", title}});
      if (choice_button(ui, ("full-" + o.program_id).c_str(), full_text, full_label, full_w, fl)) {
        q.set_focus(std::nullopt);
        ui.app.open(Route{Screen::Signup, o.program_id});
      }
    }
    gy += row_h + m.gap * 0.5f;
  }
  move_to(ImVec2(x, gy));
  ImGui::Dummy(ImVec2(width, m.pad));
}

}  // namespace

void draw_quick_interest(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  if (!ui.quick) return;
  QuickInterest& q = *ui.quick;
  QuickScreen& st = screen_state(ui);
  if (ui.screen_entered) {
    if (q.saved()) q.wipe();  // the codes were the last visitor's
    st.refusal = nullptr;
  }
  if (q.saved()) {
    draw_done(ui, q, content);
    return;
  }
  q.start(ui.cat, ui.lang());
  physical_keys(ui, q, st);

  float y = screen_title(ui, ui.t("quick.title"), content);
  const bool kb_open = q.focus().has_value() && !st.keys_typing;
  st.kb_open = kb_open;
  // Everything fixed: the old "check the answers" would only mislead.
  if (st.refusal && std::string_view(st.refusal) == "quick.check_answers" && q.errors().empty())
    st.refusal = nullptr;
  const float kb_h = kb_open ? keyboard_height(ui, st.kb) : 0;
  // The bar under the lists: the consent line to tick and its words, and Send.
  const forms::FieldSpec* consent = q.field(kQuickConsent);
  // One row: the consent to tick, as wide as Send leaves, and Send; below it, the whole width:
  // why nothing was stored (after a refused Send), then the consent's words — the fewest lines,
  // so the lists above keep the most room (the programs must show in portrait too).
  const float bar_w = content.w - 2 * m.pad;
  const float send_w = std::min(bar_w * 0.3f, m.base * 0.45f);
  const std::string consent_words = consent ? ui.t(consent->consent_text) : std::string();
  std::optional<LocalText> consent_error = q.error(kQuickConsent);
  const std::string why = consent_error ? ui.t(*consent_error)
                          : st.refusal  ? ui.t(st.refusal)
                                        : std::string();
  const float row_h = m.tap_h * 1.3f;
  const float why_h = why.empty() ? 0 : text_height(ui.f().body_bold, why, bar_w) + m.gap * 0.5f;
  const float bar_h = kb_open ? 0
                              : row_h + m.gap * 0.5f + why_h +
                                    text_height(ui.f().small, consent_words, bar_w) + m.pad;
  Rect area{content.x + m.pad, y, content.w - 2 * m.pad,
            content.y + content.h - kb_h - bar_h - y - m.gap * 0.5f};
  const bool two_cols = !m.portrait;
  if (q.offered().empty()) {
    move_to(ImVec2(area.x, area.y));
    text(ui, ui.t("quick.none"), ui.f().heading, p.text, area.w);
    return;
  }
  move_to(ImVec2(area.x, area.y));
  text(ui, ui.t("quick.intro"), nullptr, p.muted, area.w);
  const float top = ImGui::GetCursorScreenPos().y + m.gap * 0.5f;
  const Rect below{area.x, top, area.w, area.y + area.h - top};
  // After a refused Send: the programs' own error (at the top of their list) comes into view;
  // a typed box in error is brought into view by typed_field (st.reveal) instead.
  auto to_top = [&st] {
    if (st.scroll_top && st.reveal.empty()) ImGui::SetScrollY(0);
    st.scroll_top = false;
  };
  if (two_cols) {
    // Landscape: the visitor on the left, the programs (two columns) on the right, each
    // scrolling on its own, so the name and the first programs are in view at once.
    const float left_w = (below.w - m.gap) * 0.42f;
    const Rect left{below.x, below.y, left_w, below.h};
    const Rect right{below.x + left_w + m.gap, below.y, below.w - left_w - m.gap, below.h};
    begin_scroll(ui, "quick-you", left);
    draw_visitor(ui, q, st, scroll_content_width(ui, left.w), true, left.h);
    end_scroll(ui);
    begin_scroll(ui, "quick-programs", right);
    to_top();
    draw_programs(ui, q, scroll_content_width(ui, right.w), 2);
    end_scroll(ui);
  } else {
    begin_scroll(ui, "quick", below);
    to_top();
    const float inner = scroll_content_width(ui, below.w);
    draw_visitor(ui, q, st, inner, false, below.h);
    draw_programs(ui, q, inner, 1);
    ImGui::Dummy(ImVec2(inner, below.h * 0.5f));  // as draw_visitor's room, for the same reason
    end_scroll(ui);
  }

  if (kb_open) {
    Rect kb_area{content.x, content.y + content.h - kb_h, content.w, kb_h};
    ui.reg.add({"", "", kb_area, false, kb_area, EntryRole::Keyboard});
    auto order = text_order(q);
    bool has_next = q.focus() && *q.focus() != order.back();
    if (on_screen_keyboard(ui, st.kb, q, kb_area, has_next) == KeyOutcome::Next) focus_next(q, st);
    return;
  }
  // The consent (the sign-up form's own, ticked here as there), why nothing was stored, Send:
  // always in view below the lists.
  const float sy = content.y + content.h - bar_h + m.pad * 0.5f;
  const float lx = content.x + m.pad;
  float below_row = sy + row_h + m.gap * 0.5f;
  if (!why.empty()) {
    move_to(ImVec2(lx, below_row));
    text(ui, why, ui.f().body_bold, p.alert, bar_w, false, Control::Alert);
    below_row += why_h;
  }
  if (consent) {
    move_to(ImVec2(lx, sy));
    ChoiceLook look;
    look.selected = q.agreed();
    look.control = Control::CheckBox;
    look.help = consent_words;
    look.min_h = row_h;
    if (choice_button(ui, "quick-consent", ui.t(consent->label), ui.t(consent->label),
                      bar_w - send_w - m.gap, look))
      q.set_agreed(!q.agreed());
    move_to(ImVec2(lx, below_row));
    text(ui, consent_words, ui.f().small, p.muted, bar_w);
  }
  move_to(ImVec2(content.x + content.w - m.pad - send_w, sy));
  if (button(ui, "quick-send", ui.t("quick.submit"), send_w, ButtonKind::Primary, row_h))
    send(ui, q, st);
}

}  // namespace kiosk::ui
