// Staff dashboard: the queue (pending / sent / rejected, oldest pending), the upload state (last
// success, last error in words, server reachability, paused and why), "Send now", the record
// lists, the event tag, the profile, export, "Change PIN" and "Exit kiosk" (confirmed). With no
// server configured it leads with Export (the primary button), since nothing can be sent; after a
// PIN shorter than the rule for new PINs it asks staff to change it. When the department's content
// bundle was rejected and its last good copy is in use, a "Content problem" card leads. Draws the StaffSession's
// cache only: the counts are read when the dashboard opens and arrive with the engine's snapshots.
// Also the staff dialogs: exit, discard, and the warning before the staff session times out.
#include <algorithm>
#include <cfloat>
#include <string>

#include "ui/screens/chrome.h"
#include "ui/screens/staff_screens.h"
#include "ui/screens/staff_ui.h"
#include "ui/widgets/modal_dialog.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

std::string when(const Ui& ui, const std::string& at) {
  if (at.empty()) return ui.t("staff.never");
  return staff_fmt(ui, "staff.at_ago", {{"at", at}, {"age", staff_age(ui, at)}});
}

const char* state_key(sync::EngineState s) {
  switch (s) {
    case sync::EngineState::Offline: return "staff.upload.offline";
    case sync::EngineState::ConfigFault: return "staff.upload.config_fault";
    case sync::EngineState::Paused: return "staff.upload.paused";
    case sync::EngineState::Busy: return "staff.upload.busy";
    case sync::EngineState::StoreFault: return "staff.upload.store_fault";
    case sync::EngineState::Idle: return "staff.upload.idle";
    case sync::EngineState::Sending: return "staff.upload.sending";
    case sync::EngineState::Waiting: return "staff.upload.waiting";
    case sync::EngineState::Starting: return "staff.upload.starting";
    case sync::EngineState::Stopped: return "staff.upload.stopped";
  }
  return "staff.upload.starting";
}

// The upload side in plain words, from the engine's latest snapshot.
std::vector<Para> upload_paras(Ui& ui, const StaffSession& session) {
  const Palette& p = ui.p();
  std::vector<Para> out;
  out.push_back(Para{ui.t("staff.upload.title"), ui.f().heading, p.primary});
  if (!session.upload()) {
    out.push_back(Para{ui.t("staff.upload.not_running"), nullptr, p.text});
    return out;
  }
  const sync::SyncSnapshot& snap = *session.upload();
  const sync::SyncState& s = snap.sync;
  const std::string state =
      staff_fmt(ui, state_key(snap.state), {{"detail", snap.detail}, {"reason", s.paused_reason}});
  out.push_back(Para{staff_fmt(ui, "staff.upload.state", {{"state", state}}), ui.f().body_bold,
                     snap.state == sync::EngineState::Paused ? p.alert : p.text});
  std::string reach;
  if (snap.state == sync::EngineState::Offline || snap.state == sync::EngineState::ConfigFault)
    reach = ui.t("staff.server.not_used");
  else if (s.last_success_at.empty() && s.last_error_at.empty())
    reach = ui.t("staff.server.not_tried");
  else if (!s.last_error_at.empty() && s.last_error_at > s.last_success_at)
    reach = staff_fmt(ui, "staff.server.unreachable", {{"age", staff_age(ui, s.last_error_at)}});
  else
    reach = ui.t("staff.server.reachable");
  out.push_back(Para{staff_fmt(ui, "staff.server", {{"reach", reach}}), nullptr, p.text});
  out.push_back(Para{staff_fmt(ui, "staff.last_success", {{"when", when(ui, s.last_success_at)}}),
                     nullptr, p.text});
  out.push_back(
      Para{staff_fmt(ui, "staff.last_error",
                     {{"error", s.last_error.empty() ? ui.t("staff.none") : s.last_error}}),
           nullptr, p.text});
  out.push_back(Para{s.paused ? staff_fmt(ui, "staff.paused_yes", {{"reason", s.paused_reason}})
                              : ui.t("staff.paused_no"),
                     nullptr, s.paused ? p.alert : p.text});
  return out;
}

