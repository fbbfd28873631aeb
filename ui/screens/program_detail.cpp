// Program detail: everything a visitor needs about one program in large text (what, who for,
// when, where, contact), the QR code of its web page to take it home, and "Sign up" where the
// program takes sign-ups, with its upcoming events that can be signed up for one by one. The
// program's picture or icon heads the text. Landscape: text left, QR and Sign up right.
// Portrait: QR row on top, text below, Sign up pinned at the bottom (low, within reach).
#include <algorithm>

#include "kiosk/app/event_signup.h"
#include "kiosk/app/event_text.h"

#include "ui/screens/chrome.h"
#include "ui/screens/screens.h"
#include "ui/widgets/picture.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

std::string contact_text(const Ui& ui, const Contact& c) {
  std::string out;
  if (!c.phone.empty()) out += ui.str.format(ui.lang(), "detail.phone", {{"phone", c.phone}});
  if (!c.email.empty())
    out +=
        (out.empty() ? "" : "\n") + ui.str.format(ui.lang(), "detail.email", {{"email", c.email}});
  const std::string& office = ui.t(c.office);
  if (!office.empty()) out += (out.empty() ? "" : "\n") + office;
  return out;
}

// The program's events a visitor can sign up for, each with its own "Sign up for this event".
void signup_event_list(Ui& ui, const Program& prog, float width) {
  const Metrics& m = ui.m();
  auto events = signup_events(ui.cat, prog.id, local_date(ui.clock.wall()));
  if (events.empty()) return;
  ImVec2 at = ImGui::GetCursorScreenPos();
  move_to(ImVec2(at.x, at.y + m.gap * 0.5f));
  text(ui, ui.t("eventsignup.program_events"), ui.f().heading, ui.p().primary, width);
  for (const Event* e : events) {
    float x = ImGui::GetCursorScreenPos().x;
    card(ui,
         {Para{ui.t(e->title), ui.f().body_bold, ui.p().text},
          Para{format_event_when(*e, ui.lang()), nullptr, ui.p().text},
          Para{ui.t(e->place), nullptr, ui.p().muted}},
         width);
    move_to(ImVec2(x, ImGui::GetCursorScreenPos().y + m.gap * 0.25f));
    std::string label = ui.str.format(ui.lang(), "eventsignup.button",
                                      {{"date", format_date_long(e->date, ui.lang())}});
    if (button(ui, ("signup-" + e->id).c_str(), label, std::min(width, m.tap_h * 9.0f),
               ButtonKind::Primary))
      ui.app.open(Route{Screen::Signup, signup_route_id(prog.id, e->id)});
    move_to(ImVec2(x, ImGui::GetCursorScreenPos().y + m.gap * 0.5f));
  }
}

// The summary, beside the program's visual when it has one.
void summary(Ui& ui, const Program& prog, float width) {
  const Metrics& m = ui.m();
  if (!has_visual(ui, prog.visual)) {
    text(ui, ui.t(prog.summary), ui.f().body_bold, ui.p().text, width);
    return;
  }
  const float side = std::min(width * 0.3f, m.base * 0.22f);
  const float text_w = width - side - m.gap * 2;
  ImVec2 at = ImGui::GetCursorScreenPos();
  draw_visual(ui, prog.visual, Rect{at.x, at.y, side, side}, ui.p().primary);
  const float th = text_height(ui.f().body_bold, ui.t(prog.summary), text_w);
  move_to(ImVec2(at.x + side + m.gap * 2, at.y + std::max(0.0f, (side - th) * 0.5f)));
  text(ui, ui.t(prog.summary), ui.f().body_bold, ui.p().text, text_w);
  move_to(ImVec2(at.x, std::max(at.y + side, ImGui::GetCursorScreenPos().y)));
  ImGui::Dummy(ImVec2(width, 0));
}

void details(Ui& ui, const Program& prog, float width) {
  summary(ui, prog, width);
  ImGui::Dummy(ImVec2(0, ui.m().gap));
  section(ui, ui.t("detail.what"), ui.t(prog.description), width);
  section(ui, ui.t("detail.who"), ui.t(prog.audience), width);
  section(ui, ui.t("detail.when"), ui.t(prog.schedule), width);
  section(ui, ui.t("detail.where"), ui.t(prog.location), width);
  section(ui, ui.t("detail.contact"), contact_text(ui, prog.contact), width);
  signup_event_list(ui, prog, width);
}

