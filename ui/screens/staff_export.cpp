// Staff: export every pending record to a removable volume (what is mounted under /media and
// /run/media) or a typed folder ("~" is the kiosk user's home). The folder must exist: a typed
// path is never created, so a stick that is not mounted cannot silently become a local folder.
// Shows the files written and what the manifest says.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <system_error>
#include <filesystem>

#include "kiosk/core/log.h"
#include "kiosk/staff/export.h"
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

// What the manifest beside the export says, in lines for the screen.
std::vector<std::string> manifest_lines(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (!in || j.is_discarded() || !j.is_object())
    return {"The manifest cannot be read back: check the stick."};
  // What proves the file whole first; the file name is already on screen.
  std::vector<std::string> out;
  auto line = [&](const std::string& key) {
    if (!j.contains(key)) return;
    const auto& v = j[key];
    out.push_back(key + ": " + (v.is_string() ? v.get<std::string>() : v.dump()));
  };
  for (const char* key : {"count", "sha256", "kiosk_id", "first_created_at", "last_created_at",
                          "exported_at", "format"})
    line(key);
  return out;
}

void run_export(Ui& ui, StaffUi& st, const std::string& typed) {
  std::string dir = expand_home(typed);
  st.export_lines.clear();
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) {
    st.say(ui.app,
           "Not exported: " +
               (dir.empty() ? std::string("type a folder first.")
                            : dir + " is not an existing folder (is the stick plugged in?)."));
    return;
  }
  if (!st.outbox) {
    st.say(ui.app, "Not exported: the kiosk's storage cannot be opened.");
    return;
  }
  try {
    staff::ExportResult r;
    {
      auto w = st.write_lock();
      r = staff::export_pending(*st.outbox, dir, st.clock);
    }
    st.stop_text();
    st.say(ui.app, "Exported " + std::to_string(r.count) +
                       (r.count == 1 ? " record." : " records.") +
                       " They stay pending and are still uploaded later.");
    st.export_lines = {"Records: " + std::to_string(r.count), "File: " + r.jsonl_path,
                       "Manifest: " + r.manifest_path};
    for (auto& l : manifest_lines(r.manifest_path)) st.export_lines.push_back("  " + l);
  } catch (const staff::ExportError& e) {
    log::error(std::string("staff: export failed: ") + e.what());
    st.say(ui.app, std::string("Not exported: ") + e.what());
  } catch (const store::StoreError& e) {
    log::error(std::string("staff: export failed: ") + e.what());
    st.say(ui.app, "Not exported: the kiosk's storage is failing.");
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
    st.export_lines.clear();
  }
  bool typing = staff_typing(st, kExportDirField);
  float kb_h = staff_keyboard_height(ui, st);
  float y = screen_title(ui, "Export to USB", content);
  Rect area{content.x + m.pad, y, content.w - 2 * m.pad,
            content.y + content.h - kb_h - y - m.gap * 0.5f};
  begin_scroll(ui, "staff-export", area);
  float inner = scroll_content_width(ui, area.w);
  float w = std::min(inner, m.base * 1.5f);
  float fx = ImGui::GetCursorScreenPos().x;
  // While typing, the keyboard takes the lower half: the message gets one line and the field and
  // its button share a row, so everything stays above the keys.
  if (const std::string* said = st.said(ui.app))
    text(ui, *said, typing ? ui.f().body_bold : ui.f().heading,
         st.export_lines.empty() ? p.alert : p.primary, w);
  if (!st.export_lines.empty()) {
    std::vector<Para> paras;
    for (const auto& l : st.export_lines) paras.push_back(Para{l, nullptr, p.text});
    move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
    card(ui, paras, w);
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  }
  if (!typing) {
    move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
    text(ui,
         "Writes every pending record and a manifest (count, checksum) to the folder. The records "
         "stay pending.",
         nullptr, p.muted, w);
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  }

  if (!typing) {
    move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
    text(ui, "USB sticks and other removable drives", ui.f().heading, p.primary, w);
    auto volumes = staff::removable_volumes();
    if (volumes.empty()) {
      move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
      text(ui, "None is mounted under /media or /run/media. Plug one in, or type a folder below.",
           nullptr, p.text, w);
    }
    for (std::size_t i = 0; i < volumes.size(); ++i) {
      move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
      ImGui::PushID(static_cast<int>(i));
      if (tile(ui, "vol", "Export to " + volumes[i].label, {Para{volumes[i].path, nullptr, p.text}},
               w))
        run_export(ui, st, volumes[i].path);
      ImGui::PopID();
      ImGui::Dummy(ImVec2(0, m.gap * 0.4f));
    }
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  }
  move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
  float bw = std::min(w * 0.35f, m.base * 0.45f);
  StaffTextResult r = staff_text_entry(ui, st, kExportDirField, "Or type a folder", "",
                                       typing ? w - bw - m.gap : w);
  if (typing) {
    ImVec2 after = ImGui::GetCursorScreenPos();
    move_to(ImVec2(fx + w - bw, after.y - staff_field_height(ui)));
    if (button(ui, "export-typed", "Export to this folder", bw))
      r.done = true, r.value = st.text_of(kExportDirField);
    move_to(ImVec2(fx, std::max(after.y, ImGui::GetCursorScreenPos().y)));
  }
  if (r.done) run_export(ui, st, r.value);
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
  if (typing && staff_typing(st, kExportDirField) && staff_keyboard(ui, st, content))
    run_export(ui, st, st.text_of(kExportDirField));
}

}  // namespace kiosk::ui
