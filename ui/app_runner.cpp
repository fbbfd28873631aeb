// run_gui: opens the platform, loads content and fonts, then runs the kiosk — either the
// interactive loop (idle-paced: frames only on input, animation or the App's deadlines) or a test
// script (ScriptHost below: input queued like real input, time from the virtual clock when there is
// one). Every SDL call goes through Platform (ui/platform/platform.h).
#include "ui/app_runner.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <numeric>

#include "kiosk/app/app.h"
#include "kiosk/app/quick_interest.h"
#include "kiosk/app/record_sealing.h"
#include "kiosk/app/seal_migration.h"
#include "kiosk/crypto/sodium_init.h"
#include "kiosk/app/event_text.h"
#include "kiosk/content/catalogue.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/file_io.h"
#include "kiosk/core/log.h"
#include "kiosk/core/strings.h"
#include "ui/platform/bench_stats.h"
#include "ui/platform/frame_pacer.h"
#include "ui/platform/platform.h"
#include "ui/platform/touch_input.h"
#include "kiosk/speech/speech_log.h"
#include "kiosk/sync/sync_engine.h"
#include "offline-cache/outbox.h"
#include "offline-cache/salvage.h"
#include "ui/screens/form_ui.h"
#include "ui/screens/screens.h"
#include "ui/screens/staff_ui.h"
#include "ui/script/player.h"
#include "ui/script/script.h"
#include "ui/speech/announcer.h"
#include "ui/speech_setup.h"
#include "ui/theme/icon_font.h"
#include "ui/theme/theme.h"
#include "ui/widgets/picture.h"
#include "ui/widgets/registry.h"
#include "ui/widgets/ui.h"

namespace kiosk::ui {
namespace {

using namespace std::chrono;

AppSettings app_settings(const GuiLaunch& launch, const Catalogue& cat, bool windowed) {
  AppSettings s;
  Lang lang = Lang::En;
  if (parse_lang(launch.lang, lang)) s.default_lang = lang;
  s.idle_timeout = seconds(launch.config.idle_timeout_s);
  s.booth_idle_timeout = seconds(launch.config.booth_idle_timeout_s);
  s.staff_timeout = seconds(launch.config.staff_timeout_s);
  s.idle_countdown = seconds(launch.config.idle_countdown_s);
  s.attract_rotate = seconds(launch.config.attract_rotate_s);
  s.confirmation_timeout = seconds(launch.config.confirmation_timeout_s);
  // The attract screen shows one highlight and one of the four offers at a time, both stepping on
  // this one clock: the cycle is long enough for each to come round.
  s.highlight_count = std::lcm(
      std::max<std::size_t>(1, cat.current_highlights(local_date(process_clock().wall())).size()),
      std::size(kFeatureIds));
  s.windowed = windowed;
  s.config_errors = launch.config_errors;
  s.content_problem = launch.content_problem;
  s.demo = demo_mode(launch.config);
  s.sent_retention_days = launch.config.sent_retention_days;
  s.damaged_copy_retention_days = launch.config.damaged_copy_retention_days;
  return s;
}

AnnounceKey announce_key(PlatformEvent::KeyName k) {
  switch (k) {
    case PlatformEvent::KeyName::Enter: return AnnounceKey::Enter;
    case PlatformEvent::KeyName::Escape: return AnnounceKey::Escape;
    case PlatformEvent::KeyName::F1: return AnnounceKey::Help;
    default: return AnnounceKey::Other;
  }
}

// Where a script's screenshots may go: the --screenshots dir (relative paths land there) and the
// data dir; only the data dir when none was named.
std::vector<std::string> screenshot_roots(const GuiLaunch& launch) {
  if (launch.screenshot_dir.empty()) return {launch.data_dir};
  return {launch.screenshot_dir, launch.data_dir};
}

// The kiosk process: one App, one Ui, one input path, one frame loop. Also the script harness's host.
class Runner final : public ScriptHost {
 public:
  Runner(const GuiLaunch& launch, Platform& platform, Catalogue catalogue)
      : platform_(platform),
        clock_(process_clock()),
        cat_(std::move(catalogue)),
        app_(clock_, app_settings(launch, cat_, platform.windowed())),
        ui_(app_, cat_, Strings::builtin(), theme_, reg_, clock_),
        data_dir_(launch.data_dir),
        shot_roots_(screenshot_roots(launch)),
        department_key_(sealing_key(launch.config)),
        form_(
            clock_, [this](const store::NewSubmission& s) { return save(s); },
            [this] { return sealing_identity(); }) {
    ImVec2 size = platform.size();
    theme_.m = compute_metrics(size.x, size.y);
    theme_.p = palette();
    load_theme_fonts();
    apply_style(theme_);
    TouchParams tp;
    tp.tap_slop = std::max(12.0f, std::round(0.015f * theme_.m.base));
    touch_.set_params(tp);
    // Nothing of a visitor survives a session reset: gestures in flight and scroll positions go too.
    app_.add_reset_hook([this] {
      touch_.reset();
      ui_.reset();
      // Speech ends with the visit: nothing more is said, and what was said is forgotten.
      speech_->stop();
      speech_->set_volume(AccessibilityChoices{}.volume_percent);
      speech_log_.clear();
      announcer_.reset();
    });
    ui_.speaker = speech_.get();
    ui_.speech_log = &speech_log_;
    form_.attach(app_);
    ui_.form = &form_;
    quick_.attach(app_);
    ui_.quick = &quick_;
    open_outbox();
    start_sync(launch);
    // Staff mode: its state goes with every session reset; the event tag and profile are settings.
    staff_.attach(app_);
    ui_.staff = &staff_;
    connect_staff();
    staff_session_.on_event_tag([this](const std::string& tag) { form_.flow.set_event_tag(tag); });
    staff_session_.load_settings(app_);
    set_capture_limits(launch.config);
    last_frame_ = clock_.now();
  }

