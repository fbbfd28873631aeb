// The recent staff PIN lockouts in settings (see pin_lockouts.h).
#include "kiosk/sync/pin_lockouts.h"

#include <string>
#include <vector>

namespace kiosk::sync {
namespace {

int64_t to_ms(Clock::Wall t) {
  return std::chrono::duration_cast<Clock::Millis>(t.time_since_epoch()).count();
}

// Hand-edited or damaged entries are skipped: a count can only come from well-formed times.
std::vector<int64_t> read_times(store::Outbox& outbox) {
  std::vector<int64_t> out;
  const auto text = outbox.setting(kPinLockoutsSetting);
  if (!text) return out;
  std::string item;
  auto flush = [&] {
    bool ok = !item.empty() && item.size() <= 18;
    int64_t v = 0;
    for (char c : item) {
      if (c < '0' || c > '9') ok = false;
      if (ok) v = v * 10 + (c - '0');
    }
    if (ok) out.push_back(v);
    item.clear();
  };
  for (char c : *text) {
    if (c == ',')
      flush();
    else
      item += c;
  }
  flush();
  return out;
}

bool recent(int64_t t, int64_t now) { return t > now - kPinLockoutWindow.count(); }

}  // namespace

void note_pin_lockout(store::Outbox& outbox, Clock::Wall at) {
  const int64_t now = to_ms(at);
  std::string kept;
  for (int64_t t : read_times(outbox))
    if (recent(t, now)) kept += std::to_string(t) + ",";
  kept += std::to_string(now);
  outbox.set_setting(kPinLockoutsSetting, kept);
}

int64_t pin_lockouts_24h(store::Outbox& outbox, Clock::Wall now_wall) {
  const int64_t now = to_ms(now_wall);
  int64_t n = 0;
  for (int64_t t : read_times(outbox)) n += recent(t, now);
  return n;
}

}  // namespace kiosk::sync
