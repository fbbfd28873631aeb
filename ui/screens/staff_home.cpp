// Staff dashboard: the queue (pending / sent / rejected, oldest pending), the upload state (last
// success, last error in words, server reachability, paused and why), "Send now", the record
// lists, the event tag, the profile, export and "Exit kiosk" (confirmed).
#include <algorithm>
#include <cfloat>
#include <string>

#include "kiosk/core/log.h"
#include "ui/screens/chrome.h"
#include "ui/screens/staff_screens.h"
#include "ui/screens/staff_ui.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

std::string when(const Ui& ui, const std::string& at) {
  if (at.empty()) return "never";
  return at + " (" + staff_age(ui, at) + " ago)";
}

// The upload side in plain words, from the engine's snapshot (or the stored state without one).
std::vector<Para> upload_paras(Ui& ui, StaffUi& st) {
  const Palette& p = ui.p();
  std::vector<Para> out;
  out.push_back(Para{"Upload", ui.f().heading, p.primary});
  if (!st.engine || !st.sync) {
    out.push_back(Para{"Uploading is not running in this process.", nullptr, p.text});
    return out;
  }
  const sync::SyncSnapshot& snap = *st.sync;
  const sync::SyncState& s = snap.sync;
  std::string state;
  switch (snap.state) {
    case sync::EngineState::Offline:
      state = "Offline: no server is configured. Records stay on this kiosk (export them).";
      break;
    case sync::EngineState::ConfigFault:
      state = "The upload settings cannot be used: " + snap.detail;
      break;
    case sync::EngineState::Paused: state = "Paused: " + s.paused_reason; break;
    case sync::EngineState::Busy:
      state = "Another kiosk program is uploading from this data folder.";
      break;
    case sync::EngineState::StoreFault: state = "Storage problem: " + snap.detail; break;
    case sync::EngineState::Idle: state = "Everything is uploaded."; break;
    case sync::EngineState::Sending: state = "Sending now."; break;
    case sync::EngineState::Waiting: state = "Waiting to try again."; break;
    case sync::EngineState::Starting: state = "Starting."; break;
    case sync::EngineState::Stopped: state = "Stopped."; break;
  }
  out.push_back(Para{"State: " + state, ui.f().body_bold,
                     snap.state == sync::EngineState::Paused ? p.alert : p.text});
  std::string reach;
  if (snap.state == sync::EngineState::Offline || snap.state == sync::EngineState::ConfigFault)
    reach = "not used (no usable server settings)";
  else if (s.last_success_at.empty() && s.last_error_at.empty())
    reach = "not tried yet";
  else if (!s.last_error_at.empty() && s.last_error_at > s.last_success_at)
    reach = "NOT reachable at the last try (" + staff_age(ui, s.last_error_at) + " ago)";
  else
    reach = "reachable at the last try";
  out.push_back(Para{"Server: " + reach, nullptr, p.text});
  out.push_back(Para{"Last successful upload: " + when(ui, s.last_success_at), nullptr, p.text});
  out.push_back(Para{"Last error: " + (s.last_error.empty() ? std::string("none") : s.last_error),
                     nullptr, p.text});
  out.push_back(Para{s.paused ? "Paused: yes - " + s.paused_reason : "Paused: no", nullptr,
                     s.paused ? p.alert : p.text});
  return out;
}

}  // namespace