std::vector<Para> queue_paras(Ui& ui, const StaffSession& session) {
  const Palette& p = ui.p();
  std::vector<Para> queue{Para{ui.t("staff.queue.title"), ui.f().heading, p.primary}};
  const StaffCounts& c = session.counts();
  if (!c.known) {
    queue.push_back(Para{
        c.error.empty() ? ui.t("staff.store.cannot_open")
                        : staff_fmt(ui, "staff.store.cannot_read_records", {{"error", c.error}}),
        ui.f().body_bold, p.alert});
  } else {
    queue.push_back(Para{staff_fmt(ui, "staff.queue.pending", {{"n", std::to_string(c.pending)}}),
                         ui.f().heading, p.text});
    queue.push_back(Para{staff_fmt(ui, "staff.queue.sent", {{"n", std::to_string(c.sent)}}),
                         ui.f().heading, p.text});
    queue.push_back(Para{staff_fmt(ui, "staff.queue.rejected", {{"n", std::to_string(c.rejected)}}),
                         ui.f().heading, c.rejected ? p.alert : p.text});
    queue.push_back(Para{
        staff_fmt(ui, "staff.queue.oldest",
                  {{"age", c.oldest_pending_created_at
                               ? staff_fmt(ui, "staff.queue.old",
                                           {{"age", staff_age(ui, *c.oldest_pending_created_at)}})
                               : ui.t("staff.none")}}),
        nullptr, p.text});
    // The capture limits (issue 11): refused visitor saves and a filling outbox are never silent.
    if (c.capture_refusals > 0)
      queue.push_back(Para{
          staff_fmt(ui, "staff.queue.refused",
                    {{"n", std::to_string(c.capture_refusals)},
                     {"age", c.last_capture_refusal_at ? staff_age(ui, *c.last_capture_refusal_at)
                                                       : ui.t("staff.age.unknown")}}),
          ui.f().body_bold, p.alert});
    if (c.outbox_at_cap())
      queue.push_back(Para{ui.t("staff.queue.at_cap"), ui.f().body_bold, p.alert});
    else if (c.outbox_near_cap())
      queue.push_back(Para{
          staff_fmt(ui, "staff.queue.near_cap", {{"pct", std::to_string(c.outbox_fill_percent())}}),
          ui.f().body_bold, p.alert});
  }
  const std::string& tag = session.event_tag();
  queue.push_back(
      Para{staff_fmt(ui, "staff.event_tag_is", {{"tag", tag.empty() ? ui.t("staff.none") : tag}}),
           ui.f().body_bold, p.text});
  queue.push_back(Para{
      staff_fmt(ui, "staff.profile_is",
                {{"profile", ui.t(ui.app.profile() == Profile::Booth ? "staff.profile.booth"
                                                                     : "staff.profile.lobby")}}),
      ui.f().body_bold, p.text});
  return queue;
}

// How many of a rejected bundle's errors the card lists: enough to start fixing, short enough that
// the queue and the actions stay in view; --check-content lists them all.
constexpr std::size_t kContentErrorsShown = 5;

// The department's bundle was rejected and its last good copy is in use: what is wrong, since
// when the copy dates, and what to do. Empty when there is no such problem.
std::vector<Para> content_problem_paras(Ui& ui) {
  const ContentProblem& cp = ui.app.settings().content_problem;
  std::vector<Para> out;
  if (cp.errors.empty() || !cp.last_good_in_use) return out;
  const Palette& p = ui.p();
  out.push_back(Para{ui.t("contentproblem.title"), ui.f().heading, p.alert});
  out.push_back(Para{cp.last_good_date.empty()
                         ? ui.t("contentproblem.last_good_undated")
                         : staff_fmt(ui, "contentproblem.last_good", {{"date", cp.last_good_date}}),
                     ui.f().body_bold, p.text});
  out.push_back(
      Para{staff_fmt(ui, "contentproblem.errors", {{"n", std::to_string(cp.errors.size())}}),
           ui.f().body_bold, p.text});
  const std::size_t shown = std::min(cp.errors.size(), kContentErrorsShown);
  for (std::size_t i = 0; i < shown; ++i) out.push_back(Para{cp.errors[i], ui.f().small, p.text});
  if (cp.errors.size() > shown)
    out.push_back(Para{
        staff_fmt(ui, "contentproblem.more", {{"n", std::to_string(cp.errors.size() - shown)}}),
        ui.f().small, p.text});
  out.push_back(Para{ui.t("contentproblem.todo"), nullptr, p.text});
  return out;
}

