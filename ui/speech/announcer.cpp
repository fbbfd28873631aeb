// Announcer: one utterance per frame, composed in a fixed order — the screen (title, purpose),
// new headings (a dialog or panel opening), alerts, codes, the focused widget, toggled states,
// the typed character, help — so a visitor hears first where they are, then what needs attention.
#include "ui/speech/announcer.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "kiosk/core/utf8.h"

namespace kiosk::ui {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool contains(const std::vector<SpokenPart>& v, const std::string& s) {
  return std::any_of(v.begin(), v.end(), [&](const SpokenPart& p) { return p.text == s; });
}

bool ends_sentence(const std::string& s) {
  const char last = s.back();
  return last == '.' || last == '?' || last == '!' || last == ':';
}

// Joins the parts into sentence-like texts, one per run of parts in the same language (WCAG
// 3.1.2: each run is spoken in its language's voice): a full stop between parts unless one ends a
// part already, and at the end of a run followed by another language. Nothing is added after the
// last part, so a spelled code ends exactly as spelled.
std::vector<SpokenPart> join(const std::vector<SpokenPart>& parts) {
  std::vector<SpokenPart> out;
  for (const auto& p : parts) {
    if (p.text.empty()) continue;
    if (!out.empty() && out.back().lang == p.lang) {
      out.back().text += ends_sentence(out.back().text) ? " " : ". ";
      out.back().text += p.text;
      continue;
    }
    if (!out.empty() && !ends_sentence(out.back().text)) out.back().text += ".";
    out.push_back(p);
  }
  return out;
}

const WidgetEntry* focused_in(const std::vector<WidgetEntry>& frame) {
  for (const auto& e : frame)
    if (e.focused && e.role == EntryRole::Widget) return &e;
  return nullptr;
}

const std::string& name_of(const WidgetEntry& e) { return e.label.empty() ? e.text : e.label; }

bool checkable(Control c) { return c == Control::Choice || c == Control::CheckBox; }

// The countdown's number and the text before it ("Returning ... in "), or -1 when there is none.
int number_in(const std::string& s, std::string& before) {
  auto it = std::find_if(s.begin(), s.end(),
                         [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  if (it == s.end()) return -1;
  before.assign(s.begin(), it);
  int n = 0;
  for (; it != s.end() && std::isdigit(static_cast<unsigned char>(*it)) && n < 100000; ++it)
    n = n * 10 + (*it - '0');
  return n;
}

// Overwrites what is remembered before it is freed: a field's value is a visitor's answer.
void wipe(std::string& s) { std::fill(s.begin(), s.end(), '\0'); }

}  // namespace

std::string spell_out(const std::string& code) {
  std::string out;
  for (std::size_t i = 0; i < code.size();) {
    std::size_t start = i;
    char32_t cp = utf8::next(code, i);
    if (cp == U' ' || cp == U'\t' || cp == U'\n') continue;
    if (!out.empty()) out += ' ';
    out.append(code, start, i - start);
  }
  return out;
}

std::string Announcer::checked_word(bool checked, Lang lang) const {
  return str_.get(lang, checked ? "a11y.checked" : "a11y.not_checked");
}

// "<label>, <role>[, checked|not checked][, value]"; a private field's value is never read. The
// label is in the widget's language ("Español, button": the first word in a Spanish voice).
void Announcer::describe(const WidgetEntry& e, Lang lang, std::vector<SpokenPart>& parts) const {
  const Lang own = e.lang.value_or(lang);
  std::string out;
  const char* role = nullptr;
  switch (e.control) {
    case Control::Button: role = "a11y.role.button"; break;
    case Control::Field: role = "a11y.role.field"; break;
    case Control::Choice: role = "a11y.role.choice"; break;
    case Control::CheckBox: role = "a11y.role.check_box"; break;
    default: break;
  }
  if (role) out += ", " + str_.get(lang, role);
  if (checkable(e.control)) out += ", " + checked_word(e.checked, lang);
  if (!e.secret && !e.value.empty()) out += ", " + e.value;
  if (own == lang) {
    parts.push_back({name_of(e) + out, lang});
  } else {
    parts.push_back({name_of(e), own});
    if (!out.empty()) parts.push_back({out.substr(2), lang});  // without its leading ", "
  }
}

Announcer::Remembered Announcer::remember(const std::vector<WidgetEntry>& frame, Lang lang) {
  Remembered r;
  if (const WidgetEntry* f = focused_in(frame)) {
    r.has_focus = true;
    r.focus_label = name_of(*f);
    r.focus_control = f->control;
    r.focus_value = f->secret ? std::string() : f->value;
  }
  for (const auto& e : frame) {
    if (e.role != EntryRole::Widget) continue;
    switch (e.control) {
      case Control::Heading: r.headings.push_back({e.text, e.lang.value_or(lang)}); break;
      case Control::Alert: r.alerts.push_back(e.text); break;
      case Control::Code: r.codes.push_back(e.value.empty() ? e.text : e.value); break;
      case Control::Choice:
      case Control::CheckBox: r.checkables.emplace_back(name_of(e), e.checked); break;
      default: break;
    }
  }
  return r;
}

// A countdown's tick (the same alert with another number) is read every 5 seconds while more
// than 5 are left, then as the bare number each second: a whole sentence each second would only
// ever be heard cut off by the next one.
std::string Announcer::alert_text(const std::string& text) const {
  std::string before;
  int n = number_in(text, before);
  if (n < 0) return text;
  for (const auto& old : prev_.alerts) {
    std::string old_before;
    if (number_in(old, old_before) < 0 || old_before != before) continue;
    if (n <= 5) return std::to_string(n);
    return n % 5 == 0 ? text : std::string();
  }
  return text;
}

void Announcer::on_frame(const std::vector<WidgetEntry>& frame, unsigned nav_serial, Lang lang,
                         const AccessibilityChoices& choices) {
  Remembered now = remember(frame, lang);
  const bool arrived = nav_serial != prev_nav_ || read_screen_;
  const WidgetEntry* focus = focused_in(frame);
  std::vector<SpokenPart> parts;
  // In the screen's language, or the widget's own.
  auto add = [&](std::string text, std::optional<Lang> own = std::nullopt) {
    parts.push_back({std::move(text), own.value_or(lang)});
  };

  if (choices.read_aloud) {
    // 1. The screen: its title(s), then its purpose — the plain text drawn right after the last
    // title and below it. A screen without a marked title is named by its first plain text.
    std::vector<std::string> seen_headings;
    if (arrived) {
      const WidgetEntry* last_title = nullptr;
      std::size_t after = frame.size();
      for (std::size_t i = 0; i < frame.size(); ++i)
        if (frame[i].role == EntryRole::Widget && frame[i].control == Control::Heading) {
          add(frame[i].text, frame[i].lang);
          seen_headings.push_back(frame[i].text);
          last_title = &frame[i];
          after = i + 1;
        }
      if (!last_title)
        for (std::size_t i = 0; i < frame.size(); ++i)
          if (frame[i].role == EntryRole::Widget && frame[i].control == Control::None &&
              !frame[i].tappable && !frame[i].text.empty()) {
            add(frame[i].text, frame[i].lang);
            last_title = &frame[i];
            after = i + 1;
            break;
          }
      if (last_title && after < frame.size()) {
        const WidgetEntry& next = frame[after];
        if (next.role == EntryRole::Widget && next.control == Control::None && !next.tappable &&
            !next.text.empty() && next.rect.y >= last_title->rect.y + last_title->rect.h * 0.5f)
          add(next.text, next.lang);
      }
    } else {
      // 2. A title that was not there before: a dialog or the Accessibility panel opened.
      for (const auto& h : now.headings)
        if (!contains(prev_.headings, h.text)) parts.push_back(h);
    }
    // 3. Alerts that just appeared (a field error, "Still there?" and its countdown).
    for (const auto& a : now.alerts)
      if (arrived || !contains(prev_.alerts, a)) add(alert_text(a));
    // 4. A confirmation code, character by character.
    for (const auto& c : now.codes)
      if (arrived || !contains(prev_.codes, c)) add(spell_out(c));
    // 5. The focused widget, when focus moved (or on arrival, where it is part of the screen).
    const bool focus_moved =
        focus && (arrived || !prev_.has_focus || prev_.focus_label != name_of(*focus) ||
                  prev_.focus_control != focus->control);
    if (focus_moved) describe(*focus, lang, parts);
    // 6. A choice or check box whose state changed (a tap, Space): its new state.
    for (const auto& [label, checked] : now.checkables) {
      if (arrived || (focus_moved && label == name_of(*focus))) continue;
      for (const auto& [old_label, old_checked] : prev_.checkables)
        if (old_label == label) {
          if (old_checked != checked) add(label + ", " + checked_word(checked, lang));
          break;
        }
    }
    // 7. What was typed into the focused field: the character, or "character" when private; any
    // other change of its value (a picker, a deletion) reads the new value.
    if (focus && !focus_moved) {
      if (focus->secret) {
        for (std::size_t i = 0; i < typed_; ++i) add(str_.get(lang, "a11y.character"));
      } else if (focus->value != prev_.focus_value) {
        const std::string& old = prev_.focus_value;
        const std::string& val = focus->value;
        if (focus->control == Control::Field && val.size() > old.size() &&
            val.compare(0, old.size(), old) == 0 &&
            utf8::length(std::string_view(val).substr(old.size())) == 1) {
          std::string ch = val.substr(old.size());
          add(ch == " " ? str_.get(lang, "a11y.space") : ch);
        } else if (!val.empty()) {
          add(val);
        }
      }
    }
    // 8. F1: the focused widget's help (its name when it has none; the titles when nothing has
    // focus).
    if (help_wanted_) {
      if (focus)
        add(focus->help.empty() ? name_of(*focus) : focus->help,
            focus->help.empty() ? focus->lang : std::nullopt);
      else
        for (const auto& h : now.headings) parts.push_back(h);
    }
  }

  std::vector<SpokenPart> said = join(parts);
  if (said.size() == 1)
    speaker_.say(said[0].text, said[0].lang);
  else if (said.size() > 1)
    speaker_.say_parts(said);
  for (auto& p : said) ui::wipe(p.text);
  for (auto& p : parts) ui::wipe(p.text);
  wipe(prev_);
  prev_ = std::move(now);
  prev_nav_ = nav_serial;
  read_screen_ = false;
  help_wanted_ = false;
  typed_ = 0;
}

bool Announcer::on_key(AnnounceKey key, bool repeat, Lang lang, AccessibilityChoices& choices) {
  if (repeat) return false;
  // The panel's own Escape comes before Escape = Back (and before quitting a windowed kiosk).
  if (key == AnnounceKey::Escape && choices.panel_open) {
    choices.panel_open = false;
    return true;
  }
  if (choices.read_aloud) {
    if (key == AnnounceKey::Help) help_wanted_ = true;
    return false;
  }
  if (hint_armed_ && key == AnnounceKey::Enter) {
    hint_armed_ = false;
    choices.read_aloud = true;
    read_screen_ = true;
    return true;
  }
  if (!choices.key_hint_spoken) {
    // Said once per visit, whatever the key; the key still does what it does.
    choices.key_hint_spoken = true;
    hint_armed_ = true;
    speaker_.say(str_.get(lang, "a11y.key_hint"), lang);
  }
  return false;
}

void Announcer::on_text(const std::string& piece) { typed_ += utf8::length(piece); }

void Announcer::wipe(Remembered& r) {
  ui::wipe(r.focus_label);
  ui::wipe(r.focus_value);
  for (auto& h : r.headings) ui::wipe(h.text);
  for (auto* list : {&r.alerts, &r.codes})
    for (auto& s : *list) ui::wipe(s);
  for (auto& c : r.checkables) ui::wipe(c.first);
  r = Remembered{};
}

void Announcer::reset() {
  wipe(prev_);
  read_screen_ = false;
  help_wanted_ = false;
  hint_armed_ = false;
  typed_ = 0;
}

}  // namespace kiosk::ui
