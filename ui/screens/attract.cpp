// Attract screen: what a passer-by sees from across the lobby — the department (logo and name),
// what the kiosk offers (crash reports, records, programs, events: a picture and its words in
// English and Spanish, one at a time), one highlight at a time on a dark card, and a welcome with
// its call to action in both languages side by side, each starting the visit in its language.
// Offers and highlights step on the App's attract rotation clock (one redraw per step, no
// animation). A tap anywhere else starts; the department name is staff mode's hidden entry.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "kiosk/app/event_text.h"

#include "ui/screens/accessibility_panel.h"
#include "ui/screens/chrome.h"
#include "ui/screens/screens.h"
#include "ui/screens/staff_screens.h"
#include "ui/widgets/picture.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

struct Offer {
  Feature feature;
  const char* key;  // its words (the same key in both string tables)
};
constexpr Offer kOffers[] = {{Feature::CrashReport, "welcome.offer.crash_report"},
                             {Feature::RecordsRequest, "welcome.offer.records"},
                             {Feature::Programs, "welcome.offer.programs"},
                             {Feature::Events, "welcome.offer.events"}};
static_assert(std::size(kOffers) == std::size(kFeatureIds), "one offer per feature");

// The attract screen's big words: the title font at Standard text. Its words are already read
// from across the lobby; at Large and Extra large the heading font (1.25 and 1.5 times its own
// Standard size, as large as the Standard title or larger) keeps the call to action on screen.
ImFont* display_font(const Ui& ui) {
  return ui.m().text_size == TextSize::Standard ? ui.f().title : ui.f().heading;
}

// The widest of the offers' words in either language: the panel keeps one size as they change.
float offer_words_width(const Ui& ui) {
  float w = 0;
  for (const Offer& o : kOffers)
    for (Lang l : {Lang::En, Lang::Es})
      w = std::max(w, text_width(display_font(ui), ui.str.get(l, o.key)));
  return w;
}

// The two languages' words of an offer, stacked: English, then Spanish.
float offer_words_height(const Ui& ui, const Offer& o, float width) {
  return text_height(display_font(ui), ui.str.get(Lang::En, o.key), width) + ui.m().gap * 0.5f +
         text_height(display_font(ui), ui.str.get(Lang::Es, o.key), width);
}

// One language's column: its welcome and its call to action, which starts the visit in it.
void welcome_column(Ui& ui, Lang lang, const char* id, float x, float y, float width,
                    float headline_h) {
  const Metrics& m = ui.m();
  ui.reg.push_lang(lang);  // spoken in its own language's voice, whatever the screen's
  move_to(ImVec2(x, y));
  text(ui, ui.str.get(lang, "welcome.headline"), display_font(ui), ui.p().primary, width, true,
       Control::Heading);
  move_to(ImVec2(x, y + headline_h + m.gap));
  if (button(ui, id, ui.str.get(lang, "attract.touch_to_start"), width, ButtonKind::Primary,
             m.tap_h * 1.4f, display_font(ui))) {
    ui.app.set_lang(lang);
    ui.app.start();
  }
  ui.reg.pop_lang();
}

}  // namespace

