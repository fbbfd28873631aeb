// The form screen: picks (and composes) the form for the route, then shows one step at a time —
// progress, the step's fields in a drag-to-scroll region, Back / Next, and the on-screen keyboard
// for the focused text field, which never covers it — or the review. Also the form's top bar, the
// "Leave this form?" dialog and the guard that wipes a form once the visitor has left it. A sign-up
// for a specific event shows that event above every step and the review.
#include <algorithm>
#include <map>
#include <set>

#include <imgui/imgui_internal.h>  // SetNextWindowScroll (1.86 keeps it internal)

#include "kiosk/app/event_signup.h"
#include "kiosk/app/event_text.h"
#include "kiosk/core/log.h"
#include "kiosk/forms/form_spec.h"
#include "ui/screens/accessibility_panel.h"
#include "ui/screens/chrome.h"
#include "ui/screens/form_parts.h"
#include "ui/screens/form_screens.h"
#include "ui/widgets/choice_button.h"
#include "ui/widgets/date_picker.h"
#include "ui/widgets/time_picker.h"
#include "ui/widgets/modal_dialog.h"
#include "ui/widgets/on_screen_keyboard.h"
#include "ui/widgets/signature_pad.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

using forms::FieldSpec;
using forms::FieldType;
using forms::FormSession;

bool is_form_screen(Screen s) { return s == Screen::Form || s == Screen::Signup; }

std::string route_key(const Route& r) {
  return r.screen == Screen::Signup ? "signup/" + r.id : r.id;
}

// The session for the route, starting (composing) the form when needed; nullptr when the form
// cannot be offered (the screen then says whom to call).
FormSession* ensure_session(Ui& ui, FormUi& fu) {
  const Route& r = ui.app.route();
  std::string key = route_key(r);
  if (fu.flow.active() && fu.flow.key() == key) return fu.flow.session();
  const Program* prog = nullptr;
  std::shared_ptr<const forms::FormSpec> base;
  std::string event_id;
  if (r.screen == Screen::Signup) {
    SignupRoute sr = parse_signup_route(r.id);
    prog = ui.cat.find_program(sr.program_id);
    // An event that has passed since its button was drawn (or left the content) is not signed up
    // for: the screen says the form is unavailable, as for a program that stopped taking sign-ups.
    bool event_ok = sr.event_id.empty() || check_event_signup(ui.cat, sr.program_id, sr.event_id,
                                                              local_date(ui.clock.wall()))
                                                   .refusal == EventRefusal::None;
    if (prog && prog->takes_signups && event_ok)
      base = forms::bundled_forms().find(prog->signup_form);
    event_id = sr.event_id;
  } else {
    base = forms::bundled_forms().find(r.id);
  }
  static std::set<std::string> reported;  // log a broken form once, not every frame
  if (!base) {
    if (reported.insert(key).second) log::error("form screen: no form for " + key);
    return nullptr;
  }
  forms::ComposeResult c = forms::compose_form(*base, prog, ui.cat);
  if (!c.form) {
    if (reported.insert(key).second)
      for (const auto& e : c.errors) log::error("form screen: " + key + ": " + e);
    return nullptr;
  }
  fu.wipe();
  fu.flow.start(c.form, key, ui.lang(), event_id);
  return fu.flow.session();
}

// A new step (or review) is on screen: no field focused, its first date's calendar open, top.
bool enter_step_if_changed(FormUi& fu, FormSession& s) {
  int key = s.on_review() ? -2 : s.step_index();
  if (key == fu.shown_step) return false;
  fu.shown_step = key;
  fu.flow.set_focus(std::nullopt);
  fu.keys_typing = false;
  fu.open_date.clear();
  if (!s.on_review()) {
    auto fields = s.visible_fields();
    for (const FieldSpec* f : fields)
      if (f->type == FieldType::Date) {
        fu.open_date = f->id;
        break;
      }
    if (!fu.pending_focus.empty()) {
      const FieldSpec* f = s.form().find_field(fu.pending_focus);
      auto targets = text_targets(s, fields);
      for (const auto& t : targets)
        if (f && t.field == f->id) {
          focus_target(fu, *f, t);
          break;
        }
      if (f && f->type == FieldType::Date) fu.open_date = f->id;
    }
  }
  fu.pending_focus.clear();
  return true;
}

