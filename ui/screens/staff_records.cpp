// Staff record lists (pending, rejected: kind, time, event, reason) and one record: its details and
// answers, "Retry" and "Discard" (asked twice; the store erases the answers and writes the audit
// row in the same transaction).
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/core/log.h"
#include "ui/screens/chrome.h"
#include "ui/screens/staff_screens.h"
#include "ui/screens/staff_ui.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

std::string kind_words(const Ui& ui, const store::Submission& s) {
  std::string kind = s.form_id == "signup"            ? "Sign-up"
                     : s.form_id == "crash_report"    ? "Crash report request"
                     : s.form_id == "records_request" ? "Records request"
                                                      : s.form_id;
  if (!s.program_id.empty()) {
    const Program* p = ui.cat.find_program(s.program_id);
    kind += ": " + (p ? p->title.en : s.program_id);
  }
  return kind;
}

std::vector<store::Submission> records_in(StaffUi& st, const std::string& which,
                                          std::string& error) {
  std::vector<store::Submission> out;
  if (!st.outbox) {
    error = "The kiosk's storage cannot be opened.";
    return out;
  }
  try {
    if (which == "rejected") return st.outbox->list(store::Status::Rejected, 500);
    out = st.outbox->list(store::Status::Pending, 500);
    auto sending = st.outbox->list(store::Status::Sending, 500);
    out.insert(out.end(), sending.begin(), sending.end());
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
  } catch (const store::StoreError& e) {
    error = std::string("Cannot read the records: ") + e.what();
  }
  return out;
}

// The answers of a stored payload as "name: value" lines (nested objects flattened).
void answer_lines(const nlohmann::json& j, const std::string& prefix,
                  std::vector<std::string>& out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string key = prefix.empty() ? it.key() : prefix + " / " + it.key();
    if (it->is_object())
      answer_lines(*it, key, out);
    else if (it->is_string())
      out.push_back(key + ": " + it->get<std::string>());
    else if (it->is_array() && !it->empty() && !it->front().is_array() &&
             !it->front().is_object()) {
      std::string v;
      for (const auto& e : *it)
        v += (v.empty() ? "" : ", ") + (e.is_string() ? e.get<std::string>() : e.dump());
      out.push_back(key + ": " + v);
    } else if (it->is_array())
      out.push_back(key + ": (drawing or list, " + std::to_string(it->size()) + " parts)");
    else
      out.push_back(key + ": " + it->dump());
  }
}

}  // namespace