void send_now(Ui& ui, StaffUi& st) {
  switch (st.session.send_now()) {
    case StaffOutcome::Done: st.say(ui.app, ui.t("staff.msg.sending_now")); break;
    case StaffOutcome::NoServer: st.say(ui.app, ui.t("staff.msg.no_server")); break;
    default: st.say(ui.app, ui.t("staff.upload.not_running")); break;
  }
}

void toggle_profile(Ui& ui, StaffUi& st) {
  Profile next = ui.app.profile() == Profile::Booth ? Profile::Lobby : Profile::Booth;
  if (st.session.set_profile(ui.app, next) == StaffOutcome::Done)
    st.say(ui.app, staff_fmt(ui, "staff.msg.profile_set",
                             {{"profile", ui.t(next == Profile::Booth ? "staff.profile.booth"
                                                                      : "staff.profile.lobby")}}));
  else
    st.say(ui.app, ui.t("staff.msg.profile_failed"));
}

}  // namespace

std::vector<StaffAction> staff_dashboard_actions(bool offline, bool pin_change_advised,
                                                 Profile profile) {
  // Offline, Export takes the first place and the primary look; Send now stays (it says why it
  // cannot send) in Export's usual place.
  const StaffAction send{"send-now", "staff.action.send_now",
                         offline ? ButtonKind::Secondary : ButtonKind::Primary};
  const StaffAction exp{"export", "staff.action.export",
                        offline ? ButtonKind::Primary : ButtonKind::Secondary};
  std::vector<StaffAction> out;
  // While the dashboard asks for a new PIN, Change PIN comes first, in view on every screen.
  const StaffAction change{"change-pin", "staff.action.change_pin",
                           pin_change_advised ? ButtonKind::Primary : ButtonKind::Secondary};
  if (pin_change_advised) out.push_back(change);
  out.insert(
      out.end(),
      {offline ? exp : send,
       {"pending", "staff.action.pending", ButtonKind::Secondary},
       {"rejected", "staff.action.rejected", ButtonKind::Secondary},
       {"event", "staff.action.event_tag", ButtonKind::Secondary},
       {"profile", profile == Profile::Booth ? "staff.action.to_lobby" : "staff.action.to_booth",
        ButtonKind::Secondary},
       offline ? send : exp});
  if (!pin_change_advised) out.push_back(change);
  out.push_back({"exit", "staff.action.exit", ButtonKind::Alert});
  return out;
}

