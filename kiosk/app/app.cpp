// App: navigation stack, language, idle expiry, attract rotation, the quit policy, and the timeouts
// and key filtering that follow the visitor's Extra time choice.
#include "kiosk/app/app.h"

#include <algorithm>

#include "kiosk/core/log.h"

namespace kiosk {

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::Attract: return "attract";
    case Screen::Home: return "home";
    case Screen::ProgramList: return "program-list";
    case Screen::ProgramDetail: return "program-detail";
    case Screen::Signup: return "signup";
    case Screen::Form: return "form";
    case Screen::FormDone: return "form-done";
    case Screen::Events: return "events";
    case Screen::Contact: return "contact";
    case Screen::QuickInterest: return "quick-interest";
    case Screen::Privacy: return "privacy";
    case Screen::OutOfService: return "out-of-service";
    case Screen::StaffPin: return "staff-pin";
    case Screen::StaffNoPin: return "staff-no-pin";
    case Screen::StaffHome: return "staff-home";
    case Screen::StaffRecords: return "staff-records";
    case Screen::StaffRecord: return "staff-record";
    case Screen::StaffEvent: return "staff-event";
    case Screen::StaffExport: return "staff-export";
    case Screen::StaffNewPin: return "staff-change-pin";
  }
  return "?";
}

const char* profile_name(Profile p) { return p == Profile::Booth ? "booth" : "lobby"; }

bool parse_profile(std::string_view text, Profile& out) {
  if (text == "lobby")
    out = Profile::Lobby;
  else if (text == "booth")
    out = Profile::Booth;
  else
    return false;
  return true;
}

bool is_staff_screen(Screen s) {
  switch (s) {
    case Screen::StaffHome:
    case Screen::StaffRecords:
    case Screen::StaffRecord:
    case Screen::StaffEvent:
    case Screen::StaffExport:
    case Screen::StaffNewPin: return true;
    default: return false;
  }
}

App::App(const Clock& clock, AppSettings settings)
    : clock_(clock),
      settings_(std::move(settings)),
      lang_(settings_.default_lang),
      idle_(clock,
            settings_.profile == Profile::Booth ? settings_.booth_idle_timeout
                                                : settings_.idle_timeout,
            settings_.idle_countdown),
      attract_since_(clock.now()),
      done_since_(clock.now()),
      profile_(settings_.profile),
      staff_since_(clock.now()) {
  stack_.push_back(Route{out_of_service() ? Screen::OutOfService : Screen::Attract, {}});
}

void App::go_out_of_service(const std::string& reason) {
  settings_.config_errors.push_back(reason);
  stack_.clear();
  stack_.push_back(Route{Screen::OutOfService, {}});
}

bool App::idle_applies() const {
  Screen s = screen();
  // A staff session has its own, longer timeout (tick()); the visitor's prompt never shows there.
  // Nor on the confirmation: its own visible countdown ends it, and "Still there?" would cover
  // the code the visitor kept the screen for.
  return s != Screen::Attract && s != Screen::OutOfService && s != Screen::FormDone && !staff_;
}

int App::staff_seconds_left() const {
  if (!staff_) return 0;
  auto left = staff_since_ + staff_timeout() - clock_.now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(left).count();
  return static_cast<int>(std::max<long long>(0, (ms + 999) / 1000));
}

IdleTimer::Phase App::idle_phase() const {
  return idle_applies() ? idle_.phase() : IdleTimer::Phase::Active;
}

std::size_t App::highlight_index() const {
  if (settings_.highlight_count == 0 || settings_.attract_rotate.count() <= 0) return 0;
  auto shown = clock_.now() - attract_since_;
  auto steps = static_cast<std::size_t>(shown / settings_.attract_rotate);
  return steps % settings_.highlight_count;
}

void App::show_only(Route r) {
  stack_.clear();
  stack_.push_back(std::move(r));
  idle_.reset();
  ++nav_serial_;
}

void App::start() {
  if (out_of_service()) return;
  show_only(Route{Screen::Home, {}});
}

