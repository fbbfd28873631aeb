// Confirmation: the short code in big letters, its QR code, and plain words — saved on this
// kiosk, sent to the department automatically. "Done" returns home; the App also ends the visit
// after confirmation_timeout. The code's QR is drawn without the UI's QR cache, which would keep
// the code after the visit.
#include <algorithm>
#include <cmath>
#include <string>

#include "kiosk/core/qr.h"
#include "ui/screens/chrome.h"
#include "ui/screens/form_screens.h"
#include "ui/screens/form_ui.h"
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
  for (int y = 0; y < q->size; ++y)
    for (int x = 0; x < q->size; ++x)
      if (q->dark(x, y)) {
        ImVec2 a(pos.x + (quiet + x) * module, pos.y + (quiet + y) * module);
        dl->AddRectFilled(a, ImVec2(a.x + module, a.y + module), col(ui.p().qr_dark));
      }
  std::fill(q->modules.begin(), q->modules.end(), false);
  ImGui::Dummy(ImVec2(used, used));
  ui.reg.add({"", "QR code: " + code, Rect{pos.x, pos.y, used, used}, false});
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
  float done_h = m.tap_h * 1.3f;
  float avail = content.y + content.h - y - done_h - 2 * m.pad;
  float side, text_w;
  if (!m.portrait) {
    side = std::min(avail, w * 0.35f);
    text_w = w - side - 2 * m.gap;
  } else {
    side = std::min(w * 0.6f, avail * 0.45f);
    text_w = w;
  }
  move_to(ImVec2(x, y + m.gap));
  ImGui::BeginGroup();
  text(ui, ui.t("done.code_label"), ui.f().heading, p.text, text_w);
  // The code itself: the biggest text on the screen, on a card so it stands out.
  ImVec2 c0 = ImGui::GetCursorScreenPos();
  float code_h = line_height(ui.f().title) + m.pad;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(c0, ImVec2(c0.x + text_w, c0.y + code_h), col(p.card), m.rounding);
  dl->AddRect(c0, ImVec2(c0.x + text_w, c0.y + code_h), col(p.primary), m.rounding, 0,
              m.border * 2);
  text_at(ui, dl, code, ui.f().title, p.primary, Rect{c0.x, c0.y, text_w, code_h}, true);
  ImGui::Dummy(ImVec2(text_w, code_h + m.gap));
  text(ui, ui.t("done.body"), ui.f().heading, p.text, text_w);
  ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  text(
      ui,
      ui.str.format(ui.lang(), "done.closes",
                    {{"n", std::to_string(ui.app.settings().confirmation_timeout.count() / 1000)}}),
      ui.f().body, p.muted, text_w);
  ImGui::EndGroup();
  float after_text = ImGui::GetCursorScreenPos().y;
  if (!m.portrait)
    move_to(ImVec2(x + w - side, y + m.gap));
  else
    move_to(ImVec2(x + (w - side) * 0.5f, after_text + m.gap));
  code_qr(ui, code, side);
  forms::wipe_buffer(code);
  float by = content.y + content.h - done_h - m.pad;
  float bw = std::min(w, m.tap_h * 6);
  move_to(ImVec2(x + (w - bw) * 0.5f, by));
  if (button(ui, "done", ui.t("done.done"), bw, ButtonKind::Primary, done_h, ui.f().heading)) {
    fu.wipe();
    ui.app.home();
  }
}

}  // namespace kiosk::ui