void draw_staff_home(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  if (!ui.staff) return;
  StaffUi& st = *ui.staff;
  StaffSession& session = st.session;
  if (ui.screen_entered) {
    session.close_views();
    session.refresh_counts();  // once on arrival; snapshots keep it current after that
  }
  const std::string& title = ui.t("staff.home.title");
  float y = screen_title(ui, title, content);
  const std::string* said = st.said(ui.app);
  // The ask for a new PIN stays while the PIN is short; a message comes and goes with an action.
  const std::string* ask = session.pin_change_advised() ? &ui.t("staff.change_pin.ask") : nullptr;
  const std::string* beside = ask ? ask : said;
  if (beside && !m.portrait) {
    // Beside the title when it fits there: the cards and actions below never move for it.
    ImFont* title_font = ui.f().heading;
    const float x = content.x + m.pad +
                    title_font->CalcTextSizeA(title_font->FontSize, FLT_MAX, 0, title.c_str()).x +
                    2 * m.gap;
    const float w = content.x + content.w - m.pad - x;
    if (w > 0 && text_height(ui.f().body_bold, *beside, w) <= y - content.y - m.pad) {
      move_to(ImVec2(x, content.y + m.pad));
      text(ui, *beside, ui.f().body_bold, beside == ask ? p.alert : p.primary, w);
      (beside == ask ? ask : said) = nullptr;
    }
  }
  Rect area{content.x + m.pad, y, content.w - 2 * m.pad, content.y + content.h - y};
  begin_scroll(ui, "staff-home", area);
  float inner = scroll_content_width(ui, area.w);
  ImVec2 origin = ImGui::GetCursorScreenPos();

  // A content problem leads: it is what visitors see that staff must fix.
  if (std::vector<Para> problem = content_problem_paras(ui); !problem.empty()) {
    card(ui, problem, inner);
    origin = ImVec2(origin.x, ImGui::GetCursorScreenPos().y + m.gap);
  }

  std::vector<Para> queue = queue_paras(ui, session);
  std::vector<Para> upload = upload_paras(ui, session);

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
  if (ask) {
    move_to(ImVec2(origin.x, by));
    text(ui, *ask, ui.f().heading, p.alert, inner);
    by = ImGui::GetCursorScreenPos().y + m.gap * 0.5f;
  }
  // Two rows of actions on a wide screen: every action visible without scrolling.
  int cols = m.portrait ? 2 : 4;
  float bw = (inner - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const std::vector<StaffAction> actions =
      staff_dashboard_actions(session.offline(), session.pin_change_advised(), ui.app.profile());
  const std::size_t n = actions.size();
  for (std::size_t i = 0; i < n; ++i) {
    move_to(ImVec2(origin.x + static_cast<float>(i % cols) * (bw + m.gap),
                   by + static_cast<float>(i / cols) * (m.tap_h * 1.2f + m.gap)));
    if (!button(ui, actions[i].id, ui.t(actions[i].key), bw, actions[i].kind, m.tap_h * 1.2f))
      continue;
    const std::string id = actions[i].id;
    if (id == "send-now")
      send_now(ui, st);
    else if (id == "pending")
      ui.app.open(Route{Screen::StaffRecords, "pending"});
    else if (id == "rejected")
      ui.app.open(Route{Screen::StaffRecords, "rejected"});
    else if (id == "event")
      ui.app.open(Route{Screen::StaffEvent, {}});
    else if (id == "profile")
      toggle_profile(ui, st);
    else if (id == "export")
      ui.app.open(Route{Screen::StaffExport, {}});
    else if (id == "change-pin")
      ui.app.open(Route{Screen::StaffNewPin, {}});
    else if (id == "exit")
      st.confirm_exit = true;
  }
  float rows = static_cast<float>((n + cols - 1) / cols);
  move_to(ImVec2(origin.x, by + rows * (m.tap_h * 1.2f + m.gap)));
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
}

// Before the staff session ends by itself (App::staff_warning): a countdown and "Stay signed in",
// read aloud as an alert, over every other staff dialog (WCAG 2.2.1: a timeout warns and can be
// extended). A tap anywhere on it also means "still here"; "Leave staff mode" leaves now.
namespace {
void draw_staff_timeout_warning(Ui& ui) {
  if (!ui.app.staff_warning()) return;
  int n = ui.app.staff_seconds_left();
  ModalDialog d;
  d.window_id = "##staff-timeout";
  d.title = ui.t("extratime.staff_title");
  d.body = n == 1 ? ui.t("extratime.staff_countdown_one")
                  : staff_fmt(ui, "extratime.staff_countdown", {{"n", std::to_string(n)}});
  d.primary = {"staff-stay", ui.t("extratime.staff_stay")};
  d.secondary = {"staff-timeout-leave", ui.t("staff.bar.leave")};
  d.tall_primary = true;
  d.warning = true;
  d.alert = true;
  switch (modal_dialog(ui, d)) {
    case DialogResult::Primary:
    case DialogResult::TappedOutside: ui.app.stay_signed_in(); break;
    case DialogResult::Secondary: ui.app.leave_staff(); break;
    case DialogResult::None: break;
  }
}
}  // namespace

void draw_staff_dialogs(Ui& ui) {
  if (!ui.staff || !is_staff_screen(ui.app.screen())) return;
  StaffUi& st = *ui.staff;
  draw_discard_dialog(ui);
  if (st.confirm_exit) {
    int r = staff_confirm(ui, "##staff-exit", ui.t("staff.exit.title"), ui.t("staff.exit.body"),
                          ui.t("staff.exit.yes"), ui.t("staff.exit.no"));
    if (r == 0) st.confirm_exit = false;
    if (r == 1) {
      st.confirm_exit = false;
      st.session.record_exit();
      ui.app.on_quit_request(QuitRequest::StaffExit);
    }
  }
  draw_staff_timeout_warning(ui);
}

}  // namespace kiosk::ui