  // Stops uploading before the window and the outbox go: an in-flight request is cancelled and
  // its record stays pending (resent later with the same Idempotency-Key).
  ~Runner() override {
    if (engine_) engine_->stop();
    release_pictures();  // textures go while their GL context is still there
  }

  bool fonts_ok() { return platform_.build_fonts() && !fonts_failed_; }
  // A script drives the process: on a virtual clock, waits advance the clock instead of sleeping.
  void set_scripted(bool scripted) { scripted_ = scripted; }

  int run_interactive() {
    run_until(Clock::Mono::max());
    return 0;
  }

  // ---- ScriptHost ----
  const std::vector<WidgetEntry>& last_frame() const override { return reg_.current(); }
  const std::vector<WidgetEntry>& last_offscreen() const override { return reg_.offscreen(); }
  const SpeechLog* speech_log() const override { return &speech_log_; }
  AccessibilityChoices* accessibility() override { return &app_.accessibility(); }
  ImVec2 screen_size() const override { return platform_.size(); }

  void pointer(PointerEvent::Kind kind, ImVec2 pos) override {
    platform_.inject_pointer(kind, pos);
  }
  void text_input(const std::string& piece) override { platform_.inject_text(piece); }
  void key(const KeyChord& chord) override {
    for (auto m : chord.modifiers) platform_.inject_key(m, true, 0);
    platform_.inject_key(chord.key, true, chord.mod);
    platform_.inject_key(chord.key, false, chord.mod);
    for (auto it = chord.modifiers.rbegin(); it != chord.modifiers.rend(); ++it)
      platform_.inject_key(*it, false, chord.mod);
  }
  void close_request() override { platform_.inject_close(); }

  void frames(int n) override {
    // Time stands still for a script, so background work an input started (a staff export) ends
    // before the frames that show its outcome, as it would long before a person looked.
    for (int i = 0; i < n && !app_.quit_requested(); ++i) {
      pump();
      staff_session_.wait_for_export();
      draw_frame(nullptr, nullptr);
    }
  }

  // The frames the real loop draws after input, back to back: while the pacer owes settle frames
  // or the touch layer still holds a press or release (one per frame). Deadlines and animation are
  // left to pass_time, where their time passes.
  void settle() override {
    pump();
    while (!app_.quit_requested() && (pacer_.frames_owed() > 0 || touch_.needs_frame())) {
      staff_session_.wait_for_export();
      draw_frame(nullptr, nullptr);
      pump();
    }
  }

  void pass_time(Clock::Millis ms) override { run_until(clock_.now() + ms); }

