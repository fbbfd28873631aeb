// Staff record lists (pending, rejected: kind with the event signed up for, time, event tag, reason) and one record: its details and
// answers, "Retry" and "Discard" (asked twice; the store erases the answers and writes the audit
// row in the same transaction). Draws the StaffSession's cache: a list is read when its screen
// opens (and when the engine reports a change), a record when it opens or after an action.
#include <algorithm>
#include <string>

#include "kiosk/app/event_text.h"
#include "ui/screens/chrome.h"
#include "ui/screens/staff_screens.h"
#include "ui/screens/staff_ui.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

std::string kind_words(const Ui& ui, const StaffRecord& s) {
  std::string kind = s.form_id == "signup"            ? ui.t("staff.kind.signup")
                     : s.form_id == "crash_report"    ? ui.t("staff.kind.crash_report")
                     : s.form_id == "records_request" ? ui.t("staff.kind.records_request")
                                                      : s.form_id;
  if (!s.program_id.empty()) {
    const Program* p = ui.cat.find_program(s.program_id);
    kind += ": " + (p ? ui.t(p->title) : s.program_id);
  }
  if (!s.event_id.empty()) {
    // The event's title and day as the visitor saw them; an event since removed from the content
    // is named by its id.
    auto e = std::find_if(ui.cat.events.begin(), ui.cat.events.end(),
                          [&](const Event& ev) { return ev.id == s.event_id; });
    kind = e == ui.cat.events.end() ? kind + " — " + s.event_id
                                    : staff_fmt(ui, "eventsignup.staff_kind",
                                                {{"kind", kind},
                                                 {"event", ui.t(e->title)},
                                                 {"date", format_date_long(e->date, ui.lang())}});
  }
  return kind;
}

std::string event_words(const Ui& ui, const StaffRecord& s) {
  return staff_fmt(ui, "staff.record.event", {{"tag", s.event_tag.value_or(ui.t("staff.none"))}});
}

std::string outcome_words(const Ui& ui, StaffOutcome o, const char* done, const char* not_allowed,
                          const char* failed) {
  switch (o) {
    case StaffOutcome::Done: return ui.t(done);
    case StaffOutcome::NotAllowed: return ui.t(not_allowed);
    case StaffOutcome::NoStore: return ui.t("staff.store.cannot_open");
    default: return ui.t(failed);
  }
}

}  // namespace

void draw_staff_records(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  if (!ui.staff) return;
  StaffUi& st = *ui.staff;
  const bool rejected = ui.app.route().id == "rejected";
  if (ui.screen_entered) st.session.show_list(rejected ? StaffList::Rejected : StaffList::Pending);
  const std::vector<StaffRecord>& rows = st.session.records();
  const std::string& error = st.session.records_error();
  std::string title =
      staff_fmt(ui, rejected ? "staff.records.rejected_title" : "staff.records.pending_title",
                {{"n", std::to_string(rows.size())}});
  float y = screen_title(ui, title, content);
  if (const std::string* said = st.said(ui.app)) {
    move_to(ImVec2(content.x + m.pad, y));
    text(ui, *said, ui.f().heading, ui.p().primary, content.w - 2 * m.pad);
    y = ImGui::GetCursorScreenPos().y + m.gap * 0.5f;
  }
  Rect area{content.x + m.pad, y, content.w - 2 * m.pad, content.y + content.h - y};
  begin_scroll(ui, "staff-records", area);
  float inner = scroll_content_width(ui, area.w);
  if (!error.empty())
    text(ui, staff_fmt(ui, "staff.store.cannot_read_records", {{"error", error}}), ui.f().heading,
         ui.p().alert, inner);
  else if (rows.empty())
    text(ui, ui.t(rejected ? "staff.records.none_rejected" : "staff.records.none_pending"),
         ui.f().heading, ui.p().text, inner);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StaffRecord& s = rows[i];
    std::string label = std::to_string(i + 1) + ". " + kind_words(ui, s);
    std::vector<Para> body{
        Para{staff_fmt(ui, "staff.record.saved_ago",
                       {{"at", s.created_at}, {"age", staff_age(ui, s.created_at)}}),
             nullptr, ui.p().text},
        Para{event_words(ui, s), nullptr, ui.p().text}};
    if (!s.last_error.empty())
      body.push_back(
          Para{staff_fmt(ui, rejected ? "staff.record.reason" : "staff.record.last_error",
                         {{"reason", s.last_error}}),
               nullptr, ui.p().alert});
    if (s.exported_at)
      body.push_back(Para{staff_fmt(ui, "staff.record.exported_at", {{"at", *s.exported_at}}),
                          nullptr, ui.p().text});
    ImGui::PushID(static_cast<int>(i));
    if (tile(ui, "rec", label, body, inner)) ui.app.open(Route{Screen::StaffRecord, s.id});
    ImGui::PopID();
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  }
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
}