// QR code, its caption and the URL in words, then Sign up. `side` is the QR code's size.
// The QR code to take the page home, its caption and the address (landscape's right column).
void take_home_info(Ui& ui, const Program& prog, float width, float side) {
  ImGui::BeginGroup();
  ImVec2 start = ImGui::GetCursorScreenPos();
  move_to(ImVec2(start.x + (width - side) * 0.5f, start.y));
  qr_code(ui, prog.url, side);
  move_to(ImVec2(start.x, ImGui::GetCursorScreenPos().y));
  text(ui, ui.t("detail.qr_caption"), ui.f().body, ui.p().text, width, true);
  move_to(ImVec2(start.x, ImGui::GetCursorScreenPos().y));
  text(ui, prog.url, ui.f().small, ui.p().muted, width, true);
  ImGui::EndGroup();
}

// take_home_info's height without the code itself.
float info_text_height(const Ui& ui, const Program& prog, float width) {
  return text_height(ui.f().body, ui.t("detail.qr_caption"), width) +
         text_height(ui.f().small, prog.url, width) + 2 * ImGui::GetStyle().ItemSpacing.y;
}

}  // namespace

void draw_program_detail(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Program* prog = ui.cat.find_program(ui.app.route().id);
  if (!prog) {
    float y = screen_title(ui, ui.t("detail.not_found"), content);
    (void)y;
    return;
  }
  float y = screen_title(ui, ui.t(prog->title), content);
  float x = content.x + m.pad;
  float w = content.w - 2 * m.pad;
  float h = content.y + content.h - y;

  if (!m.portrait) {
    float right_w = std::clamp(w * 0.32f, m.base * 0.3f, m.base * 0.5f);
    float left_w = w - right_w - m.gap * 2;
    float rx = x + left_w + m.gap * 2;
    begin_scroll(ui, "details", Rect{x, y, left_w, h});
    details(ui, *prog, scroll_content_width(ui, left_w));
    end_scroll(ui);
    // Sign up pinned at the bottom of the right column, always in view; the code and its words
    // above it, the code as large as the room left allows (and never below a size a phone reads
    // across a counter: with Large or Extra large text they scroll instead).
    float info_h = h - m.pad;
    if (prog->takes_signups) {
      float bh = button_height(ui, ui.t("detail.sign_up"), right_w, m.tap_h * 1.2f, ui.f().heading);
      info_h -= bh + m.gap;
      move_to(ImVec2(rx, y + info_h + m.gap));
      if (button(ui, "signup", ui.t("detail.sign_up"), right_w, ButtonKind::Primary, m.tap_h * 1.2f,
                 ui.f().heading))
        ui.app.open(Route{Screen::Signup, prog->id});
    }
    const float min_side = m.tap_h * 2;
    const float fit_side = info_h - info_text_height(ui, *prog, right_w);
    if (fit_side >= min_side) {
      move_to(ImVec2(rx, y));
      take_home_info(ui, *prog, right_w, std::min(right_w * 0.8f, fit_side));
    } else {
      begin_scroll(ui, "take-home", Rect{rx, y, right_w, info_h});
      take_home_info(ui, *prog, scroll_content_width(ui, right_w), min_side);
      end_scroll(ui);
    }
  } else {
    // Portrait: QR code at the left of a row, its caption at its right; Sign up pinned at the
    // bottom of the content, so the main action sits low (within a seated visitor's reach) and
    // never scrolls away.
    float side = std::min(w * 0.38f, h * 0.3f);
    float info_w = w - side - m.gap * 2;
    move_to(ImVec2(x, y));
    qr_code(ui, prog->url, side);
    float row_end = ImGui::GetCursorScreenPos().y;
    move_to(ImVec2(x + side + m.gap * 2, y));
    ImGui::BeginGroup();
    text(ui, ui.t("detail.qr_caption"), ui.f().body, ui.p().text, info_w);
    text(ui, prog->url, ui.f().small, ui.p().muted, info_w);
    ImGui::EndGroup();
    float top = std::max(row_end, ImGui::GetCursorScreenPos().y) + m.gap;
    float bottom = content.y + content.h;
    if (prog->takes_signups) {
      float bh = button_height(ui, ui.t("detail.sign_up"), w, m.tap_h, ui.f().heading);
      bottom -= bh + m.gap;
      move_to(ImVec2(x, bottom + m.gap * 0.5f));
      if (button(ui, "signup", ui.t("detail.sign_up"), w, ButtonKind::Primary, m.tap_h,
                 ui.f().heading))
        ui.app.open(Route{Screen::Signup, prog->id});
    }
    begin_scroll(ui, "details", Rect{x, top, w, bottom - top});
    details(ui, *prog, scroll_content_width(ui, w));
    end_scroll(ui);
  }
}

}  // namespace kiosk::ui