  // The screen as it is: the last drawn frame, not a new one (which real input would not get).
  bool screenshot(const std::string& path, std::string& error) override {
    const std::string where = confine_screenshot_path(path, shot_roots_, error);
    if (where.empty()) return false;
    if (!drawn_any_) {
      pump();
      return draw_frame(&where, &error);
    }
    return platform_.capture_last_frame(where, error);
  }

  bool quitting() const override { return app_.quit_requested(); }
  bool set_low_reach(bool on) override {  // the script's `low-reach` (issue 18)
    app_.accessibility().low_reach = on;
    return true;
  }
  // `extra-time on|off` (issue 18): as the panel's toggle would, with the frames a tap gets.
  bool set_extra_time(bool on) override {
    app_.set_extra_time(on);
    pacer_.on_input();
    return true;
  }
  bool stopped_by_signal() const {
    return app_.quit_requested() && app_.quit_reason() == QuitRequest::Signal;
  }

 private:
  // The UI thread's own outbox connection, opened at start. A failure is logged and shown only
  // when a visitor saves (save() tries again then: the disk may be back).
  void open_outbox() {
    try {
      outbox_ = std::make_unique<store::Outbox>(data_dir_, clock_);
      salvage_damaged_copies();
      seal_older_records();
    } catch (const store::StoreError& e) {
      log::error(
          std::string(
              "outbox: cannot open the data dir's database; forms cannot be saved until it can: ") +
          e.what());
    }
  }

  // The upload thread. It wakes this thread through the platform's queue when its snapshot changes;
  // the thread never waits on it (see SyncEngine). It also erases sent answers past retention.
  void start_sync(const GuiLaunch& launch) {
    sync::SyncEngineOptions o;
    o.data_dir = data_dir_;
    o.sender.upload = launch.config.upload;
    o.heartbeat_every =
        std::chrono::minutes(launch.config.upload.heartbeat_minutes);  // with an endpoint only
    o.sent_retention_days = launch.config.sent_retention_days;
    o.demo = demo_mode(launch.config);
    // At most one wake-up is outstanding (SyncEngine's on_change rule).
    engine_ = std::make_unique<sync::SyncEngine>(std::move(o), clock_, platform_.waker());
    engine_->start();
  }

  // FormFlow's Saver: the id after COMMIT, or a StoreError. The store serialises the save with
  // the upload thread's short writes (one write lock per database file); the engine is only woken.
  std::string save(const store::NewSubmission& s) {
    if (!outbox_) {
      outbox_ = std::make_unique<store::Outbox>(data_dir_, clock_);
      connect_staff();
    }
    std::string id = outbox_->enqueue(s);
    if (engine_) engine_->notify();
    return id;
  }

  // QuickInterest's BatchSaver: every record in one transaction, or none (StoreError).
  std::vector<std::string> save_all(const std::vector<store::NewSubmission>& rows) {
    if (!outbox_) {
      outbox_ = std::make_unique<store::Outbox>(data_dir_, clock_);
      connect_staff();
    }
    std::vector<std::string> ids = store_all(*outbox_, rows);
    if (engine_) engine_->notify();
    return ids;
  }

  // A damaged database moved aside (now or at an earlier start): its readable open records come
  // back, before sealing so a salvaged legacy (schema <= 3) row is sealed with the others. A
  // failure leaves the copy unmarked, tried again next start; the kiosk runs on meanwhile.
  void salvage_damaged_copies() {
    try {
      store::salvage_damaged_copies(*outbox_, data_dir_,
                                    app_.settings().damaged_copy_retention_days, clock_);
    } catch (const store::StoreError& e) {
      log::error(std::string("store: a damaged copy could not be salvaged this time: ") + e.what());
    }
  }

  // Records an older version stored in clear are sealed before anything else (resumable); with
  // only the demo key they cannot be, and the kiosk stays Out of service naming the fix.
  void seal_older_records() {
    SealMigrationResult r;
    try {
      r = seal_legacy_records(*outbox_, sealing_identity());
    } catch (const crypto::CryptoError& e) {
      r.outcome = SealMigration::Failed;
      r.error = e.what();
    }
    if (r.outcome == SealMigration::NeedsKey || r.outcome == SealMigration::Failed) {
      log::error("store: " + r.error);
      app_.go_out_of_service(r.error);
    }
  }

