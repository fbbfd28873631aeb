// SignaturePad: strokes in, lines out, Clear, and the way out to typing a name.
#include "ui/widgets/signature_pad.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "ui/widgets/choice_button.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

float pad_h(float width) { return std::round(width / 3.0f); }

}  // namespace

float signature_pad_height(const Ui& ui, float width) {
  return pad_h(width) + ui.m().gap * 0.5f + ui.m().tap_h;
}

bool signature_pad(Ui& ui, forms::FormSession& session, const std::string& field,
                   const std::string& label, float width) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  ImGui::PushID(field.c_str());
  float h = pad_h(width);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("pad", ImVec2(width, h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  Rect clip = Rect::from_minmax(dl->GetClipRectMin(), dl->GetClipRectMax());
  Rect pad{pos.x, pos.y, width, h};
  Rect visible = pad.intersect(clip);
  if (!visible.empty()) ui.raw_zones.push_back(visible);

  const ImVec2 mp = ImGui::GetIO().MousePos;
  auto norm = [&](ImVec2 q) { return ImVec2((q.x - pos.x) / width, (q.y - pos.y) / h); };
  if (ImGui::IsItemActivated()) {
    session.begin_stroke(field);
    ImVec2 n = norm(mp);
    session.add_point(field, n.x, n.y);
  } else if (ImGui::IsItemActive()) {
    const forms::Signature& sig = session.signature(field);
    ImVec2 n = norm(mp);
    bool moved = true;
    if (sig.stroke_count() > 0) {
      auto last = sig.stroke(sig.stroke_count() - 1);
      // Skip sub-pixel moves: they add points without changing the drawing.
      if (!last.empty())
        moved =
            std::abs((last.back().x - n.x) * width) + std::abs((last.back().y - n.y) * h) >= 1.0f;
    }
    if (moved) session.add_point(field, n.x, n.y);
  }

  // The pad: white, a thick outline, a baseline to sign on.
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), col(p.page), m.rounding);
  dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), col(p.card_border), m.rounding, 0,
              m.border * 2);
  float base_y = pos.y + h * 0.78f;
  dl->AddLine(ImVec2(pos.x + m.pad * 2, base_y), ImVec2(pos.x + width - m.pad * 2, base_y),
              col(p.muted), m.border);
  dl->AddText(ui.f().heading, ui.f().heading->FontSize,
              ImVec2(pos.x + m.pad, base_y - ui.f().heading->FontSize), col(p.muted), "x");
  const forms::Signature& sig = session.signature(field);
  float thick = std::max(3.0f, width / 250.0f);
  std::vector<ImVec2> pts;
  for (std::size_t s = 0; s < sig.stroke_count(); ++s) {
    auto stroke = sig.stroke(s);
    pts.clear();
    for (const forms::Point& q : stroke) pts.emplace_back(pos.x + q.x * width, pos.y + q.y * h);
    if (pts.size() == 1)
      dl->AddCircleFilled(pts[0], thick, col(p.text));
    else
      dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col(p.text), ImDrawFlags_None,
                      thick);
  }
  ui.reg.add(
      {label, label + (sig.empty() ? "" : " (" + ui.t("signature.signed") + ")"), visible, true});

  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + m.gap * 0.5f));
  ChoiceLook look;
  look.check = false;
  look.enabled = !sig.empty();
  const std::string& clear = ui.t("signature.clear");
  float clear_w = std::min(width, m.tap_h * 4);
  ImVec2 row = ImGui::GetCursorScreenPos();
  if (choice_button(ui, "clear", clear, clear, clear_w, look)) session.clear_signature(field);
  // Beside Clear: no drawing needed at all (no sight, no steady hand), reachable by Tab.
  ImGui::SetCursorScreenPos(ImVec2(row.x + clear_w + m.gap, row.y));
  ChoiceLook type_look;
  type_look.check = false;
  const std::string& type = ui.t("typedsig.type_instead");
  bool to_typed =
      choice_button(ui, "type", type, type,
                    std::max(0.0f, std::min(width - clear_w - m.gap, m.tap_h * 8)), type_look);
  ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + m.tap_h));
  ImGui::PopID();
  return to_typed;
}

}  // namespace kiosk::ui
