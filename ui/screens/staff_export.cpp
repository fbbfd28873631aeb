// Staff: export every pending record to a removable volume (what is mounted under /media and
// /run/media) or a typed folder ("~" is the kiosk user's home). The folder must exist: a typed
// path is never created, so a stick that is not mounted cannot silently become a local folder.
// The export runs on the StaffSession's own thread; this screen shows its progress, then the
// files written and what the manifest says.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "ui/screens/chrome.h"
#include "ui/screens/staff_screens.h"
#include "ui/screens/staff_text.h"
#include "ui/screens/staff_ui.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

std::string expand_home(const std::string& path) {
  if (path == "~" || path.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    if (home && *home) return std::string(home) + path.substr(1);
  }
  return path;
}

void start_export(Ui& ui, StaffUi& st, const std::string& typed) {
  std::string dir = expand_home(typed);
  std::error_code ec;
  if (dir.empty()) {
    st.say(ui.app, ui.t("staff.export.type_first"));
    return;
  }
  if (!std::filesystem::is_directory(dir, ec)) {
    st.say(ui.app, staff_fmt(ui, "staff.export.no_folder", {{"dir", dir}}));
    return;
  }
  st.message.clear();
  st.session.start_export(dir);
}

// Once the export thread is done: the outcome in words (the lines come from the progress itself).
void on_finished(Ui& ui, StaffUi& st, const ExportProgress& x) {
  if (x.phase == ExportProgress::Phase::Done) {
    st.stop_text();
    // The stick's state last: staff read it as the instruction it is.
    const char* stick = x.stick == staff::StickState::Unmounted ? "staff.export.safe_to_remove"
                                                                : "staff.export.remove_now";
    st.say(ui.app,
           staff_fmt(ui, x.result.count == 1 ? "staff.export.done_one" : "staff.export.done",
                     {{"n", std::to_string(x.result.count)}}) +
               " " + ui.t(stick));
    if (x.stick == staff::StickState::Unmounted) st.session.refresh_volumes();  // it is gone
  } else {
    st.say(ui.app, x.error.empty() ? ui.t("staff.export.store_failed")
                                   : staff_fmt(ui, "staff.export.failed", {{"error", x.error}}));
  }
}

}  // namespace

void draw_staff_export(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  if (!ui.staff) return;
  StaffUi& st = *ui.staff;
  if (ui.screen_entered) {
    st.stop_text();
    st.session.clear_export();
    st.session.refresh_volumes();
  }
  const bool finished = st.session.take_export_finished();  // before the read: no race with it
  ExportProgress x = st.session.export_progress();
  if (finished) on_finished(ui, st, x);
  const bool running = x.phase == ExportProgress::Phase::Running;
  if (running) ui.animating = true;  // frames keep coming until the thread is done
  bool typing = staff_typing(st, kExportDirField);
  float kb_h = staff_keyboard_height(ui, st);
  float y = screen_title(ui, ui.t("staff.export.title"), content);
  Rect area{content.x + m.pad, y, content.w - 2 * m.pad,
            content.y + content.h - kb_h - y - m.gap * 0.5f};
  begin_scroll(ui, "staff-export", area);
  float inner = scroll_content_width(ui, area.w);
  float w = std::min(inner, m.base * 1.5f);
  float fx = ImGui::GetCursorScreenPos().x;
  const bool done = x.phase == ExportProgress::Phase::Done;
  // While typing, the keyboard takes the lower half: the message gets one line and the field and
  // its button share a row, so everything stays above the keys.
  if (running) {
    text(ui,
         x.step.empty() ? ui.t("staff.export.running")
                        : staff_fmt(ui, "staff.export.running_step",
                                    {{"step", ui.t("staff.export.step." + x.step)}}),
         ui.f().heading, p.primary, w);
  } else if (const std::string* said = st.said(ui.app)) {
    text(ui, *said, typing ? ui.f().body_bold : ui.f().heading, done ? p.primary : p.alert, w);
  }
  if (done) {
    std::vector<Para> paras{
        Para{staff_fmt(ui, "staff.export.records", {{"n", std::to_string(x.result.count)}}),
             nullptr, p.text},
        Para{staff_fmt(ui, "staff.export.file", {{"path", x.result.jsonl_path}}), nullptr, p.text},
        Para{staff_fmt(ui, "staff.export.manifest", {{"path", x.result.manifest_path}}), nullptr,
             p.text}};
    if (x.manifest_unreadable)
      paras.push_back(Para{"  " + ui.t("staff.export.manifest_unreadable"), nullptr, p.alert});
    for (const auto& [key, value] : x.manifest)
      paras.push_back(Para{"  " + key + ": " + value, nullptr, p.text});
    move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
    card(ui, paras, w);
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  }
  if (!typing && !running) {
    move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
    text(ui, ui.t("staff.export.help"), nullptr, p.muted, w);
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
    move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
    text(ui, ui.t("staff.export.volumes"), ui.f().heading, p.primary, w);
    const auto& volumes = st.session.volumes();
    if (volumes.empty()) {
      move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
      text(ui, ui.t("staff.export.no_volumes"), nullptr, p.text, w);
    }
    for (std::size_t i = 0; i < volumes.size(); ++i) {
      move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
      ImGui::PushID(static_cast<int>(i));
      if (tile(ui, "vol", staff_fmt(ui, "staff.export.to_volume", {{"volume", volumes[i].label}}),
               {Para{volumes[i].path, nullptr, p.text}}, w))
        start_export(ui, st, volumes[i].path);
      ImGui::PopID();
      ImGui::Dummy(ImVec2(0, m.gap * 0.4f));
    }
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  }
  if (!running) {
    move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
    float bw = std::min(w * 0.35f, m.base * 0.45f);
    StaffTextResult r =
        staff_text_entry(ui, st, kExportDirField, ui.t("staff.export.type_folder"), "",
                         kExportDirMax, typing ? w - bw - m.gap : w, TextKind::FolderPath);
    if (typing) {
      ImVec2 after = ImGui::GetCursorScreenPos();
      move_to(ImVec2(fx + w - bw, after.y - staff_field_height(ui)));
      if (button(ui, "export-typed", ui.t("staff.export.to_folder"), bw))
        r.done = true, r.value = st.text.value();
      move_to(ImVec2(fx, std::max(after.y, ImGui::GetCursorScreenPos().y)));
    }
    if (r.done) start_export(ui, st, r.value);
  }
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
  if (!running && typing && staff_typing(st, kExportDirField) && staff_keyboard(ui, st, content))
    start_export(ui, st, st.text.value());
}

}  // namespace kiosk::ui