void focus_next(FormUi& fu, const std::vector<const FieldSpec*>& fields) {
  auto targets =
      fu.flow.session() ? text_targets(*fu.flow.session(), fields) : std::vector<TextTarget>{};
  auto it = std::find(targets.begin(), targets.end(), fu.flow.focus());
  if (it == targets.end() || ++it == targets.end()) {
    fu.flow.set_focus(std::nullopt);  // "Done typing": the keyboard goes, Back / Next come back
    return;
  }
  for (const FieldSpec* f : fields)
    if (f->id == it->field) focus_target(fu, *f, *it);
}

// Keys from a physical keyboard: Backspace deletes, Enter moves on (a new line in a long text).
// Tab is the keypad focus's (FocusModel): it moves to the next widget, a typed box taking the
// typing as focus reaches it. A box typed into by keys (no on-screen keyboard) moves on with
// Enter the same way, so Return never skips the choices between two boxes.
void physical_keys(Ui& ui, FormUi& fu, const FormSession& s,
                   const std::vector<const FieldSpec*>& fields) {
  fu.flow.type_queued();
  for (PhysicalKey k : fu.keys) {
    if (!fu.flow.focus()) continue;
    const FieldSpec* f = s.form().find_field(fu.flow.focus()->field);
    switch (k) {
      case PhysicalKey::Backspace: fu.flow.backspace(); break;
      case PhysicalKey::Tab: focus_next(fu, fields); break;
      case PhysicalKey::Enter:
        if (f && f->type == FieldType::LongText)
          fu.flow.type("\n");
        else if (fu.keys_typing && ui.focus.active())
          ui.focus.push(NavKey::Next);  // acted on next frame, as a Tab
        else
          focus_next(fu, fields);
        break;
    }
  }
  fu.keys.clear();
}

// Labels are judged over every field of the step, shown or not, so a label does not change when
// an answer reveals another field.
FieldContext field_context(const Ui& ui, const forms::StepSpec& step, float width) {
  std::vector<const FieldSpec*> fields;
  for (const FieldSpec& f : step.fields) fields.push_back(&f);
  FieldContext ctx;
  ctx.width = width;
  // A choice that reads like a typed field's label on the same step ("Email" the choice, "Email"
  // the box) is registered with its question too, so every label on screen stays unique.
  std::set<std::string> seen;
  for (const FieldSpec* f : fields)
    if (f->type != FieldType::SingleChoice && f->type != FieldType::MultiChoice &&
        f->type != FieldType::YesNo)
      seen.insert(ui.t(f->label));
  for (const FieldSpec* f : fields) {
    if (f->type != FieldType::SingleChoice && f->type != FieldType::MultiChoice &&
        f->type != FieldType::YesNo)
      continue;
    for (const auto& t : choice_texts(ui, *f))
      if (!seen.insert(t).second) ctx.dup_labels.insert(t);
  }
  // Counted over the whole step, shown or not, so a button's name never changes with the answers.
  ctx.several_times = std::count_if(fields.begin(), fields.end(), [](const FieldSpec* f) {
                        return f->type == FieldType::Time;
                      }) > 1;
  return ctx;
}