  // FormFlow's sealing identity: the configured department key, this kiosk's signing key (made
  // once per data dir) and the outbox's kiosk id (the outbox opens here if it could not at start).
  SealingIdentity sealing_identity() {
    if (!outbox_) {
      outbox_ = std::make_unique<store::Outbox>(data_dir_, clock_);
      connect_staff();
    }
    if (!signing_key_)
      signing_key_ = std::make_shared<const crypto::KioskSigningKey>(
          crypto::KioskSigningKey::load_or_create(data_dir_));
    return SealingIdentity{department_key_, signing_key_, outbox_->kiosk_id()};
  }

  // [capture]: touch-screen saves only. The flow asks the UI thread's outbox how full it is and
  // counts a refusal through the staff model, which shows both on the dashboard.
  void set_capture_limits(const Config& config) {
    const int64_t cap = int64_t{config.capture_max_outbox_mb} * 1024 * 1024;
    staff_session_.set_outbox_cap(cap);
    form_.flow.set_capture_limits(
        CaptureLimits{config.capture_max_per_hour, cap},
        CaptureStore{// No outbox yet: nothing held here, and a save reports the store's own error.
                     [this] { return outbox_ ? outbox_->unexported_bytes() : int64_t{0}; },
                     [this] { staff_session_.count_capture_refusal(); }});
  }

  // The staff model's view of the store and the engine: at start, and when the outbox opens late
  // (in save()). The event tag reaches the form flow through StaffSession::on_event_tag.
  void connect_staff() { staff_session_.connect(outbox_.get(), engine_.get()); }

  Clock::Mono next_frame_due() const {
    return pacer_.next_frame_at(app_.next_deadline(), animating_ || touch_.needs_frame());
  }

  void handle(const PlatformEvent& e) {
    if (e.kind == PlatformEvent::Kind::Wake) {
      // The sync engine's: acknowledge (so it may wake us again) and hand the latest to the staff
      // model; no frame is drawn for it unless a screen shows it.
      staff_session_.on_snapshot(engine_->snapshot());
      if (is_staff_screen(app_.screen())) pacer_.on_input();  // the dashboard shows it
      return;
    }
    pacer_.on_input();
    // Issue 18: no auto-repeat while an accessibility choice is on, no double strike with Extra
    // time (App::accept_key). A key's text follows its press; anything else in between ends that.
    if (e.kind != PlatformEvent::Kind::Key && e.kind != PlatformEvent::Kind::Text)
      app_.other_input();
    switch (e.kind) {
      case PlatformEvent::Kind::Pointer: {
        PointerEvent pe = e.pointer;
        pe.time = clock_.now();
        if (pe.kind == PointerEvent::Kind::Down) ui_.focus.clear();  // a touch: no ring after it
        touch_.push(pe);
        break;
      }
      // Signal is SIGTERM/SIGINT only (Platform turns off SDL's quit-on-last-window-close); the
      // App's lockdown policy decides about everything else (kiosk/app/app.h, QuitRequest).
      case PlatformEvent::Kind::Signal: app_.on_quit_request(QuitRequest::Signal); break;
      case PlatformEvent::Kind::WindowClose: app_.on_quit_request(QuitRequest::WindowClose); break;
      case PlatformEvent::Kind::Key: {
        app_.activity();
        if (!app_.accept_key(e.key == PlatformEvent::KeyName::Other
                                 ? std::string()
                                 : "key:" + std::to_string(static_cast<int>(e.key)),
                             e.repeat))
          break;
        // Speech first (issue 16): the hint, the Return that turns Read aloud on, the panel's
        // Escape. Not on staff screens: staff are no visitors, and their Return submits a PIN.
        if (!is_staff_screen(app_.screen()) &&
            announcer_.on_key(announce_key(e.key), e.repeat, app_.lang(), app_.accessibility()))
          break;
        // The form's (or, in staff mode, the staff screens') physical keys: 1.86 loses a press and
        // release in one frame.
        std::vector<PhysicalKey>& keys = app_.staff() ? staff_.keys : form_.keys;
        if (app_.staff()) {
          switch (e.key) {
            case PlatformEvent::KeyName::Backspace: keys.push_back(PhysicalKey::Backspace); break;
            case PlatformEvent::KeyName::Tab: keys.push_back(PhysicalKey::Tab); break;
            case PlatformEvent::KeyName::Enter: keys.push_back(PhysicalKey::Enter); break;
            default: break;
          }
        } else {
          visitor_key(e);
        }
        if (e.key == PlatformEvent::KeyName::Escape && !e.repeat)
          app_.on_quit_request(QuitRequest::EscapeKey);
        if (e.quit_chord && !e.repeat) app_.on_quit_request(QuitRequest::QuitKey);
        break;
      }
      case PlatformEvent::Kind::Text:
        app_.activity();
        if (!app_.accept_text(e.text)) break;
        announcer_.on_text(e.text);
        // Typed into the focused field next frame (a staff screen's while staff mode is open).
        if (app_.staff())
          staff_.text.queue_text(e.text);
        else if (app_.screen() == Screen::QuickInterest)
          quick_.type(e.text);
        else
          form_.flow.queue_text(e.text);
        break;
      default: break;
    }
  }

