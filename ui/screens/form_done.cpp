// Confirmation: the short code in big letters and spelled out one character at a time, its QR
// code (beside the words, or under the code in portrait), what happens next (from the content: the department's records information, or the
// program's schedule, place and contact), a visible countdown with "Keep this screen" (adds the
// same time again), and "Done", which asks once before the code goes. A report to pick up in
// person adds the photo-ID reminder with the chosen place. The App ends the visit when
// the countdown runs out; in its last seconds (App::confirmation_warning) a red band above the
// buttons says so and how to get more time, read aloud as an alert (WCAG 2.2.1). The code's QR is drawn without the UI's QR cache, which would keep the
// code after the visit.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/core/qr.h"
#include "ui/screens/chrome.h"
#include "ui/screens/form_screens.h"
#include "ui/screens/form_ui.h"
#include "ui/widgets/modal_dialog.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

void code_qr(Ui& ui, const std::string& code, float side) {
  std::optional<QrCode> q = encode_qr(code);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  if (!q || q->size == 0) {
    ImGui::Dummy(ImVec2(side, 0));
    return;
  }
  const int quiet = 4;
  const int n = q->size + 2 * quiet;
  float module = std::max(1.0f, std::floor(side / static_cast<float>(n)));
  float used = module * static_cast<float>(n);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + used, pos.y + used), col(ui.p().qr_light));
  const Rect whole{pos.x, pos.y, used, used};
  for (int y = 0; y < q->size; ++y)
    for (int x = 0; x < q->size; ++x)
      if (q->dark(x, y)) {
        ImVec2 a(pos.x + (quiet + x) * module, pos.y + (quiet + y) * module);
        dl->AddRectFilled(a, ImVec2(a.x + module, a.y + module), col(ui.p().qr_dark));
      }
  std::fill(q->modules.begin(), q->modules.end(), false);
  ImGui::Dummy(ImVec2(used, used));
  // Its visible part: the code scrolls with the text around it.
  const Rect clip = Rect::from_minmax(dl->GetClipRectMin(), dl->GetClipRectMax());
  ui.reg.add({"", "QR code: " + code, whole.intersect(clip), false, whole});
}

// "A7K2-9F" -> "A 7 K 2 - 9 F": each character on its own, to read out or copy.
std::string spelled(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (!out.empty()) out += ' ';
    out += c;
  }
  return out;
}

std::vector<std::string> paragraphs(const std::string& s) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= s.size()) {
    std::size_t end = s.find("\n\n", at);
    if (end == std::string::npos) end = s.size();
    if (end > at) out.push_back(s.substr(at, end - at));
    at = end + 2;
  }
  return out;
}

// What happens next, in the content's own words: for the record forms, the department's records
// information (the paragraph about this kind of record, then the one with fees, ID and where to
// pick up); for a sign-up, the program's schedule, place and contact. Nothing is made up here.
std::vector<std::string> next_steps(const Ui& ui, const std::string& form_key) {
  std::vector<std::string> out;
  if (form_key == "crash_report" || form_key == "records_request") {
    auto ps = paragraphs(ui.t(ui.cat.department.records_info));
    if (ps.size() >= 2) {
      out.push_back(ps[form_key == "crash_report" ? 0 : 1]);
      out.push_back(ps.back());
    }
    return out;
  }
  if (form_key.rfind("signup/", 0) == 0) {
    const Program* prog = ui.cat.find_program(form_key.substr(7));
    if (!prog) return out;
    auto line = [&](const char* key, const std::string& text) {
      if (!text.empty()) out.push_back(ui.str.format(ui.lang(), key, {{"text", text}}));
    };
    line("journey.done_next_when", ui.t(prog->schedule));
    line("journey.done_next_where", ui.t(prog->location));
    std::string ask = prog->contact.phone;
    if (!ui.t(prog->contact.office).empty())
      ask = ui.t(prog->contact.office) + (ask.empty() ? "" : ", " + ask);
    line("journey.done_next_questions", ask);
  }
  return out;
}

}  // namespace