// A field's height for choosing its column: from its kind and size only, never from its state.
// The first date of a step counts with its calendar open (it opens with the step), the others as
// closed boxes (one calendar is open at a time).
float estimated_height(const Ui& ui, const FieldSpec& f, float width, bool calendar_open) {
  const Metrics& m = ui.m();
  float label = line_height(ui.f().body_bold) * 2 + m.gap * 2;  // label, message line, spacing
  if (!ui.t(f.help).empty()) label += text_height(ui.f().small, ui.t(f.help), width);
  switch (f.type) {
    case FieldType::Date:
      return label + (calendar_open ? line_height(ui.f().heading) + date_picker_height(ui, width)
                                    : m.tap_h);
    case FieldType::Time: return label + time_picker_height(ui, width);
    case FieldType::SingleChoice:
    case FieldType::MultiChoice:
    case FieldType::YesNo: {
      std::size_t n = f.type == FieldType::YesNo ? 2 : f.choices.size();
      std::size_t cols = n <= 2 ? 2 : (width >= m.tap_h * 13 ? 3 : 2);
      return label + static_cast<float>((n + cols - 1) / cols) * (m.tap_h * 1.2f + m.gap * 0.5f);
    }
    case FieldType::AddressUs: return label + 3 * (m.tap_h + line_height(ui.f().body) * 2 + m.gap);
    case FieldType::Signature: return label + width / 3;
    case FieldType::Consent: return label + text_height(ui.f().body, ui.t(f.consent_text), width);
    case FieldType::LongText: return label + m.tap_h * 2;
    default: return label + m.tap_h;
  }
}