void draw_staff_records(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  if (!ui.staff) return;
  StaffUi& st = *ui.staff;
  const std::string& which = ui.app.route().id;
  std::string error;
  auto rows = records_in(st, which, error);
  std::string title = (which == "rejected" ? "Rejected records (" : "Pending records (") +
                      std::to_string(rows.size()) + ")";
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
    text(ui, error, ui.f().heading, ui.p().alert, inner);
  else if (rows.empty())
    text(ui,
         which == "rejected" ? "No rejected records."
                             : "No pending records: everything has left this kiosk.",
         ui.f().heading, ui.p().text, inner);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const store::Submission& s = rows[i];
    std::string label = std::to_string(i + 1) + ". " + kind_words(ui, s);
    std::vector<Para> body{
        Para{"Saved " + s.created_at + " (" + staff_age(ui, s.created_at) + " ago)", nullptr,
             ui.p().text},
        Para{"Event: " + s.event_tag.value_or("none"), nullptr, ui.p().text}};
    if (!s.last_error.empty())
      body.push_back(Para{(which == "rejected" ? "Reason: " : "Last error: ") + s.last_error,
                          nullptr, ui.p().alert});
    if (s.exported_at) body.push_back(Para{"Exported " + *s.exported_at, nullptr, ui.p().text});
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
  if (ui.screen_entered) st.discard_asked = 0;
  const std::string id = ui.app.route().id;
  std::optional<store::Submission> s;
  std::string error;
  try {
    if (st.outbox)
      s = st.outbox->get(id);
    else
      error = "The kiosk's storage cannot be opened.";
  } catch (const store::StoreError& e) {
    error = std::string("Cannot read the record: ") + e.what();
  }
  if (!s && error.empty()) error = "This record is no longer stored.";
  float y = screen_title(ui, s ? kind_words(ui, *s) : "Record", content);
  float w = content.w - 2 * m.pad;
  float x = content.x + m.pad;
  if (!s) {
    move_to(ImVec2(x, y));
    text(ui, error, ui.f().heading, p.alert, w);
    return;
  }
  // Wide screens: the record's facts and actions on the left, its answers scrolling on the right.
  bool two = !m.portrait;
  float left_w = two ? std::min(w * 0.4f, m.base * 0.8f) : w;
  bool open = s->status == store::Status::Pending || s->status == store::Status::Rejected;
  std::vector<Para> facts{
      Para{std::string("Status: ") + store::status_name(s->status), ui.f().body_bold, p.text},
      Para{"Saved: " + s->created_at + " (" + staff_age(ui, s->created_at) + " ago)", nullptr,
           p.text},
      Para{"Event: " + s->event_tag.value_or("none"), nullptr, p.text},
      Para{"Upload attempts: " + std::to_string(s->attempts), nullptr, p.text}};
  if (!s->last_error.empty())
    facts.push_back(Para{"Reason: " + s->last_error, ui.f().body_bold, p.alert});
  if (s->exported_at) facts.push_back(Para{"Exported: " + *s->exported_at, nullptr, p.text});
  if (s->collected_by)
    facts.push_back(
        Para{"Collected at another kiosk (imported): " + *s->collected_by, nullptr, p.text});
  facts.push_back(Para{"Record id: " + s->id, ui.f().small, p.muted});

  auto draw_left = [&](float width) {
    float lx = ImGui::GetCursorScreenPos().x;
    if (const std::string* said = st.said(ui.app))
      text(ui, *said, ui.f().heading, p.primary, width);
    move_to(ImVec2(lx, ImGui::GetCursorScreenPos().y));
    card(ui, facts, width);
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
    if (!open) return;
    float bw = std::min((width - m.gap) * 0.5f, m.base * 0.5f);
    ImVec2 b(lx, ImGui::GetCursorScreenPos().y);
    move_to(b);
    if (button(ui, "retry", "Retry", bw, ButtonKind::Primary, m.tap_h * 1.2f)) {
      try {
        bool ok;
        {
          auto w2 = st.write_lock();
          ok = st.outbox->retry_now(id);
        }
        if (st.engine) st.engine->notify();
        st.say(ui.app, ok ? "The record will be sent at the next try."
                          : "This record cannot be retried any more.");
      } catch (const store::StoreError& e) {
        log::error(std::string("staff: retry failed: ") + e.what());
        st.say(ui.app, "The record could not be changed: the kiosk's storage is failing.");
      }
    }
    move_to(ImVec2(b.x + bw + m.gap, b.y));
    if (button(ui, "discard", "Discard", bw, ButtonKind::Alert, m.tap_h * 1.2f))
      st.discard_asked = 1;
    move_to(ImVec2(lx, ImGui::GetCursorScreenPos().y));
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  };

  std::vector<std::string> lines;
  if (s->payload_json.empty()) {
    lines.push_back(s->erased_at ? "The answers were erased " + *s->erased_at + "."
                                 : "No answers stored.");
  } else {
    auto j = nlohmann::json::parse(s->payload_json, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      lines.push_back("The stored answers cannot be read.");
    else
      answer_lines(j.contains("answers") && j["answers"].is_object() ? j["answers"] : j, "", lines);
  }
  std::vector<Para> answers;
  for (auto& l : lines) answers.push_back(Para{std::move(l), nullptr, p.text});

  if (two) {
    move_to(ImVec2(x, y));
    draw_left(left_w);
  }
  float ax = two ? x + left_w + m.gap * 1.5f : x;
  Rect area{ax, y, w - (ax - x), content.y + content.h - y};
  begin_scroll(ui, "staff-record", area);
  float inner = scroll_content_width(ui, area.w);
  if (!two) draw_left(inner);
  text(ui, "Answers", ui.f().heading, p.primary, inner);
  card(ui, answers, inner);
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
}

// The two-step discard question over the record screen (draw_staff_dialogs calls it).
void draw_discard_dialog(Ui& ui) {
  if (!ui.staff || ui.app.screen() != Screen::StaffRecord) return;
  StaffUi& st = *ui.staff;
  const std::string id = ui.app.route().id;
  if (st.discard_asked == 1) {
    int r = staff_confirm(ui, "##discard-1", "Discard this record?",
                          "Its answers will be erased from this kiosk and never uploaded.",
                          "Discard", "Keep it");
    if (r == 0) st.discard_asked = 0;
    if (r == 1) st.discard_asked = 2;
  } else if (st.discard_asked == 2) {
    int r = staff_confirm(ui, "##discard-2", "Really discard?",
                          "This cannot be undone. The visitor's answers are gone for good.",
                          "Yes, discard for good", "No, keep it");
    if (r == 0) st.discard_asked = 0;
    if (r == 1) {
      st.discard_asked = 0;
      try {
        bool ok;
        {
          auto w2 = st.write_lock();
          ok = st.outbox->discard(id);
        }
        st.say(ui.app, ok ? "Discarded: the answers are erased."
                          : "This record cannot be discarded any more.");
      } catch (const store::StoreError& e) {
        log::error(std::string("staff: discard failed: ") + e.what());
        st.say(ui.app, "The record could not be discarded: the kiosk's storage is failing.");
      }
    }
  }
}

}  // namespace kiosk::ui
