// SpeechLog: every utterance handed to a Speaker, in order, for the script harness's
// `expect-spoken` (issue 16) and for tests. It holds the exact text given to the synthesiser, so
// it may hold a visitor's answers: it is cleared (and overwritten) when the visit ends, and only
// scripts and tests read it.
#pragma once
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "kiosk/core/lang.h"

namespace kiosk {

struct Utterance {
  std::size_t seq = 0;  // 1, 2, 3, ... across the process (clear() does not restart it)
  std::string text;
  Lang lang = Lang::En;
};

class SpeechLog {
 public:
  void add(const std::string& text, Lang lang);
  // A mark for "everything from now on" (the harness takes one at the start of each input command).
  std::size_t mark() const;
  // Utterances queued after `mark`, oldest first.
  std::vector<Utterance> since(std::size_t mark) const;
  // Forgets every utterance (overwriting the texts); sequence numbers keep counting.
  void clear();

 private:
  mutable std::mutex mu_;
  std::vector<Utterance> items_;
  std::size_t next_seq_ = 1;
};

}  // namespace kiosk