void draw_step(Ui& ui, FormUi& fu, FormSession& s, Rect content, bool entered) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  auto fields = s.visible_fields();
  auto targets = text_targets(s, fields);
  if (fu.flow.focus() &&
      std::find(targets.begin(), targets.end(), *fu.flow.focus()) == targets.end())
    fu.flow.set_focus(std::nullopt);  // its field was hidden by another answer
  physical_keys(ui, fu, s, fields);
  // Escape while typing on the on-screen keyboard: "Done typing" (Back comes back).
  if (fu.flow.focus() && !fu.keys_typing && ui.focus.take_escape(false))
    fu.flow.set_focus(std::nullopt);
  // Typing by keys needs no on-screen keyboard: Back / Next stay where they are.
  bool kb_open = fu.flow.focus().has_value() && !fu.keys_typing;
  float x = content.x + m.pad, w = content.w - 2 * m.pad;

  // Progress: "Step 2 of 5", a bar, the step's title (one line while typing, to leave room).
  std::string progress = ui.str.format(
      ui.lang(), "form.step_of",
      {{"n", std::to_string(s.step_index() + 1)}, {"total", std::to_string(s.step_count())}});
  const std::string typing_heading = progress + ": " + ui.t(s.step().title);
  const float bar_h = std::max(6.0f, std::round(m.gap * 0.4f));

  // The box being typed in must show above the keyboard: a label's line and a box. Where the
  // screen is too short for that (Extra large text on a 1280x800 screen), the step's heading
  // gives way first (the box's label says what is asked), then the keys lose some air.
  bool show_progress = true, compact_keys = false;
  if (kb_open) {
    // A label's line and the box as last drawn (a long text's box is taller).
    float need = line_height(ui.f().body_bold) + m.tap_h + m.gap;
    if (auto it = fu.spans.find(target_key(*fu.flow.focus()) + kBoxSpan); it != fu.spans.end())
      need = std::max(need, line_height(ui.f().body_bold) + it->second.second - it->second.first);
    const float heading_h = text_height(ui.f().body_bold, typing_heading, w) + bar_h + m.gap * 0.5f;
    auto room = [&](bool heading, bool compact) {
      return content.h - keyboard_height(ui, fu.kb, compact) - m.pad * 0.5f -
             (heading ? heading_h : 0) - m.gap * 0.5f;
    };
    if (room(true, false) < need) {
      show_progress = false;
      compact_keys = room(false, false) < need;
    }
  }
  float kb_h = kb_open ? keyboard_height(ui, fu.kb, compact_keys) : 0;

  move_to(ImVec2(x, content.y + m.pad * 0.5f));
  float top = content.y + m.pad * 0.5f;
  if (show_progress) {
    if (kb_open) {
      text(ui, typing_heading, ui.f().body_bold, p.primary, w, false, Control::Heading);
    } else {
      text(ui, progress, ui.f().body_bold, p.muted, w);
      move_to(ImVec2(x, ImGui::GetCursorScreenPos().y));
      text(ui, ui.t(s.step().title), ui.f().heading, p.primary, w, false, Control::Heading);
    }
    float bar_y = ImGui::GetCursorScreenPos().y;
    float frac =
        static_cast<float>(s.step_index() + 1) / static_cast<float>(std::max(1, s.step_count()));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(x, bar_y), ImVec2(x + w, bar_y + bar_h), col(p.card), bar_h);
    dl->AddRectFilled(ImVec2(x, bar_y), ImVec2(x + w * frac, bar_y + bar_h), col(p.primary), bar_h);
    top = bar_y + bar_h + m.gap * 0.5f;
  }

  // Back / Next (hidden while the keyboard is up: it has Next field / Done typing).
  float nav_h = button_height(ui, ui.t("form.next"), m.tap_h * 4, m.tap_h * 1.1f, ui.f().heading);
  float bottom = content.y + content.h - (kb_open ? kb_h : nav_h + m.pad);

  // Low reach: the fields start at the reach line, the words above it. With the on-screen keyboard
  // up (its keys and Next field / Done typing are below the line) the boxes keep at least two taps'
  // height above it, which in portrait reaches over the line: the box being typed in must show.
  top = std::max(top, std::min(reach_top(ui), bottom - m.gap * 0.5f - 2 * m.tap_h));
  // Fields, in a drag-to-scroll region.
  Rect area{x, top, w, bottom - top - m.gap * 0.5f};
  ImGui::PushID(s.step_index());
  ImGuiID gid = ImGui::GetID("fields");
  if (entered) {
    ImGui::SetNextWindowScroll(ImVec2(0, 0));
    ui.scrolls[gid].stop();
  }
  if (fu.scroll_to_focus || !fu.scroll_to_field.empty()) ui.scrolls[gid].stop();
  // The focused box (keyboard just opened, or moved on) or the first error (a failed Next) in view
  // on this very frame: the layout is where it was last frame (fixed columns, reserved message
  // lines, calendars left open), so its place is known before anything is drawn.
  if (!entered) {
    auto into_view = [&](const std::pair<float, float>& span, bool show_end) {
      float top_y = span.first, bottom_y = span.second, now = fu.fields_scroll;
      if (bottom_y - top_y > area.h) return show_end ? bottom_y - area.h : top_y;
      if (top_y < now) return top_y;
      if (bottom_y > now + area.h) return bottom_y - area.h;
      return now;
    };
    std::optional<float> to;
    if (fu.scroll_to_focus && fu.flow.focus()) {
      auto it = fu.spans.find(target_key(*fu.flow.focus()));
      auto box = fu.spans.find(target_key(*fu.flow.focus()) + kBoxSpan);
      if (it != fu.spans.end()) {
        // With its label and message line when they fit; otherwise the box at the bottom of the
        // room, with as much of what is asked (label, help) above it as fits.
        const bool fits = it->second.second - it->second.first <= area.h;
        to = fits || box == fu.spans.end() ? into_view(it->second, false)
                                           : box->second.second - area.h;
        fu.scroll_to_focus = false;
      }
    }
    if (!fu.reveal_field.empty()) {
      auto it = fu.spans.find(fu.reveal_field);
      if (it != fu.spans.end()) to = into_view(it->second, false);
      fu.reveal_field.clear();
    }
    if (!fu.scroll_to_field.empty()) {
      auto it = fu.spans.find(fu.scroll_to_field);
      if (it != fu.spans.end()) {
        to = into_view(it->second, true);  // a tall field: its end, where the message is
        fu.scroll_to_field.clear();
      }
    }
    // The room under the last field shrinks as the keyboard goes: clamp the scroll to the new end
    // now, or ImGui clamps it a frame later and the step jumps under the next touch.
    float room = kb_open || fu.flow.focus() ? area.h * 0.5f : m.pad;
    float end = std::max(0.0f, fu.fields_end + room - area.h);
    if (!to && fu.fields_scroll > end) to = end;
    if (to) ImGui::SetNextWindowScroll(ImVec2(0, std::max(0.0f, *to)));
  }
  begin_scroll(ui, "fields", area);
  float inner = scroll_content_width(ui, area.w);
  float fx = ImGui::GetCursorScreenPos().x;
  if (!ui.t(s.step().help).empty()) {
    text(ui, ui.t(s.step().help), ui.f().body, p.text, std::min(inner, m.base * 1.5f));
    move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y + m.gap * 0.5f));
  }
  // A wide screen gets two columns: each field goes under the shorter one, so the first fields
  // sit side by side and nothing needs scrolling that would fit.
  int ncols = !m.portrait && inner >= m.tap_h * 19 ? 2 : 1;
  float col_w = ncols == 2 ? (inner - 2 * m.gap) * 0.5f : std::min(inner, m.base * 1.3f);
  FieldContext ctx = field_context(ui, s.step(), col_w);
  // Two columns: each field goes under the column that is shorter by a fixed estimate of every
  // field's height (calendars open, message lines reserved), not by what is drawn now, so a field
  // keeps its column whatever another field shows (a calendar, an answer, an error).
  float col_y[2] = {ImGui::GetCursorScreenPos().y, ImGui::GetCursorScreenPos().y};
  float est[2] = {0, 0};
  bool first_date = true;
  // A field shown because of another one on this step (show_if) never goes in a column left of
  // that field: in reading order (down the left column, then the right) it comes after its
  // question — under it, or in the next column — never before it, as a reason box drawn left of
  // its yes/no question would.
  std::map<std::string, int, std::less<>> column_of;
  for (const FieldSpec* f : fields) {
    int c = ncols == 2 && est[1] < est[0] ? 1 : 0;
    if (f->show_if) {
      auto src = column_of.find(f->show_if->field);
      if (src != column_of.end()) c = std::max(c, src->second);
    }
    column_of[f->id] = c;
    est[c] += estimated_height(ui, *f, col_w, f->type == FieldType::Date && first_date);
    if (f->type == FieldType::Date) first_date = false;
    move_to(ImVec2(fx + static_cast<float>(c) * (col_w + 2 * m.gap), col_y[c]));
    draw_field(ui, fu, s, *f, ctx);
    col_y[c] = ImGui::GetCursorScreenPos().y;
  }
  float row_y = std::max(col_y[0], col_y[1]);
  move_to(ImVec2(fx, row_y));
  // Room to scroll the last field above the keyboard — also on the frame a box takes focus, so
  // the next frame (keyboard up) can scroll that far at once.
  // (A calendar opening this frame grows next frame: room for the scroll that shows it.)
  float room = kb_open || fu.flow.focus() ? area.h * 0.5f : m.pad;
  if (!fu.reveal_field.empty()) room = area.h;
  fu.fields_end = row_y - ImGui::GetWindowPos().y + ImGui::GetScrollY();
  ImGui::Dummy(ImVec2(inner, room));
  fu.fields_scroll = ImGui::GetScrollY();
  end_scroll(ui);
  ImGui::PopID();

  if (kb_open) {
    auto it = std::find(targets.begin(), targets.end(), *fu.flow.focus());
    bool has_next = it != targets.end() && it + 1 != targets.end();
    Rect kb_area{content.x, content.y + content.h - kb_h, content.w, kb_h};
    ui.reg.add({"", "", kb_area, false, kb_area, EntryRole::Keyboard});
    if (on_screen_keyboard(ui, fu.kb, fu.flow, kb_area, has_next) == KeyOutcome::Next)
      focus_next(fu, fields);
    return;
  }
  float bw = std::min(m.tap_h * 4.5f, (w - m.gap) * 0.5f);
  float ny = content.y + content.h - nav_h - m.pad * 0.5f;
  move_to(ImVec2(x, ny));
  const bool escape = ui.focus.take_escape(false);  // Escape is Back
  if (button(ui, "form-back", ui.t("form.back"), bw, ButtonKind::Secondary, nav_h,
             ui.f().heading) ||
      escape) {
    if (!s.back()) request_leave(ui, fu, true);
  }
  if (!s.errors_shown().empty()) {
    float ew = w - 2 * bw - 2 * m.gap;
    if (ew > m.tap_h * 2)
      text_at(ui, ImGui::GetWindowDrawList(), ui.t("form.fix_errors"), ui.f().body_bold, p.alert,
              Rect{x + bw + m.gap, ny, ew, nav_h}, true, Control::Alert);
  }
  move_to(ImVec2(x + w - bw, ny));
  if (button(ui, "form-next", ui.t("form.next"), bw, ButtonKind::Primary, nav_h, ui.f().heading) &&
      !s.next()) {
    auto errs = s.errors_shown();  // stays on the step: show the first problem, never a dead end
    if (!errs.empty()) fu.scroll_to_field = errs.front().field_id;
  }
}

