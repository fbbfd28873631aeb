// NetWatcher: tells the sync engine when the network changes (a link comes up, an address or a
// route appears or goes), so a booth that regains its network uploads at once instead of waiting
// out its backoff. Linux rtnetlink multicast groups; no privileges needed to listen.
// If the socket cannot be opened, error() says why and the engine simply keeps its backoff timing.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

namespace kiosk::sync {

class NetWatcher {
 public:
  // Subscribes on the calling thread (its network namespace) and watches on a thread of its own,
  // calling `on_change` (from that thread) once per burst of relevant messages.
  explicit NetWatcher(std::function<void()> on_change);
  ~NetWatcher();
  NetWatcher(const NetWatcher&) = delete;
  NetWatcher& operator=(const NetWatcher&) = delete;

  bool ok() const { return sock_ >= 0; }
  const std::string& error() const { return error_; }

 private:
  void run();
  std::function<void()> on_change_;
  int sock_ = -1;
  int stop_fd_ = -1;
  std::string error_;
  std::thread thread_;
};

// True for the rtnetlink message types that can change reachability (links, addresses, routes).
bool is_connectivity_message(uint16_t nlmsg_type);

}  // namespace kiosk::sync