void App::open(const Route& r) {
  if (out_of_service() || r.screen == Screen::OutOfService) return;
  if (r.screen == Screen::Attract) return end_session();
  if (r.screen == Screen::Home) return home();
  if (is_staff_screen(r.screen) && !staff_) return;  // only through enter_staff() (a right PIN)
  if (route() == r) return;
  if (r.screen == Screen::FormDone) done_since_ = clock_.now();
  stack_.push_back(r);
  idle_.reset();
  ++nav_serial_;
}

void App::back() {
  if (out_of_service()) return;
  if (stack_.size() > 1) {
    stack_.pop_back();
    idle_.reset();
    ++nav_serial_;
    return;
  }
  // Leaving home goes back to the start screen, which ends the visit (a new visitor starts fresh);
  // leaving the dashboard ends the staff session the same way.
  if (screen() == Screen::Home)
    end_session();
  else if (screen() == Screen::StaffHome)
    leave_staff();
}

void App::home() {
  if (out_of_service()) return;
  show_only(Route{staff_ ? Screen::StaffHome : Screen::Home, {}});
}

void App::open_staff_pin(bool pin_set) {
  if (out_of_service() || staff_) return;
  open(Route{pin_set ? Screen::StaffPin : Screen::StaffNoPin, {}});
}

void App::enter_staff() {
  if (out_of_service()) return;
  log::info("staff session started");
  staff_ = true;
  staff_since_ = clock_.now();
  show_only(Route{Screen::StaffHome, {}});
}

void App::leave_staff() {
  if (!staff_) return;
  log::info("staff session ended");
  end_session();
}

Clock::Millis App::idle_timeout() const {
  return (profile_ == Profile::Booth ? settings_.booth_idle_timeout : settings_.idle_timeout) *
         time_factor();
}
Clock::Millis App::idle_countdown() const { return settings_.idle_countdown * time_factor(); }
Clock::Millis App::confirmation_timeout() const {
  return settings_.confirmation_timeout * time_factor();
}
Clock::Millis App::staff_timeout() const { return settings_.staff_timeout * time_factor(); }

void App::sync_time_factor() {
  if (idle_.stretch() != time_factor()) idle_.set_stretch(time_factor());
}

void App::set_extra_time(bool on) {
  if (access_.extra_time == on) return;
  access_.extra_time = on;
  sync_time_factor();
  log::info(on ? "extra time on: timeouts x3" : "extra time off");
}

bool App::confirmation_warning() const {
  if (screen() != Screen::FormDone) return false;
  return clock_.now() >=
         done_since_ + confirmation_timeout() - std::min(warning_time(), confirmation_timeout());
}

Clock::Millis App::staff_warning_time() const {
  return std::min(warning_time(), staff_timeout() / 2);
}

bool App::staff_warning() const {
  if (!staff_) return false;
  return clock_.now() >= staff_since_ + staff_timeout() - staff_warning_time();
}

void App::stay_signed_in() {
  if (staff_) staff_since_ = clock_.now();
}

void App::set_key_mode() { keys_.set_mode(access_.any_on(), access_.extra_time); }

bool App::accept_key(std::string_view key, bool repeat) {
  set_key_mode();
  return keys_.accept(key, clock_.now(), repeat);
}

bool App::accept_screen_key(std::string_view key) {
  set_key_mode();
  return keys_.accept_tap(key, clock_.now());
}

bool App::accept_text(std::string_view text) {
  set_key_mode();
  return keys_.accept_text(text, clock_.now());
}

void App::set_profile(Profile p) {
  profile_ = p;
  idle_.set_timeout(p == Profile::Booth ? settings_.booth_idle_timeout : settings_.idle_timeout);
  idle_.reset();
}

void App::set_lang(Lang l) {
  lang_ = l;
  idle_.reset();
}

void App::activity() {
  sync_time_factor();
  // While "Still there?" (or the staff warning) shows, a touch must answer it (More time / Start
  // over / a tap on it): resetting here would pull the dialog away under the finger and let that
  // touch land on the screen behind.
  if (idle_phase() == IdleTimer::Phase::Prompt || staff_warning()) return;
  idle_.reset();
  if (staff_) staff_since_ = clock_.now();
}