void draw_attract(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  const Department& dept = ui.cat.department;
  // Highlights whose `until` has passed are left out by the catalogue, not here.
  const std::vector<const Highlight*> highlights =
      ui.cat.current_highlights(local_date(ui.clock.wall()));
  const std::size_t step = ui.app.highlight_index();
  const float w = content.w - 4 * m.pad;
  const float x = content.x + 2 * m.pad;
  const float hg = m.gap * 2;  // between side-by-side parts

  // ---- measure every part first: the whole is centred vertically and nothing jumps ----
  const Visual logo{dept.logo, ""};
  const bool has_logo = has_visual(ui, logo);
  const float logo_side = has_logo ? line_height(display_font(ui)) * 1.5f : 0;
  const std::string& name = ui.t(dept.name);
  const float name_max_w = w - (has_logo ? logo_side + m.gap : 0);
  const float name_w = std::min(name_max_w, text_width(display_font(ui), name));
  const float name_h = text_height(display_font(ui), name, name_max_w);
  const float head_h = std::max(logo_side, name_h);

  bool offer_pictures = false;
  for (const Offer& o : kOffers) offer_pictures |= has_visual(ui, dept.feature(o.feature));
  // Beside a picture the words get at most 60 % of the width (they wrap if they must).
  const float words_w = std::min(offer_words_width(ui), w * (offer_pictures ? 0.6f : 0.9f));
  float words_h = 0;
  for (const Offer& o : kOffers) words_h = std::max(words_h, offer_words_height(ui, o, words_w));

  const bool any_hl_visual =
      std::any_of(highlights.begin(), highlights.end(),
                  [&ui](const Highlight* h) { return has_visual(ui, h->visual); });
  const float card_w = std::min(w, m.base * 1.6f);
  const float hl_side = any_hl_visual ? line_height(ui.f().heading) * 2 : 0;
  const float hl_text_w = card_w - 2 * m.pad - (any_hl_visual ? hl_side + m.pad : 0);
  float hl_h = 0;
  for (const Highlight* h : highlights)
    hl_h = std::max(hl_h, text_height(ui.f().heading, ui.t(*h), hl_text_w));
  hl_h = std::max(hl_h, hl_side) + 2 * m.pad;
  const float dots_h = m.gap * 2;

  const float col_w = std::min((w - hg) * 0.5f, m.base * 0.8f);
  float headline_h = 0, cta_h = 0;
  for (Lang l : {Lang::En, Lang::Es}) {
    headline_h = std::max(headline_h,
                          text_height(display_font(ui), ui.str.get(l, "welcome.headline"), col_w));
    cta_h = std::max(cta_h, button_height(ui, ui.str.get(l, "attract.touch_to_start"), col_w,
                                          m.tap_h * 1.4f, display_font(ui)));
  }
  const float welcome_h = headline_h + m.gap + cta_h;
  const float bottom_h = m.tap_h;

  // The space between the parts shrinks before anything else does (down to half a gap), then the
  // offer's picture takes what height is left, up to a quarter of the shorter side (half in
  // portrait, whose height is otherwise empty): large enough to read across the room, never
  // pushing the call to action off a 1280x800 screen.
  // At Large and Extra large text not everything fits: the highlight card goes first, then the
  // offers; the department, the call to action and the bottom row always stay on the screen.
  const float avail = content.h - 2 * m.pad;
  const float must = head_h + welcome_h + bottom_h;
  const float min_gap = m.gap * 0.5f;
  const bool show_offer = must + words_h + 2.5f * min_gap <= avail;
  const bool show_hl = !highlights.empty() &&
                       must + (show_offer ? words_h : 0) + hl_h + dots_h + 4.5f * min_gap <= avail;
  const float parts = head_h + (show_hl ? hl_h + dots_h : 0) + welcome_h + bottom_h;
  // Between the parts: 1 each, 1.5 from the welcome to the bottom row.
  const float gaps = 2.5f + (show_offer ? 1.0f : 0.0f) + (show_hl ? 1.0f : 0.0f);
  if (!show_offer) words_h = 0;
  const float g = std::clamp((avail - parts - words_h) / gaps, m.gap * 0.5f, m.gap * 2);
  float pic_side = 0;
  if (offer_pictures && show_offer)
    pic_side =
        std::min(std::max(std::min(avail - parts - gaps * g, m.base * (m.portrait ? 0.5f : 0.26f)),
                          words_h),  // as tall as the words at least: that height is there
                 w - hg - words_w);  // never wider than the screen
  const float offer_h = std::max(pic_side, words_h);
  const float total = parts + gaps * g + offer_h;
  float y = content.y + std::max(m.pad, (content.h - total) * 0.5f);

  // ---- the department: logo and name (holding either for 3 s opens staff mode) ----
  const float head_w = (has_logo ? logo_side + m.gap : 0) + name_w;
  const float hx = x + (w - head_w) * 0.5f;
  if (has_logo)
    draw_visual(ui, logo, Rect{hx, y + (head_h - logo_side) * 0.5f, logo_side, logo_side},
                p.primary);
  const float nx = hx + (has_logo ? logo_side + m.gap : 0);
  move_to(ImVec2(nx, y + (head_h - name_h) * 0.5f));
  // As wide as the name (it is centred), so its box stays on the screen; a long name wraps.
  text(ui, name, display_font(ui), p.primary, std::min(name_max_w, std::ceil(name_w) + 1), false,
       Control::Heading);
  // A short tap starts, as anywhere.
  if (staff_hold_zone(ui, "staff-hold", name, Rect{hx, y, head_w, head_h})) ui.app.start();
  y += head_h + g;

  // ---- what the kiosk offers, one at a time ----
  if (show_offer) {
    const Offer& o = kOffers[step % std::size(kOffers)];
    const Visual& v = dept.feature(o.feature);
    const float ow = (offer_pictures ? pic_side + hg : 0) + words_w;
    const float ox = x + (w - ow) * 0.5f;
    if (offer_pictures)
      draw_visual(ui, v, Rect{ox, y + (offer_h - pic_side) * 0.5f, pic_side, pic_side}, p.primary);
    const float wx = ox + (offer_pictures ? pic_side + hg : 0);
    const float wh = offer_words_height(ui, o, words_w);
    move_to(ImVec2(wx, y + (offer_h - wh) * 0.5f));
    ui.reg.push_lang(Lang::En);
    text(ui, ui.str.get(Lang::En, o.key), display_font(ui), p.primary, words_w, !offer_pictures);
    ui.reg.pop_lang();
    move_to(ImVec2(wx, ImGui::GetCursorScreenPos().y + m.gap * 0.5f));
    ui.reg.push_lang(Lang::Es);
    text(ui, ui.str.get(Lang::Es, o.key), display_font(ui), p.text, words_w, !offer_pictures);
    ui.reg.pop_lang();
    y += offer_h + g;
  }

  // ---- one highlight, on a dark card (far above 3:1 against the page) ----
  if (show_hl) {
    const Highlight& h = *highlights[step % highlights.size()];
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float cx = content.x + (content.w - card_w) * 0.5f;
    dl->AddRectFilled(ImVec2(cx, y), ImVec2(cx + card_w, y + hl_h), col(p.primary), m.rounding);
    // A highlight without a visual uses the whole card, centred (it needs no more lines there).
    const bool own_visual = has_visual(ui, h.visual);
    float tx = cx + m.pad;
    if (own_visual) {
      draw_visual(ui, h.visual, Rect{tx, y + (hl_h - hl_side) * 0.5f, hl_side, hl_side},
                  p.primary_text);
      tx += hl_side + m.pad;
    }
    text_at(ui, dl, ui.t(h), ui.f().heading, p.primary_text,
            Rect{tx, y, own_visual ? hl_text_w : card_w - 2 * m.pad, hl_h}, !own_visual);
    // Which highlight of how many: dots under the card (the current one filled).
    const float r = m.gap * 0.45f;
    const float dots_w = static_cast<float>(highlights.size()) * r * 3;
    const std::size_t cur = step % highlights.size();
    for (std::size_t k = 0; k < highlights.size(); ++k) {
      ImVec2 c(content.x + (content.w - dots_w) * 0.5f + r * 1.5f + static_cast<float>(k) * r * 3,
               y + hl_h + m.gap);
      if (k == cur)
        dl->AddCircleFilled(c, r, col(p.primary));
      else
        dl->AddCircle(c, r, col(p.primary), 0, m.border * 0.75f);
    }
    y += hl_h + dots_h + g;
  }

  // ---- welcome and "Touch to start" in both languages, side by side ----
  const float wx = x + (w - (2 * col_w + hg)) * 0.5f;
  welcome_column(ui, Lang::En, "start", wx, y, col_w, headline_h);
  welcome_column(ui, Lang::Es, "start-es", wx + col_w + hg, y, col_w, headline_h);
  y += welcome_h + g * 1.5f;

  // ---- the language choice and Accessibility, smaller, in one row ----
  const float aw = accessibility_button_width(ui);
  const float lang_w = std::min((w - 2 * m.gap - aw) * 0.5f, m.base * 0.35f);
  const float row_w = 2 * lang_w + aw + 2 * m.gap;
  const float lx = x + (w - row_w) * 0.5f;
  move_to(ImVec2(lx, y));
  ui.reg.push_lang(Lang::En);
  const bool english =
      button(ui, "lang-en", ui.str.get(Lang::En, "lang.en"), lang_w, ButtonKind::Secondary);
  ui.reg.pop_lang();
  if (english) {
    ui.app.set_lang(Lang::En);
    ui.app.start();
  }
  move_to(ImVec2(lx + lang_w + m.gap, y));
  ui.reg.push_lang(Lang::Es);
  const bool spanish =
      button(ui, "lang-es", ui.str.get(Lang::Es, "lang.es"), lang_w, ButtonKind::Secondary);
  ui.reg.pop_lang();
  if (spanish) {
    ui.app.set_lang(Lang::Es);
    ui.app.start();
  }
  // Accessibility opens its panel here, before starting.
  move_to(ImVec2(lx + 2 * (lang_w + m.gap), y));
  accessibility_button(ui, aw, ButtonKind::Secondary);

  // Anywhere else on the screen (not the notice band) also starts — unless the Accessibility panel
  // is open over it: that tap is the panel's.
  if (ui.app.screen() == Screen::Attract && ui.pointer.tap && !ui.app.accessibility().panel_open &&
      content.contains(ui.pointer.tap_pos) &&
      !WidgetRegistry::tappable_at(ui.reg.current(), ui.pointer.tap_pos))
    ui.app.start();
}

}  // namespace kiosk::ui
