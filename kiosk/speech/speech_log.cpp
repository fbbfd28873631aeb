// SpeechLog: the utterance recorder (see speech_log.h).
#include "kiosk/speech/speech_log.h"

#include <sodium.h>

namespace kiosk {

void SpeechLog::add(const std::string& text, Lang lang) {
  std::lock_guard<std::mutex> lock(mu_);
  items_.push_back(Utterance{next_seq_++, text, lang});
}

std::size_t SpeechLog::mark() const {
  std::lock_guard<std::mutex> lock(mu_);
  return next_seq_;
}

std::vector<Utterance> SpeechLog::since(std::size_t mark) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Utterance> out;
  for (const auto& u : items_)
    if (u.seq >= mark) out.push_back(u);
  return out;
}

void SpeechLog::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& u : items_) sodium_memzero(u.text.data(), u.text.size());
  items_.clear();
}

}  // namespace kiosk