void draw_staff_record(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  if (!ui.staff) return;
  StaffUi& st = *ui.staff;
  const std::string id = ui.app.route().id;
  if (ui.screen_entered) {
    st.discard_asked = 0;
    st.session.show_record(id);
  }
  const std::optional<StaffRecord>& s = st.session.record();
  float y = screen_title(ui, s ? kind_words(ui, *s) : ui.t("staff.record.title"), content);
  float w = content.w - 2 * m.pad;
  float x = content.x + m.pad;
  if (!s) {
    const std::string& err = st.session.record_error();
    move_to(ImVec2(x, y));
    text(ui,
         err.empty() ? ui.t("staff.record.gone")
                     : staff_fmt(ui, "staff.store.cannot_read_record", {{"error", err}}),
         ui.f().heading, p.alert, w);
    return;
  }
  // Wide screens: the record's facts and actions on the left, its answers scrolling on the right.
  bool two = !m.portrait;
  float left_w = two ? std::min(w * 0.4f, m.base * 0.8f) : w;
  std::vector<Para> facts{
      Para{staff_fmt(ui, "staff.record.status", {{"status", store::status_name(s->status)}}),
           ui.f().body_bold, p.text},
      Para{staff_fmt(ui, "staff.record.saved",
                     {{"at", s->created_at}, {"age", staff_age(ui, s->created_at)}}),
           nullptr, p.text},
      Para{event_words(ui, *s), nullptr, p.text},
      Para{staff_fmt(ui, "staff.record.attempts", {{"n", std::to_string(s->attempts)}}), nullptr,
           p.text}};
  if (!s->last_error.empty())
    facts.push_back(Para{staff_fmt(ui, "staff.record.reason", {{"reason", s->last_error}}),
                         ui.f().body_bold, p.alert});
  if (s->exported_at)
    facts.push_back(
        Para{staff_fmt(ui, "staff.record.exported", {{"at", *s->exported_at}}), nullptr, p.text});
  if (s->collected_by)
    facts.push_back(Para{staff_fmt(ui, "staff.record.collected_by", {{"kiosk", *s->collected_by}}),
                         nullptr, p.text});
  facts.push_back(Para{staff_fmt(ui, "staff.record.id", {{"id", s->id}}), ui.f().small, p.muted});

  bool retry = false;
  auto draw_left = [&](float width) {
    float lx = ImGui::GetCursorScreenPos().x;
    if (const std::string* said = st.said(ui.app))
      text(ui, *said, ui.f().heading, p.primary, width);
    move_to(ImVec2(lx, ImGui::GetCursorScreenPos().y));
    card(ui, facts, width);
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
    if (!s->open()) return;
    float bw = std::min((width - m.gap) * 0.5f, m.base * 0.5f);
    ImVec2 b(lx, ImGui::GetCursorScreenPos().y);
    move_to(b);
    if (button(ui, "retry", ui.t("staff.record.retry"), bw, ButtonKind::Primary, m.tap_h * 1.2f))
      retry = true;
    move_to(ImVec2(b.x + bw + m.gap, b.y));
    if (button(ui, "discard", ui.t("staff.record.discard"), bw, ButtonKind::Alert, m.tap_h * 1.2f))
      st.discard_asked = 1;
    move_to(ImVec2(lx, ImGui::GetCursorScreenPos().y));
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  };

  // Metadata only: the answers are sealed for the department and cannot be read here.
  std::vector<Para> answers;
  if (!s->has_answers)
    answers.push_back(Para{s->erased_at
                               ? staff_fmt(ui, "staff.answers.erased", {{"at", *s->erased_at}})
                               : ui.t("staff.answers.none"),
                           nullptr, p.text});
  else if (s->sealed)
    answers.push_back(
        Para{staff_fmt(ui, "seal.staff.sealed",
                       {{"key", s->sealed_to}, {"bytes", std::to_string(s->sealed_bytes)}}),
             nullptr, p.text});
  else
    answers.push_back(Para{ui.t("seal.staff.unsealed"), nullptr, p.alert});

  if (two) {
    move_to(ImVec2(x, y));
    draw_left(left_w);
  }
  float ax = two ? x + left_w + m.gap * 1.5f : x;
  Rect area{ax, y, w - (ax - x), content.y + content.h - y};
  begin_scroll(ui, "staff-record", area);
  float inner = scroll_content_width(ui, area.w);
  if (!two) draw_left(inner);
  text(ui, ui.t("staff.answers.title"), ui.f().heading, p.primary, inner);
  card(ui, answers, inner);
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
  // After drawing: the action replaces the cached record the lambda above was reading.
  if (retry)
    st.say(ui.app, outcome_words(ui, st.session.retry(id), "staff.msg.retry_done",
                                 "staff.msg.retry_not_allowed", "staff.msg.change_failed"));
}

// The two-step discard question over the record screen (draw_staff_dialogs calls it).
void draw_discard_dialog(Ui& ui) {
  if (!ui.staff || ui.app.screen() != Screen::StaffRecord) return;
  StaffUi& st = *ui.staff;
  const std::string id = ui.app.route().id;
  if (st.discard_asked == 1) {
    int r =
        staff_confirm(ui, "##discard-1", ui.t("staff.discard.title"), ui.t("staff.discard.body"),
                      ui.t("staff.discard.yes"), ui.t("staff.discard.no"));
    if (r == 0) st.discard_asked = 0;
    if (r == 1) st.discard_asked = 2;
  } else if (st.discard_asked == 2) {
    int r =
        staff_confirm(ui, "##discard-2", ui.t("staff.discard2.title"), ui.t("staff.discard2.body"),
                      ui.t("staff.discard2.yes"), ui.t("staff.discard2.no"));
    if (r == 0) st.discard_asked = 0;
    if (r == 1) {
      st.discard_asked = 0;
      st.say(ui.app, outcome_words(ui, st.session.discard(id), "staff.msg.discard_done",
                                   "staff.msg.discard_not_allowed", "staff.msg.discard_failed"));
    }
  }
}

}  // namespace kiosk::ui