  // The keypad path of the visitor screens (docs/form-ui.md, "Keys"): focus moves by Tab / arrows,
  // Return and Space act on the focused widget through its tap path, Escape goes back. A form's
  // typed box still takes Backspace and Return as before.
  void visitor_key(const PlatformEvent& e) {
    using K = PlatformEvent::KeyName;
    FocusModel& f = ui_.focus;
    switch (e.key) {
      case K::Backspace: form_.keys.push_back(PhysicalKey::Backspace); break;
      case K::Tab: f.push(e.shift ? NavKey::Prev : NavKey::Next); break;
      case K::Down: f.push(NavKey::Next); break;
      case K::Up: f.push(NavKey::Prev); break;
      case K::Left: f.push(NavKey::Left); break;
      case K::Right: f.push(NavKey::Right); break;
      case K::Space: f.push(NavKey::Toggle); break;  // its text (" ") types into a focused field
      case K::Enter:
        form_.keys.push_back(PhysicalKey::Enter);
        f.push(NavKey::Activate);
        break;
      case K::Escape:
        // The Accessibility panel closes itself on Escape (its own key handling); nothing else.
        if (!e.repeat && !app_.accessibility().panel_open) f.push(NavKey::Escape);
        break;
      default: break;
    }
  }

  // Every font the UI draws with, added to io.Fonts at the theme's sizes: at start and on each
  // text size change (the one place both go through, so the atlas always holds the same set):
  // the text fonts, then the icon font with just the glyphs the content names.
  void load_theme_fonts() {
    theme_.f = load_fonts(theme_.m);
    theme_.f.icons = add_icon_font(theme_.m, catalogue_icon_codes(cat_));
  }

  // The visitor's text size and contrast (the Accessibility panel; App::end_session puts both
  // back), applied between frames: ImGui 1.86 fixes an atlas's sizes, so a new size clears it and
  // builds it again (the pause is logged); a palette is just swapped.
  void follow_accessibility() {
    const AccessibilityChoices& a = app_.accessibility();
    if (a.high_contrast != high_contrast_) {
      high_contrast_ = a.high_contrast;
      theme_.p = palette_for(high_contrast_);
      apply_style(theme_);
    }
    if (a.text_size == theme_.m.text_size) return;
    const auto started = steady_clock::now();
    const ImVec2 size = platform_.size();
    theme_.m = compute_metrics(size.x, size.y, a.text_size);
    ImGui::GetIO().Fonts->Clear();
    load_theme_fonts();
    apply_style(theme_);
    if (!platform_.rebuild_fonts()) {
      // The old texture is gone: without a new one nothing can be drawn. Stop like a failed start.
      log::error("font atlas rebuild failed (GL texture upload): check the OpenGL driver");
      fonts_failed_ = true;
      app_.on_quit_request(QuitRequest::Signal);
      return;
    }
    const auto ms = duration_cast<milliseconds>(steady_clock::now() - started).count();
    log::info("font atlas rebuilt in " + std::to_string(ms) + " ms");
    TouchParams tp;
    tp.tap_slop = std::max(12.0f, std::round(0.015f * theme_.m.base));
    touch_.set_params(tp);
  }

