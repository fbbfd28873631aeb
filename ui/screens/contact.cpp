// Contact and help: the non-emergency line, every contact path of the department (community
// officer, Crime Stoppers, victim services, ...), and who may request police records and crash
// reports, with buttons for the two request forms first. Cards in two columns on a wide screen, one
// in portrait.
#include <algorithm>

#include "kiosk/forms/form_spec.h"
#include "ui/screens/chrome.h"
#include "ui/screens/screens.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

// Cards in a grid; all cards of a row are as tall as the tallest.
void card_grid(Ui& ui, const std::vector<std::vector<Para>>& cards, int cols, float width) {
  const Metrics& m = ui.m();
  float cw = (width - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float y = origin.y;
  for (std::size_t row = 0; row * cols < cards.size(); ++row) {
    float row_h = 0;
    std::size_t end = std::min(cards.size(), (row + 1) * cols);
    for (std::size_t k = row * cols; k < end; ++k)
      row_h = std::max(row_h, card_height(ui, cards[k], cw));
    for (std::size_t k = row * cols; k < end; ++k) {
      move_to(ImVec2(origin.x + static_cast<float>(k - row * cols) * (cw + m.gap), y));
      ImDrawList* dl = ImGui::GetWindowDrawList();
      ImVec2 p = ImGui::GetCursorScreenPos();
      dl->AddRectFilled(p, ImVec2(p.x + cw, p.y + row_h), col(ui.p().card),
                        m.rounding);  // even row backgrounds
      card(ui, cards[k], cw);
    }
    y += row_h + m.gap;
  }
  move_to(ImVec2(origin.x, y));
}

}  // namespace

void draw_contact(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Department& d = ui.cat.department;
  float y = screen_title(ui, ui.t("contact.title"), content);
  Rect area{content.x + m.pad, y, content.w - 2 * m.pad, content.y + content.h - y};
  begin_scroll(ui, "contacts", area);
  float inner = scroll_content_width(ui, area.w);
  // The two requests people come to the desk for, as big buttons before the phone numbers.
  ImVec2 row = ImGui::GetCursorScreenPos();
  float bw = (inner - m.gap) * 0.5f;
  int shown = 0;
  for (const char* id : {"crash_report", "records_request"}) {
    auto form = forms::bundled_forms().find(id);
    if (!form) continue;
    move_to(ImVec2(row.x + static_cast<float>(shown++) * (bw + m.gap), row.y));
    if (button(ui, (std::string("form-") + id).c_str(), ui.t(form->title), bw, ButtonKind::Primary,
               m.tap_h * 1.2f, ui.f().heading))
      ui.app.open(Route{Screen::Form, id});
  }
  if (shown) move_to(ImVec2(row.x, ImGui::GetCursorScreenPos().y + m.gap));

  std::vector<std::vector<Para>> cards;
  // The department's own line, unless the content already lists it as a contact path.
  bool listed = std::any_of(ui.cat.contacts.begin(), ui.cat.contacts.end(),
                            [&](const ContactPath& c) { return c.contact.phone == d.main_phone; });
  if (!listed)
    cards.push_back(
        {Para{ui.t("contact.main_line"), ui.f().heading, ui.p().primary},
         Para{ui.str.format(ui.lang(), "contact.main_line_body", {{"phone", d.main_phone}}),
              nullptr, ui.p().text},
         Para{ui.str.format(ui.lang(), "contact.website", {{"url", d.website}}), ui.f().small,
              ui.p().muted}});
  for (const auto& c : ui.cat.contacts) {
    std::vector<Para> card{Para{ui.t(c.title), ui.f().heading, ui.p().primary},
                           Para{ui.t(c.summary), nullptr, ui.p().text}};
    if (!c.contact.phone.empty())
      card.push_back(Para{ui.str.format(ui.lang(), "detail.phone", {{"phone", c.contact.phone}}),
                          ui.f().body_bold, ui.p().text});
    if (!c.contact.email.empty())
      card.push_back(Para{ui.str.format(ui.lang(), "detail.email", {{"email", c.contact.email}}),
                          nullptr, ui.p().text});
    if (!ui.t(c.hours).empty()) card.push_back(Para{ui.t(c.hours), nullptr, ui.p().text});
    if (!ui.t(c.contact.office).empty())
      card.push_back(Para{ui.t(c.contact.office), nullptr, ui.p().muted});
    if (!c.url.empty()) card.push_back(Para{c.url, ui.f().small, ui.p().muted});
    cards.push_back(std::move(card));
  }
  if (!ui.t(d.records_info).empty())
    cards.push_back({Para{ui.t("contact.records"), ui.f().heading, ui.p().primary},
                     Para{ui.t(d.records_info), nullptr, ui.p().text}});
  card_grid(ui, cards, m.portrait || inner < 1400 ? 1 : 2, inner);
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
}

void draw_privacy(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Department& d = ui.cat.department;
  float y = screen_title(ui, ui.t("privacy.title"), content);
  Rect area{content.x + m.pad, y, content.w - 2 * m.pad, content.y + content.h - y};
  begin_scroll(ui, "privacy", area);
  float inner =
      std::min(scroll_content_width(ui, area.w), m.base * 1.5f);  // keep lines short enough to read
  // How long records are kept is the config's, not the content's: stated with its days.
  const AppSettings& cfg = ui.app.settings();
  const std::string retention =
      ui.str.format(ui.lang(), "privacy.retention",
                    {{"sent_days", std::to_string(cfg.sent_retention_days)},
                     {"damaged_days", std::to_string(cfg.damaged_copy_retention_days)}});
  card(ui, {Para{ui.t(d.privacy_notice) + "\n\n" + retention, nullptr, ui.p().text}}, inner);
  ImGui::Dummy(ImVec2(0, m.gap));
  card(ui,
       {Para{ui.t("privacy.kiosk"), ui.f().heading, ui.p().primary},
        Para{ui.t(d.not_monitored_notice), nullptr, ui.p().text}},
       inner);
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
}

}  // namespace kiosk::ui
