// Review: every answer of the visible fields in the visitor's language, each with "Edit" (which
// opens its step; Next then comes straight back here), a notice when saving failed (the answers
// stay), Back and Submit. Submit stores through the outbox and shows the confirmation only after
// the store said COMMIT.
#include <algorithm>
#include <vector>

#include "ui/screens/chrome.h"
#include "ui/screens/form_parts.h"
#include "ui/widgets/choice_button.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

void draw_review(Ui& ui, FormUi& fu, forms::FormSession& s, Rect content) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  float x = content.x + m.pad, w = content.w - 2 * m.pad;
  move_to(ImVec2(x, content.y + m.pad * 0.5f));
  text(ui, ui.t("form.review_title"), ui.f().heading, p.primary, w, false, Control::Heading);
  move_to(ImVec2(x, ImGui::GetCursorScreenPos().y));
  text(ui, ui.t("form.review_help"), ui.f().body, p.text, w);
  float top = ImGui::GetCursorScreenPos().y + m.gap * 0.5f;
  if (fu.flow.save_failed()) {
    // The store (or a capture limit) refused: say so plainly, keep every answer, let them try again or go to the desk.
    std::string msg = ui.t(fu.flow.save_failed_key()) + "\n" + ui.t("form.save_failed_kept");
    float h = text_height(ui.f().heading, msg, w - 2 * m.pad) + 2 * m.pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(x, top), ImVec2(x + w, top + h), col(p.alert), m.rounding);
    text_at(ui, dl, msg, ui.f().heading, p.alert_text, Rect{x + m.pad, top, w - 2 * m.pad, h},
            false, Control::Alert);
    top += h + m.gap * 0.5f;
  }
  float nav_h = button_height(ui, ui.t("form.submit"), m.tap_h * 4, m.tap_h * 1.1f, ui.f().heading);
  float ny = content.y + content.h - nav_h - m.pad * 0.5f;
  // Low reach: the answers and their Edit buttons start at the reach line (the title and help
  // above it are only words); never so low that fewer than two answers' room is left.
  top = std::max(top, std::min(reach_top(ui), ny - m.gap * 0.5f - 2 * m.tap_h));
  Rect area{x, top, w, ny - m.gap * 0.5f - top};
  ImGui::PushID("review");
  begin_scroll(ui, "answers", area);
  float inner = scroll_content_width(ui, area.w);
  // Two columns of answers on a wide screen, one in portrait; the cards of a row are as tall as
  // the taller.
  int ncols = !m.portrait && inner >= m.tap_h * 19 ? 2 : 1;
  float card_w = (inner - m.gap * static_cast<float>(ncols - 1)) / static_cast<float>(ncols);
  float edit_w = std::max(std::min(m.tap_h * 2.5f, card_w * 0.22f),
                          text_width(ui.f().body_bold, ui.t("form.edit")) + 2 * m.pad);
  float text_w = card_w - edit_w - 2 * m.pad - m.gap;
  std::string edit_field;
  std::vector<forms::ReviewItem> items = s.review();
  auto value_of = [&](const forms::ReviewItem& item) {
    return item.value.empty() ? forms::to_secure(ui.t("form.not_answered")) : item.value;
  };
  // A field's reminder ("Bring a photo ID ...") is said again under its answer: the review is the
  // last screen before the visitor leaves with the code.
  auto reminder_of = [&](const forms::ReviewItem& item) { return ui.t(item.field->reminder); };
  auto height_of = [&](const forms::ReviewItem& item) {
    std::string v(value_of(item));
    std::string r = reminder_of(item);
    float h = std::max(m.tap_h, text_height(ui.f().body_bold, ui.t(item.field->label), text_w) +
                                    text_height(ui.f().body, v, text_w) +
                                    (r.empty() ? 0.0f : text_height(ui.f().body_bold, r, text_w))) +
              m.pad;
    forms::wipe_buffer(v);
    return h;
  };
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float y = origin.y;
  for (std::size_t row = 0; row * ncols < items.size(); ++row) {
    std::size_t end = std::min(items.size(), (row + 1) * static_cast<std::size_t>(ncols));
    float h = 0;
    for (std::size_t k = row * ncols; k < end; ++k) h = std::max(h, height_of(items[k]));
    for (std::size_t k = row * ncols; k < end; ++k) {
      const forms::ReviewItem& item = items[k];
      const std::string& label = ui.t(item.field->label);
      std::string value(value_of(item));
      ImVec2 pos(origin.x + static_cast<float>(k - row * ncols) * (card_w + m.gap), y);
      ImDrawList* dl = ImGui::GetWindowDrawList();
      dl->AddRectFilled(pos, ImVec2(pos.x + card_w, pos.y + h), col(p.card), m.rounding);
      move_to(ImVec2(pos.x + m.pad, pos.y + m.pad * 0.5f));
      text(ui, label, ui.f().body_bold, p.primary, text_w);
      move_to(ImVec2(pos.x + m.pad, ImGui::GetCursorScreenPos().y));
      text(ui, value, ui.f().body, item.value.empty() ? p.muted : p.text, text_w);
      forms::wipe_buffer(value);  // a copy of the answer: overwritten before it is freed
      if (std::string r = reminder_of(item); !r.empty()) {
        move_to(ImVec2(pos.x + m.pad, ImGui::GetCursorScreenPos().y));
        text(ui, r, ui.f().body_bold, p.primary, text_w);
      }
      move_to(ImVec2(pos.x + card_w - edit_w - m.pad * 0.5f, pos.y + (h - m.tap_h) * 0.5f));
      ChoiceLook look;
      look.check = false;
      ImGui::PushID(item.field->id.c_str());
      if (choice_button(ui, "edit", ui.t("form.edit"), ui.t("form.edit") + ": " + label, edit_w,
                        look))
        edit_field = item.field->id;
      ImGui::PopID();
    }
    y += h + m.gap * 0.5f;
  }
  move_to(ImVec2(origin.x, y));
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
  ImGui::PopID();
  if (!edit_field.empty()) {
    fu.pending_focus = edit_field;
    fu.flow.clear_save_failed();
    s.edit(edit_field);
    return;
  }

  float bw = std::min(m.tap_h * 4.5f, (w - m.gap) * 0.5f);
  move_to(ImVec2(x, ny));
  const bool escape = ui.focus.take_escape(false);  // Escape is Back
  if (button(ui, "form-back", ui.t("form.back"), bw, ButtonKind::Secondary, nav_h,
             ui.f().heading) ||
      escape) {
    fu.flow.clear_save_failed();
    s.back();
  }
  move_to(ImVec2(x + w - bw, ny));
  if (button(ui, "form-submit", ui.t("form.submit"), bw, ButtonKind::Primary, nav_h,
             ui.f().heading)) {
    switch (fu.flow.submit()) {
      case FormFlow::SubmitResult::Saved:
        // Stored (after COMMIT): the answers are wiped; the confirmation replaces the form.
        ui.app.home();
        ui.app.open(Route{Screen::FormDone, {}});
        break;
      case FormFlow::SubmitResult::Invalid: {
        // Not expected (every step was checked), but never a dead end: show the first problem.
        auto errs = s.validate_all();
        if (!errs.empty()) {
          s.edit(errs.front().field_id);
          s.next();
        }
        break;
      }
      case FormFlow::SubmitResult::Failed: break;  // the notice above says what to do
    }
  }
}

}  // namespace kiosk::ui