// The event a sign-up is for, above the step or the review: its title, then when and where (on one
// line with the title while the keyboard is up, to leave the fields their room). Returns the
// content left below it.
Rect event_banner(Ui& ui, const FormUi& fu, Rect content) {
  if (fu.flow.event_id().empty()) return content;
  auto it = std::find_if(ui.cat.events.begin(), ui.cat.events.end(),
                         [&](const Event& e) { return e.id == fu.flow.event_id(); });
  if (it == ui.cat.events.end()) return content;
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  float x = content.x + m.pad, w = content.w - 2 * m.pad;
  std::string title = ui.str.format(ui.lang(), "eventsignup.banner", {{"event", ui.t(it->title)}});
  std::string where = format_event_when(*it, ui.lang()) + " · " + ui.t(it->place);
  move_to(ImVec2(x, content.y + m.pad * 0.5f));
  std::vector<Para> body;
  if (fu.flow.focus())
    body = {Para{title + " · " + format_date_long(it->date, ui.lang()), ui.f().small, p.primary}};
  else
    body = {Para{title, ui.f().body_bold, p.primary}, Para{where, ui.f().small, p.text}};
  card(ui, body, w);
  float bottom = ImGui::GetCursorScreenPos().y;
  return Rect{content.x, bottom, content.w, content.y + content.h - bottom};
}

}  // namespace