  void pump() {
    PlatformEvent e;
    while (platform_.poll(e)) handle(e);
  }

  // The frame loop on the app clock until `end` or quit: wait for input until the next frame is
  // due, then draw it. Sleeping in Platform::wait while nothing is due is what keeps an idle
  // kiosk at ~0 % CPU. A script on a virtual clock runs this same loop, but its waits advance the
  // clock instead of sleeping: the frames drawn are the ones the real loop would draw.
  void run_until(Clock::Mono end) {
    VirtualClock* virtual_time = scripted_ ? process_virtual_clock() : nullptr;
    while (!app_.quit_requested()) {
      Clock::Mono now = clock_.now();
      if (now >= end) return;
      Clock::Mono next = std::min(next_frame_due(), end);
      if (virtual_time)
        wait_virtual(*virtual_time, next);
      else
        wait_real(next);
      // Compare with the deadline we waited for: once it has passed, the App already reports the
      // one after it (the next second, the next highlight), which is not due yet.
      Clock::Mono due = std::min(next, next_frame_due());
      if (due <= end && clock_.now() >= due) draw_frame(nullptr, nullptr);
    }
  }

  void wait_real(Clock::Mono next) {
    Clock::Mono now = clock_.now();
    int wait_ms = 0;
    if (next > now)
      wait_ms = static_cast<int>(
          std::clamp<long long>(std::chrono::ceil<milliseconds>(next - now).count(), 1, 60'000));
    PlatformEvent e;
    if (wait_ms == 0 ? platform_.poll(e) : platform_.wait(e, wait_ms)) {
      handle(e);
      pump();
    }
  }

  void wait_virtual(VirtualClock& vc, Clock::Mono next) {
    PlatformEvent e;
    if (platform_.poll(e)) {  // input first, as a real wait would wake for it
      handle(e);
      pump();
      return;
    }
    Clock::Mono now = clock_.now();
    if (next > now) vc.advance(std::chrono::ceil<milliseconds>(next - now));
  }

  bool draw_frame(const std::string* capture, std::string* error) {
    follow_accessibility();
    bench_stats::frame_begin();  // no-op unless --bench-stats FILE (bench/README.md)
    Clock::Mono now = clock_.now();
    platform_.begin_frame();
    ImGuiIO& io = ImGui::GetIO();
    PointerFrame pf = touch_.next_frame();
    io.MousePos =
        pf.mouse_pos;  // after the SDL backend's NewFrame, which reads the (unreliable) global mouse
    for (bool& down : io.MouseDown) down = false;
    io.MouseDown[0] = pf.mouse_down;
    double dt = duration<double>(now - last_frame_).count();
    io.DeltaTime = static_cast<float>(
        std::clamp(dt, 0.001, 0.25));  // ImGui needs > 0 even when virtual time stands still
    last_frame_ = now;
    if (pf.activity) app_.activity();
    app_.tick();
    ImGui::NewFrame();
    // Keys since the last frame act on what it showed; then that frame is forgotten.
    ui_.focus.begin_frame(reg_.current(), reg_.offscreen(), reg_.covered());
    reg_.begin_frame();
    ui_.begin_frame(pf, now);
    // Under the Accessibility panel the screen keeps still: its scroll regions (drawn first) see
    // the drag as taken, and the panel, on top, takes it back for its own rows.
    if (app_.accessibility().panel_open) ui_.drag_claimed = true;
    draw_app(ui_);
    ui_.focus.end_frame(reg_.current(), reg_.offscreen(), reg_.covered());
    announcer_.on_frame(reg_.current(), app_.nav_serial(), app_.lang(), app_.accessibility());
    touch_.set_raw_zones(ui_.raw_zones);
    animating_ = ui_.animating;
    bool ok = platform_.end_frame(capture, error);
    bench_stats::frame_end(pf.dragging || animating_);
    pacer_.frame_drawn(now);
    drawn_any_ = true;
    return ok;
  }

  Platform& platform_;
  Clock& clock_;
  Catalogue cat_;
  Theme theme_;
  WidgetRegistry reg_;
  // Speech (issue 16): the log the harness reads and the engine speaking into SDL audio; nothing
  // loads until the first utterance. Destroyed after the Ui and before the Platform.
  SpeechLog speech_log_;
  std::unique_ptr<SpeechEngine> speech_ = make_speech_engine(speech_log_);
  App app_;
  Ui ui_;
  Announcer announcer_{Strings::builtin(), *speech_};
  std::string data_dir_;
  std::vector<std::string> shot_roots_;  // where screenshots may go; the first takes relative paths
  std::unique_ptr<store::Outbox> outbox_;  // nullptr until it opens
  std::unique_ptr<sync::SyncEngine> engine_;
  crypto::DepartmentPublicKey department_key_;                  // what visitors' records seal to
  std::shared_ptr<const crypto::KioskSigningKey> signing_key_;  // loaded at the first save
  FormUi form_;
  QuickInterest quick_{
      clock_, [this](const std::vector<store::NewSubmission>& rows) { return save_all(rows); },
      [this] { return sealing_identity(); }};
  StaffSession staff_session_{clock_, data_dir_};  // the staff screens' model
  StaffUi staff_{staff_session_};
  TouchInput touch_;
  FramePacer pacer_;
  Clock::Mono last_frame_;
  bool animating_ = false;
  bool scripted_ = false;
  bool drawn_any_ = false;      // a frame exists for screenshot() to save
  bool high_contrast_ = false;  // the palette in theme_ (AccessibilityChoices::high_contrast)
  bool fonts_failed_ = false;   // an atlas rebuild could not upload its texture
};

}  // namespace

int run_gui(const GuiLaunch& launch) {
  // A script is read and parsed before the display opens: a typo fails fast, even without X.
  ParsedScript script;
  const bool scripted = !launch.script_path.empty();
  const std::string& script_path = launch.script_path;
  if (scripted) {
    std::string err;
    auto text = read_file(script_path, err);
    if (!text) {
      std::fprintf(stderr, "kiosk: script %s: %s\n", script_path.c_str(), err.c_str());
      return 2;
    }
    script = parse_script(*text);
    if (!script.ok()) {
      for (const auto& e : script.errors)
        std::fprintf(stderr, "kiosk: script %s: %s\n", script_path.c_str(), e.c_str());
      return 1;
    }
  }

  if (!launch.bench_stats_path.empty()) bench_stats::enable(launch.bench_stats_path);

  std::string error;
  std::unique_ptr<Platform> platform = Platform::open(PlatformOptions{launch.windowed}, error);
  if (!platform) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  // A rejected department bundle never becomes the demo: its last good copy, or Out of service
  // naming its errors (with no demo department name or phone number there either).
  ContentChoice content = choose_content(launch.content_dir, launch.data_dir);
  GuiLaunch with_content = launch;
  with_content.content_problem.errors = content.errors;
  with_content.content_problem.last_good_in_use = content.source == ContentSource::LastGood;
  with_content.content_problem.last_good_date = content.last_good_date;
  Catalogue cat = content.catalogue ? std::move(*content.catalogue) : no_content_catalogue();
  Runner runner(with_content, *platform, std::move(cat));
  if (!runner.fonts_ok()) {
    std::fprintf(
        stderr,
        "kiosk: cannot build the font atlas (GL texture upload failed): check the OpenGL driver\n");
    return 2;
  }
  if (!scripted) return runner.run_interactive();
  runner.set_scripted(true);

  ScriptResult r = run_script(script.commands, runner, script_path);
  if (runner.stopped_by_signal()) {
    // Like the interactive loop: a signal is a clean stop (the engine stops and the database
    // closes as the Runner goes), not a script failure.
    std::fprintf(stderr,
                 "kiosk: script %s stopped by a signal (SIGTERM or SIGINT): shut down cleanly\n",
                 script_path.c_str());
    return 0;
  }
  if (r.exit_code != 0) {
    std::fprintf(stderr, "kiosk: script failed: %s", r.message.c_str());
    std::string shot = std::filesystem::path(script_path).stem().string() + "-failed.png", err;
    if (!runner.quitting() && runner.screenshot(shot, err))
      std::fprintf(stderr, "  screenshot of the failure: %s\n",
                   confine_screenshot_path(shot, screenshot_roots(launch), err).c_str());
  }
  return r.exit_code;
}

}  // namespace kiosk::ui
