// App: the kiosk's UI state machine without SDL or ImGui: which screen is shown, the language,
// the idle timer, the attract-screen rotation and the quit policy. Screens read it and send it
// intents (open, back, home, set_lang, activity, ...). Unit-tested on a VirtualClock.
// Extra time (issue 18) multiplies every timeout by kExtraTimeFactor, and each timeout warns with
// a countdown and a way to get more time: idle ("Still there?"), the confirmation ("Keep this
// screen"), the staff session ("Stay signed in").
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/accessibility.h"
#include "kiosk/app/idle_timer.h"
#include "kiosk/app/key_filter.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/lang.h"

namespace kiosk {

enum class Screen {
  Attract,        // department name, "Touch to start", rotating highlights, language choice
  Home,           // category tiles + Upcoming events + Contact/help
  ProgramList,    // Route::id = category id
  ProgramDetail,  // Route::id = program id
  Signup,         // Route::id = program id: the program's sign-up form (FormFlow)
  Form,           // Route::id = form id ("crash_report", "records_request"): a form (FormFlow)
  FormDone,       // the confirmation after a form was saved; ends after confirmation_timeout
  Events,         // upcoming events
  Contact,        // contact and help
  QuickInterest,  // booth: one screen — name, one contact, programs ticked (ui/screens/quick_interest)
  Privacy,        // privacy notice and "not monitored" notice
  OutOfService,  // invalid configuration: names the problem for staff
  // Staff mode (docs/staff.md). The PIN screens are reached by the hidden hold gesture; the others
  // only inside a staff session (enter_staff() after a right PIN), which ends by itself.
  StaffPin,      // the numeric PIN pad
  StaffNoPin,    // no PIN is set: how to set one (staff mode does not open)
  StaffHome,     // the dashboard: counts, sync state, event tag, profile, export, exit
  StaffRecords,  // Route::id = "pending" or "rejected": the records in that state
  StaffRecord,   // Route::id = submission id: its answers, Retry, Discard
  StaffEvent,    // choose or type the event tag
  StaffExport,   // export pending records to a removable volume or a typed path
  StaffNewPin,   // "Change PIN": the old PIN, then the new one twice
};

// Where the kiosk stands: a station lobby, or a festival booth (shorter idle timeout, a home
// screen that leads with sign-ups). Kept in the outbox's settings as "profile".
enum class Profile { Lobby, Booth };
const char* profile_name(Profile p);                      // "lobby", "booth"
bool parse_profile(std::string_view text, Profile& out);  // false (out unchanged) when unknown
bool is_staff_screen(Screen s);  // StaffHome .. StaffNewPin (not the PIN entry screens)

const char* screen_name(Screen s);  // "attract", "program-detail", ... (logs, tests)

struct Route {
  Screen screen = Screen::Attract;
  std::string id;  // category or program id, by screen (see Screen)
  bool operator==(const Route&) const = default;
};

// The department's content bundle was rejected at start (choose_content). With a last good copy in
// use the staff dashboard shows these errors; without one the kiosk is Out of service for them.
struct ContentProblem {
  std::vector<std::string> errors;  // empty: no problem (the configured bundle or the demo is used)
  bool last_good_in_use = false;    // false with errors: no content at all
  std::string last_good_date;       // YYYY-MM-DD the copy in use was saved; empty when unknown
  bool out_of_service() const { return !errors.empty() && !last_good_in_use; }
};

struct AppSettings {
  Lang default_lang = Lang::En;              // the language every session starts in
  Clock::Millis idle_timeout{90'000};        // lobby profile
  Clock::Millis booth_idle_timeout{45'000};  // booth profile
  Clock::Millis staff_timeout{120'000};      // a staff session ends after this without touch
  Profile profile = Profile::Lobby;          // at start (the stored setting)
  Clock::Millis idle_countdown{20'000};
  Clock::Millis attract_rotate{8'000};
  Clock::Millis confirmation_timeout{60'000};  // FormDone ends the visit after this
  std::size_t highlight_count = 0;             // attract-screen highlights to rotate through
  bool windowed = false;                       // --windowed: a development window
  std::vector<std::string> config_errors;      // non-empty: the kiosk is out of service
  ContentProblem content_problem;              // a rejected department bundle (see above)
  bool demo = false;  // sealing to the bundled demo key: every visitor screen says so
  // [privacy] retention, stated on the privacy screen (privacy.retention) as the config sets it.
  int sent_retention_days = 30;
  int damaged_copy_retention_days = 30;
};

// Why the process is being asked to quit. What arrives, checked under Xvfb (SDL 2.26, no window
// manager; test_gui_lifecycle) and cage: SIGTERM/SIGINT become SDL_QUIT (SDL's own handlers); a
// window manager's close (WM_DELETE_WINDOW: its close button or Alt+F4) arrives as
// SDL_WINDOWEVENT_CLOSE, and only as that because run_gui sets SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE
// to "0" (else SDL adds an SDL_QUIT, which would read as a signal); with no window manager Alt+F4
// and Ctrl+Q are plain key presses.
enum class QuitRequest {
  Signal,       // SDL_QUIT: SIGTERM/SIGINT (systemd stop, Ctrl+C in a terminal): always honoured
  WindowClose,  // SDL_WINDOWEVENT_CLOSE: a window manager's close button or Alt+F4
  QuitKey,      // Alt+F4 or Ctrl+Q as keys (no window manager)
  EscapeKey,    // Escape on a physical keyboard
  StaffExit,    // "Exit kiosk", confirmed on the staff dashboard (honoured only in a staff session)
};
const char* quit_request_name(QuitRequest why);  // "signal", "window close", ... (logs)

// Extra time multiplies every timeout by this (issue 18: "multiplied by 3").
inline constexpr int kExtraTimeFactor = 3;

class App {
 public:
  App(const Clock& clock, AppSettings settings);

  // ---- state read by the screens ----
  const Route& route() const { return stack_.back(); }
  Screen screen() const { return route().screen; }
  Lang lang() const { return lang_; }
  bool out_of_service() const {
    return !settings_.config_errors.empty() || settings_.content_problem.out_of_service();
  }
  // A problem found after start (the store's older records cannot be sealed): Out of service,
  // naming it, from now on.
  void go_out_of_service(const std::string& reason);
  const std::vector<std::string>& config_errors() const { return settings_.config_errors; }
  const AppSettings& settings() const { return settings_; }
  // The "Still there?" prompt and its countdown (Active on screens without an idle timeout).
  IdleTimer::Phase idle_phase() const;
  int idle_seconds_left() const { return idle_.seconds_left(); }
  // Which attract highlight to show now (0 when there are none).
  std::size_t highlight_index() const;
  // Counts sessions: changes each time the session is cleared (UI state keyed to it resets).
  unsigned session() const { return session_; }
  // Changes on every screen change (open, back, home, session end): a screen seen with a new
  // value was just entered, so it starts scrolled to the top.
  unsigned nav_serial() const { return nav_serial_; }
  bool quit_requested() const { return quit_; }
  Profile profile() const { return profile_; }
  // A staff session is open (after a right PIN, until it times out, ends or the session resets).
  bool staff() const { return staff_; }
  // Whole seconds until the staff session ends by itself (0 outside one).
  int staff_seconds_left() const;
  // The visitor's Accessibility choices (reset to defaults when the session ends).
  const AccessibilityChoices& accessibility() const { return access_; }
  AccessibilityChoices& accessibility() { return access_; }

  // ---- Extra time (issue 18) ----
  // Turns Extra time on or off for this visit. The running timers stretch (or shrink) at once:
  // the time already spent counts against the new length. Setting accessibility().extra_time
  // directly works too; the timers follow at the next tick().
  void set_extra_time(bool on);
  // kExtraTimeFactor with Extra time on, else 1.
  int time_factor() const { return access_.extra_time ? kExtraTimeFactor : 1; }
  // The timeouts in effect (the configured ones times time_factor()).
  Clock::Millis idle_timeout() const;  // the current profile's, before "Still there?"
  Clock::Millis idle_countdown() const;
  Clock::Millis confirmation_timeout() const;
  Clock::Millis staff_timeout() const;
  // How long before a timeout ends its warning shows: the idle countdown's length (20 s, 60 s
  // with Extra time), never longer than the timeout itself.
  Clock::Millis warning_time() const { return idle_countdown(); }
  // The confirmation's last warning_time(): its countdown is shown and spoken as an alert.
  bool confirmation_warning() const;
  // The staff session's last warning_time() (at most half of it, so a short staff timeout still
  // leaves time to work): "Staff session ends in N seconds" + "Stay signed in". While it shows, a
  // touch elsewhere does not extend the session (it must answer the dialog).
  bool staff_warning() const;
  void stay_signed_in();  // the answer to the staff warning: the full staff timeout again

  // ---- keys (issue 18, EN 301 549 5.7 / 5.8) ----
  // Physical keys and the on-screen keyboard's ask before acting. Key repeat is off while any
  // accessibility choice is on; with Extra time a second press of the same key within
  // KeyFilter::kDoubleStrike is ignored. `key` names the key (see KeyFilter::accept); false: ignore.
  bool accept_key(std::string_view key, bool repeat);
  // A key of the on-screen keyboard, named by its place ("osk:12"): the double strike only.
  bool accept_screen_key(std::string_view key);
  // Text from the physical keyboard (the press that typed it came just before; see KeyFilter).
  bool accept_text(std::string_view text);
  // Any other input event: the next text belongs to no press.
  void other_input() { keys_.other_event(); }

  // ---- intents ----
  void start();               // attract -> home
  void open(const Route& r);  // push a screen (no-op when it is already shown)
  void back();                // previous screen; from home, back to the attract screen
  void home();                // home, forgetting the history
  void set_lang(Lang l);
  void activity();     // any touch or key: restarts the idle timer (not during the prompt)
  void more_time();    // the answer to "Still there?": restarts the idle timer
  void end_session();  // clear everything transient and show the attract screen
  // The confirmation's countdown: whole seconds until it ends the visit (rounded up; 0 elsewhere),
  // and "Keep this screen", which adds confirmation_timeout again.
  int confirmation_seconds_left() const;
  void keep_confirmation();
  // Staff mode. open_staff_pin() shows the PIN pad (or, when `pin_set` is false, how to set one);
  // enter_staff() opens the dashboard after a right PIN; leave_staff() ends the staff session
  // (attract screen). Staff screens other than the PIN screens are refused outside a session.
  void open_staff_pin(bool pin_set);
  void enter_staff();
  void leave_staff();
  void set_profile(Profile p);  // the idle timeout follows
  // The one place that decides whether a quit request ends the process. Lockdown: in kiosk mode
  // (not --windowed) a visitor's keys and the window's close are ignored; a signal always ends it,
  // a staff exit inside a staff session too. A development window also quits on the others.
  // Returns true, and sets quit_requested(), when the kiosk should exit; quit_reason() says why.
  bool on_quit_request(QuitRequest why);
  QuitRequest quit_reason() const { return quit_reason_; }

  // Call once per frame before drawing: applies idle expiry.
  void tick();
  // The next instant at which the screen changes by itself (idle prompt, countdown second,
  // expiry, attract rotation); Clock::Mono::max() when nothing is scheduled.
  Clock::Mono next_deadline() const;

  // Called on every session reset (idle expiry, back from home, "Start over"), after the App's own
  // state is cleared: UI and form state register here so nothing of a visitor survives.
  void add_reset_hook(std::function<void()> hook) { reset_hooks_.push_back(std::move(hook)); }

 private:
  bool idle_applies() const;
  void show_only(Route r);
  void sync_time_factor();  // the idle timer follows access_.extra_time
  Clock::Millis staff_warning_time() const;
  void set_key_mode();  // the key filter follows the accessibility choices

  const Clock& clock_;
  AppSettings settings_;
  std::vector<Route>
      stack_;  // invariant: never empty; stack_[0] is Attract, Home, StaffHome (staff_) or OutOfService
  Lang lang_;
  IdleTimer idle_;
  Clock::Mono attract_since_;
  Clock::Mono done_since_;  // when FormDone was opened
  unsigned session_ = 0;
  unsigned nav_serial_ = 0;
  bool quit_ = false;
  QuitRequest quit_reason_ = QuitRequest::Signal;  // meaningful once quit_
  Profile profile_;
  bool staff_ = false;
  Clock::Mono staff_since_;  // last touch in the staff session
  std::vector<std::function<void()>> reset_hooks_;
  AccessibilityChoices access_;
  KeyFilter keys_;
};

}  // namespace kiosk