void request_leave(Ui& ui, FormUi& fu, bool back) {
  if (fu.flow.has_answers()) {
    fu.leave_prompt = true;
    fu.leave_back = back;
    return;
  }
  leave_now(ui, fu, back);
}

void leave_now(Ui& ui, FormUi& fu, bool back) {
  fu.wipe();
  if (back)
    ui.app.back();
  else
    ui.app.home();
}

void form_guard(Ui& ui) {
  if (!ui.form) return;
  FormUi& fu = *ui.form;
  Screen s = ui.app.screen();
  if (is_form_screen(s) || s == Screen::Privacy) return;
  if (s == Screen::FormDone && fu.flow.has_confirmation()) return;
  fu.flow.type_queued();  // typed outside a form: dropped, and the bytes overwritten
  fu.keys.clear();
  if (fu.flow.active() || fu.flow.has_confirmation() || fu.leave_prompt) fu.wipe();
  if (s == Screen::FormDone) ui.app.home();  // nothing to confirm (already wiped)
}

void draw_form(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  FormSession* s = ui.form ? ensure_session(ui, *ui.form) : nullptr;
  if (!s) {
    // Forms closed at the outbox cap ([capture] max_outbox_mb) say so, rather than "not here".
    const bool closed = ui.form && ui.form->flow.forms_closed();
    float y =
        screen_title(ui, ui.t(closed ? "form.closed_title" : "form.unavailable_title"), content);
    move_to(ImVec2(content.x + m.pad, y + m.gap));
    card(ui,
         {Para{ui.str.format(ui.lang(), closed ? "form.closed" : "form.unavailable",
                             {{"phone", ui.cat.department.main_phone}}),
               ui.f().heading, ui.p().text}},
         std::min(content.w - 2 * m.pad, m.base * 1.4f));
    return;
  }
  FormUi& fu = *ui.form;
  s->set_lang(ui.lang());  // the language button changes only the words: answers stay
  bool entered = enter_step_if_changed(fu, *s);
  content = event_banner(ui, fu, content);
  if (s->on_review())
    draw_review(ui, fu, *s, content);
  else
    draw_step(ui, fu, *s, content, entered);
}