void App::more_time() { idle_.reset(); }

void App::end_session() {
  if (out_of_service()) return;
  stack_.clear();
  stack_.push_back(Route{Screen::Attract, {}});
  staff_ = false;  // the idle reset always ends a staff session
  lang_ = settings_.default_lang;
  access_ = AccessibilityChoices{};
  sync_time_factor();  // the next visitor starts with the normal timeouts
  keys_.clear();
  idle_.reset();
  attract_since_ = clock_.now();
  ++session_;
  ++nav_serial_;
  for (auto& hook : reset_hooks_) hook();
}

const char* quit_request_name(QuitRequest why) {
  switch (why) {
    case QuitRequest::Signal: return "signal";
    case QuitRequest::WindowClose: return "window close";
    case QuitRequest::QuitKey: return "quit key";
    case QuitRequest::EscapeKey: return "escape";
    case QuitRequest::StaffExit: return "staff exit";
  }
  return "?";
}

bool App::on_quit_request(QuitRequest why) {
  if (quit_) return true;  // the first accepted reason stays the reason
  bool honoured = false;
  switch (why) {
    // systemd stopping the service, or staff at a terminal: a save in progress has completed
    // already (saves are synchronous within a frame), so ending now loses nothing.
    case QuitRequest::Signal: honoured = true; break;
    case QuitRequest::StaffExit: honoured = staff_; break;
    // Anything a visitor can do: only a development window quits on it.
    case QuitRequest::WindowClose:
    case QuitRequest::QuitKey:
    case QuitRequest::EscapeKey: honoured = settings_.windowed; break;
  }
  if (!honoured) {
    log::info(std::string("quit request ignored in kiosk mode (") + quit_request_name(why) + ")");
    return false;
  }
  quit_ = true;
  quit_reason_ = why;
  log::info(std::string("quit requested (") + quit_request_name(why) + ")");
  return true;
}

void App::tick() {
  sync_time_factor();
  if (staff_ && clock_.now() - staff_since_ >= staff_timeout()) {
    log::info("staff session timed out: session cleared");
    leave_staff();
    return;
  }
  if (idle_applies() && idle_.phase() == IdleTimer::Phase::Expired) {
    log::info(std::string("idle timeout on ") + screen_name(screen()) + ": session cleared");
    end_session();
    return;
  }
  // The confirmation ends the visit by itself: the next visitor must not find the code.
  if (screen() == Screen::FormDone && clock_.now() - done_since_ >= confirmation_timeout()) {
    log::info("confirmation timeout: session cleared");
    end_session();
  }
}

Clock::Mono App::next_deadline() const {
  Clock::Mono next = Clock::Mono::max();
  if (idle_applies()) next = idle_.next_change();
  if (staff_) {
    // The warning's start, then each second of its countdown, and the end.
    Clock::Mono end = staff_since_ + staff_timeout();
    if (staff_warning())
      next = std::min(next, end - std::chrono::seconds(std::max(0, staff_seconds_left() - 1)));
    else
      next = std::min(next, end - staff_warning_time());
  }
  if (screen() == Screen::FormDone) {
    // Each second of the visible countdown, and its end.
    Clock::Mono end = done_since_ + confirmation_timeout();
    next = std::min(next, end - std::chrono::seconds(std::max(0, confirmation_seconds_left() - 1)));
  }
  if (screen() == Screen::Attract && settings_.highlight_count > 1 &&
      settings_.attract_rotate.count() > 0) {
    auto shown = clock_.now() - attract_since_;
    auto steps = shown / settings_.attract_rotate;
    Clock::Mono rotate_at = attract_since_ + (steps + 1) * settings_.attract_rotate;
    if (rotate_at < next) next = rotate_at;
  }
  return next;
}

int App::confirmation_seconds_left() const {
  if (screen() != Screen::FormDone) return 0;
  auto left = done_since_ + confirmation_timeout() - clock_.now();
  if (left <= Clock::Millis(0)) return 0;
  return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(left).count());
}

void App::keep_confirmation() {
  if (screen() == Screen::FormDone) done_since_ += confirmation_timeout();
}

}  // namespace kiosk