void draw_form_done(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  if (!ui.form || !ui.form->flow.has_confirmation()) return;  // form_guard sends this screen home
  FormUi& fu = *ui.form;
  std::string code(fu.flow.confirmation_code());
  float y = screen_title(ui, ui.t("done.title"), content);
  float x = content.x + m.pad, w = content.w - 2 * m.pad;
  int n = ui.app.confirmation_seconds_left();
  // The bar: as tall as its countdown's words need (two lines at Large text), measured with a
  // three-digit count so that the bar never changes height as the seconds tick.
  const float bw = std::min((w - 2 * m.gap) / 3, m.tap_h * 6);
  const float count_w = w - 2 * bw - 2 * m.gap;
  const std::string widest =
      ui.str.format(ui.lang(), "journey.done_countdown", {{"n", std::to_string(888)}});
  float bar_h = std::max(m.tap_h * 1.3f, std::ceil(text_height(ui.f().body_bold, widest, count_w)));
  // The warning band takes its height from the scrolling body, never from the buttons.
  const bool warn = ui.app.confirmation_warning();
  std::string warning;
  float warn_h = 0;
  if (warn) {
    warning = n == 1
                  ? ui.t("extratime.done_warning_one")
                  : ui.str.format(ui.lang(), "extratime.done_warning", {{"n", std::to_string(n)}});
    warn_h = text_height(ui.f().body_bold, warning, w - 2 * m.pad) + m.pad + m.gap * 0.5f;
  }
  float avail = content.y + content.h - y - bar_h - 2 * m.pad - warn_h;
  float inner = scroll_content_width(ui, w);
  float side, text_w;
  if (!m.portrait) {
    side = std::min(avail * 0.6f, inner * 0.3f);
    text_w = inner - side - 2 * m.gap;
  } else {
    side = std::min(inner * 0.5f, avail * 0.3f);
    text_w = inner;
  }
  // Everything but the buttons scrolls, so a long "what happens next" never pushes them away.
  Rect body{x, y + m.gap * 0.5f, w, avail};
  begin_scroll(ui, "done-body", body);
  float bx = ImGui::GetCursorScreenPos().x, top = ImGui::GetCursorScreenPos().y;
  ImGui::BeginGroup();
  text(ui, ui.t("done.code_label"), ui.f().heading, p.text, text_w);
  // The code itself: the biggest text on the screen, on a card so it stands out; then spelled out.
  ImVec2 c0 = ImGui::GetCursorScreenPos();
  float code_h = line_height(ui.f().title) + m.pad;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(c0, ImVec2(c0.x + text_w, c0.y + code_h), col(p.card), m.rounding);
  dl->AddRect(c0, ImVec2(c0.x + text_w, c0.y + code_h), col(p.primary), m.rounding, 0,
              m.border * 2);
  text_at(ui, dl, code, ui.f().title, p.primary, Rect{c0.x, c0.y, text_w, code_h}, true,
          Control::Code);
  ImGui::Dummy(ImVec2(text_w, code_h + m.gap * 0.5f));
  std::string one_by_one =
      ui.str.format(ui.lang(), "journey.done_spelled", {{"code", spelled(code)}});
  text(ui, one_by_one, ui.f().heading, p.text, text_w);
  forms::wipe_buffer(one_by_one);
  // In portrait the QR code comes next, under the code it carries: in view without scrolling even
  // at Extra large text, where the words after it fill the screen.
  if (m.portrait) {
    const float qr_y = ImGui::GetCursorScreenPos().y + m.gap * 0.5f;
    move_to(ImVec2(bx + (text_w - side) * 0.5f, qr_y));
    code_qr(ui, code, side);
    move_to(ImVec2(bx, qr_y + side));
  }
  ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  text(ui, ui.t("done.body"), ui.f().body, p.text, text_w);
  // A report picked up in person is handed over only against a photo ID: say so, with the place,
  // first thing after the code, in view without scrolling (mailed and e-mailed records need none).
  const Place* place = fu.flow.pickup_place().empty()
                           ? nullptr
                           : ui.cat.department.find_place(fu.flow.pickup_place());
  if (place) {
    std::string where = ui.t(place->name);
    if (!place->address.empty()) where += ", " + place->address;  // as the place was offered
    std::string reminder =
        ui.str.format(ui.lang(), "forms15.photo_id_reminder", {{"place", where}});
    ImGui::Dummy(ImVec2(0, m.gap * 0.25f));
    text(ui, reminder, ui.f().body_bold, p.primary, text_w);
  }
  auto steps = next_steps(ui, fu.flow.key());
  if (!steps.empty()) {
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
    text(ui, ui.t("journey.done_next_title"), ui.f().body_bold, p.primary, text_w);
    for (const auto& para : steps) {
      text(ui, para, ui.f().body, p.text, text_w);
      ImGui::Dummy(ImVec2(0, m.gap * 0.25f));
    }
  }
  ImGui::EndGroup();
  float after_text = ImGui::GetCursorScreenPos().y;
  if (!m.portrait) {
    move_to(ImVec2(bx + inner - side, top));
    code_qr(ui, code, side);
  }
  forms::wipe_buffer(code);
  move_to(ImVec2(bx, std::max(after_text, ImGui::GetCursorScreenPos().y)));
  ImGui::Dummy(ImVec2(text_w, m.pad));
  end_scroll(ui);

  // The bar: the countdown (in the band instead while it warns), "Keep this screen", "Done".
  float by = content.y + content.h - bar_h - m.pad;
  if (warn) {
    ImDrawList* wdl = ImGui::GetWindowDrawList();
    Rect band{x, by - warn_h, w, warn_h - m.gap * 0.5f};
    wdl->AddRectFilled(ImVec2(band.x, band.y), ImVec2(band.x + band.w, band.y + band.h),
                       col(p.alert), m.rounding);
    text_at(ui, wdl, warning, ui.f().body_bold, p.alert_text,
            Rect{band.x + m.pad, band.y, band.w - 2 * m.pad, band.h}, true, Control::Alert);
  } else {
    std::string left =
        n == 1 ? ui.t("journey.done_countdown_one")
               : ui.str.format(ui.lang(), "journey.done_countdown", {{"n", std::to_string(n)}});
    text_at(ui, ImGui::GetWindowDrawList(), left, ui.f().body_bold, p.text,
            Rect{x, by, count_w, bar_h}, false);
  }
  move_to(ImVec2(x + w - 2 * bw - m.gap, by));
  if (button(ui, "keep", ui.t("journey.done_keep"), bw, ButtonKind::Secondary, bar_h,
             ui.f().body_bold))
    ui.app.keep_confirmation();
  move_to(ImVec2(x + w - bw, by));
  if (button(ui, "done", ui.t("done.done"), bw, ButtonKind::Primary, bar_h, ui.f().heading))
    fu.done_prompt = true;
}

void draw_form_done_dialog(Ui& ui) {
  if (!ui.form || !ui.form->done_prompt) return;
  FormUi& fu = *ui.form;
  if (ui.app.screen() != Screen::FormDone || !fu.flow.has_confirmation()) {
    fu.done_prompt = false;
    return;
  }
  ModalDialog d;
  d.window_id = "##done";
  d.title = ui.t("journey.done_ask_title");
  d.body = ui.t("journey.done_ask_body");
  d.primary = {"done-keep", ui.t("journey.done_ask_keep")};
  d.secondary = {"done-close", ui.t("journey.done_ask_close")};
  d.tall_primary = true;
  switch (modal_dialog(ui, d)) {
    case DialogResult::Primary: fu.done_prompt = false; break;
    case DialogResult::Secondary:
      fu.wipe();
      ui.app.home();
      break;
    case DialogResult::TappedOutside:
    case DialogResult::None: break;
  }
}

}  // namespace kiosk::ui