void draw_form_top_bar(Ui& ui, Rect bar) {
  const Metrics& m = ui.m();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(bar.x, bar.y), ImVec2(bar.x + bar.w, bar.y + bar.h), col(ui.p().bar));
  float y = bar.y + m.pad * 0.5f;
  const std::string& home = ui.t("nav.home");
  float hw = std::max(m.base * 0.16f, text_width(ui.f().body_bold, home) + 2 * m.pad);
  move_to(ImVec2(bar.x + m.pad, y));
  if (button(ui, "form-home", home, hw, ButtonKind::Bar)) {
    if (ui.form)
      request_leave(ui, *ui.form, false);
    else
      ui.app.home();
  }
  const float aw = accessibility_button_width(ui);  // issue 16: on every visitor screen
  move_to(ImVec2(bar.x + m.pad + hw + m.gap, y));
  accessibility_button(ui, aw, ButtonKind::Bar);
  const std::string& lang = ui.str.get(ui.lang(), ui.lang() == Lang::En ? "lang.es" : "lang.en");
  float lw = std::max(m.base * 0.16f, text_width(ui.f().body_bold, lang) + 2 * m.pad);
  move_to(ImVec2(bar.x + bar.w - m.pad - lw, y));
  if (button(ui, "nav-lang", lang, lw, ButtonKind::Bar))
    ui.app.set_lang(ui.lang() == Lang::En ? Lang::Es : Lang::En);
  // The form's title in the middle.
  const forms::FormSession* s = ui.form ? ui.form->flow.session() : nullptr;
  if (!s) return;
  std::string title = ui.t(s->form().title);
  if (ui.app.screen() == Screen::Signup)
    if (const Program* prog = ui.cat.find_program(parse_signup_route(ui.app.route().id).program_id))
      title = ui.str.format(ui.lang(), "form.signup_title", {{"program", ui.t(prog->title)}});
  float left = bar.x + m.pad + hw + m.gap + aw + m.gap, right = bar.x + bar.w - m.pad - lw - m.gap;
  ImFont* font =
      text_width(ui.f().heading, title) <= right - left ? ui.f().heading : ui.f().body_bold;
  // No room for it between the buttons (portrait at Large text): the step's own title says where
  // the visitor is, so the bar's copy is left out rather than spilling over the bar.
  if (text_height(font, title, right - left) > bar.h) return;
  text_at(ui, dl, title, font, ui.p().bar_text, Rect{left, bar.y, right - left, bar.h}, true);
}

void draw_form_dialogs(Ui& ui) {
  if (!ui.form || !ui.form->leave_prompt) return;
  FormUi& fu = *ui.form;
  if (!is_form_screen(ui.app.screen())) {
    fu.leave_prompt = false;
    return;
  }
  ModalDialog d;
  d.window_id = "##leave";
  d.title = ui.t("form.leave_title");
  d.body = ui.t("form.leave_body");
  d.primary = {"leave-no", ui.t("form.leave_no")};
  d.secondary = {"leave-yes", ui.t("form.leave_yes")};
  d.tall_primary = true;
  switch (modal_dialog(ui, d)) {
    case DialogResult::Primary: fu.leave_prompt = false; break;
    case DialogResult::Secondary: leave_now(ui, fu, fu.leave_back); break;
    case DialogResult::TappedOutside:
    case DialogResult::None: break;
  }
}

}  // namespace kiosk::ui