void draw_staff_home(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  if (!ui.staff) return;
  StaffUi& st = *ui.staff;
  static const char* kTitle = "Staff dashboard";
  float y = screen_title(ui, kTitle, content);
  const std::string* said = st.said(ui.app);
  if (said && !m.portrait) {
    // Beside the title when it fits there: the cards and actions below never move for a message.
    ImFont* title_font = ui.f().heading;
    const float x = content.x + m.pad +
                    title_font->CalcTextSizeA(title_font->FontSize, FLT_MAX, 0, kTitle).x +
                    2 * m.gap;
    const float w = content.x + content.w - m.pad - x;
    if (w > 0 && text_height(ui.f().body_bold, *said, w) <= y - content.y - m.pad) {
      move_to(ImVec2(x, content.y + m.pad));
      text(ui, *said, ui.f().body_bold, p.primary, w);
      said = nullptr;
    }
  }
  Rect area{content.x + m.pad, y, content.w - 2 * m.pad, content.y + content.h - y};
  begin_scroll(ui, "staff-home", area);
  float inner = scroll_content_width(ui, area.w);
  ImVec2 origin = ImGui::GetCursorScreenPos();

  std::vector<Para> queue{Para{"Records on this kiosk", ui.f().heading, p.primary}};
  if (!st.outbox) {
    queue.push_back(Para{"The kiosk's storage cannot be opened: records cannot be read.",
                         ui.f().body_bold, p.alert});
  } else {
    try {
      store::StatusCounts c = st.outbox->counts();
      queue.push_back(
          Para{"Pending: " + std::to_string(c.pending + c.sending), ui.f().heading, p.text});
      queue.push_back(Para{"Sent: " + std::to_string(c.sent), ui.f().heading, p.text});
      queue.push_back(Para{"Rejected: " + std::to_string(c.rejected), ui.f().heading,
                           c.rejected ? p.alert : p.text});
      queue.push_back(
          Para{"Oldest pending: " + (c.oldest_pending_created_at
                                         ? staff_age(ui, *c.oldest_pending_created_at) + " old"
                                         : std::string("none")),
               nullptr, p.text});
    } catch (const store::StoreError& e) {
      queue.push_back(
          Para{std::string("Cannot read the records: ") + e.what(), ui.f().body_bold, p.alert});
    }
  }
  queue.push_back(Para{"Event tag: " + (st.event_tag.empty() ? std::string("none") : st.event_tag),
                       ui.f().body_bold, p.text});
  queue.push_back(
      Para{std::string("Profile: ") + (ui.app.profile() == Profile::Booth ? "booth" : "lobby"),
           ui.f().body_bold, p.text});
  std::vector<Para> upload = upload_paras(ui, st);

  bool two = !m.portrait;
  float cw = two ? (inner - m.gap) * 0.5f : inner;
  float ch = two ? std::max(card_height(ui, queue, cw), card_height(ui, upload, cw)) : 0;
  move_to(origin);
  card(ui, queue, cw);
  if (two)
    move_to(ImVec2(origin.x + cw + m.gap, origin.y));
  else
    move_to(ImVec2(origin.x, ImGui::GetCursorScreenPos().y + m.gap));
  card(ui, upload, cw);
  float by = two ? origin.y + ch + m.gap : ImGui::GetCursorScreenPos().y + m.gap;

  if (said) {
    move_to(ImVec2(origin.x, by));
    text(ui, *said, ui.f().heading, p.primary, inner);
    by = ImGui::GetCursorScreenPos().y + m.gap * 0.5f;
  }

  // Buttons, three to a row on a wide screen.
  int cols =
      m.portrait ? 2 : 4;  // two rows on a wide screen: every action visible without scrolling
  float bw = (inner - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  struct Action {
    const char* id;
    std::string label;
    ButtonKind kind;
  };
  std::string profile_label =
      ui.app.profile() == Profile::Booth ? "Switch to lobby profile" : "Switch to booth profile";
  std::vector<Action> actions{{"send-now", "Send now", ButtonKind::Primary},
                              {"pending", "Pending records", ButtonKind::Secondary},
                              {"rejected", "Rejected records", ButtonKind::Secondary},
                              {"event", "Event tag", ButtonKind::Secondary},
                              {"profile", profile_label, ButtonKind::Secondary},
                              {"export", "Export to USB", ButtonKind::Secondary},
                              {"exit", "Exit kiosk", ButtonKind::Alert}};
  for (std::size_t i = 0; i < actions.size(); ++i) {
    move_to(ImVec2(origin.x + static_cast<float>(i % cols) * (bw + m.gap),
                   by + static_cast<float>(i / cols) * (m.tap_h * 1.2f + m.gap)));
    if (!button(ui, actions[i].id, actions[i].label, bw, actions[i].kind, m.tap_h * 1.2f)) continue;
    std::string id = actions[i].id;
    if (id == "send-now") {
      const bool no_server = st.sync && (st.sync->state == sync::EngineState::Offline ||
                                         st.sync->state == sync::EngineState::ConfigFault);
      if (no_server) {
        st.say(ui.app,
               "Nothing can be sent: this kiosk has no usable server settings. Export the records "
               "to USB.");
      } else if (st.engine) {
        st.engine->retry_now();
        if (st.outbox) {
          try {
            auto w = st.write_lock();
            st.outbox->record_event("send_now", "");
          } catch (const store::StoreError& e) {
            log::error(std::string("staff: cannot record send_now: ") + e.what());
          }
        }
        st.say(ui.app, "Sending every pending record now.");
      } else {
        st.say(ui.app, "Uploading is not running in this process.");
      }
    } else if (id == "pending") {
      ui.app.open(Route{Screen::StaffRecords, "pending"});
    } else if (id == "rejected") {
      ui.app.open(Route{Screen::StaffRecords, "rejected"});
    } else if (id == "event") {
      ui.app.open(Route{Screen::StaffEvent, {}});
    } else if (id == "profile") {
      Profile next = ui.app.profile() == Profile::Booth ? Profile::Lobby : Profile::Booth;
      if (st.store_setting("profile", profile_name(next), "profile")) {
        ui.app.set_profile(next);
        st.say(ui.app, std::string("Profile: ") + profile_name(next) + ".");
      } else {
        st.say(ui.app, "The profile could not be saved: the kiosk's storage is failing.");
      }
    } else if (id == "export") {
      ui.app.open(Route{Screen::StaffExport, {}});
    } else if (id == "exit") {
      st.confirm_exit = true;
    }
  }
  float rows = static_cast<float>((actions.size() + cols - 1) / cols);
  move_to(ImVec2(origin.x, by + rows * (m.tap_h * 1.2f + m.gap)));
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
}

void draw_staff_dialogs(Ui& ui) {
  if (!ui.staff || !is_staff_screen(ui.app.screen())) return;
  StaffUi& st = *ui.staff;
  draw_discard_dialog(ui);
  if (st.confirm_exit) {
    int r = staff_confirm(
        ui, "##staff-exit", "Exit the kiosk?",
        "The kiosk program closes. Visitors cannot use this screen until it is started again.",
        "Yes, exit the kiosk", "No, stay");
    if (r == 0) st.confirm_exit = false;
    if (r == 1) {
      st.confirm_exit = false;
      if (st.outbox) {
        try {
          auto w = st.write_lock();
          st.outbox->record_event("staff_exit", "");
        } catch (const store::StoreError& e) {
          log::error(std::string("staff: cannot record staff_exit: ") + e.what());
        }
      }
      ui.app.on_quit_request(QuitRequest::StaffExit);
    }
  }
}

}  // namespace kiosk::ui
