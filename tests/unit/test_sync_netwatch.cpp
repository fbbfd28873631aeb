// NetWatcher: a real rtnetlink event wakes it. The event is made in a private network namespace
// (a thread of this test unshares one and brings its loopback link up), so the test never
// touches the machine's own network. Needs CAP_SYS_ADMIN, as the tests run in CI (root).
#include <catch2/catch.hpp>

#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "kiosk/sync/net_watcher.h"

using namespace std::chrono;
using kiosk::sync::is_connectivity_message;
using kiosk::sync::NetWatcher;

TEST_CASE("the rtnetlink messages that can change reachability are recognised") {
  for (int t : {RTM_NEWLINK, RTM_DELLINK, RTM_NEWADDR, RTM_DELADDR, RTM_NEWROUTE, RTM_DELROUTE})
    CHECK(is_connectivity_message(static_cast<uint16_t>(t)));
  for (int t :
       {int(RTM_NEWNEIGH), int(RTM_DELNEIGH), int(RTM_GETLINK), int(RTM_NEWRULE), NLMSG_DONE})
    CHECK_FALSE(is_connectivity_message(static_cast<uint16_t>(t)));
}

TEST_CASE("a link coming up wakes the watcher") {
  std::mutex mu;
  std::condition_variable cv;
  int calls = 0;
  std::string unshare_error, ioctl_error, watcher_error;
  bool woke = false;
  // Catch's macros are not thread-safe: the thread only records what happened.
  std::thread t([&] {
    if (unshare(CLONE_NEWNET) != 0) {
      unshare_error = std::strerror(errno);
      return;
    }
    NetWatcher watcher([&] {
      std::lock_guard lk(mu);
      ++calls;
      cv.notify_all();
    });
    if (!watcher.ok()) {
      watcher_error = watcher.error();
      return;
    }
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) != 0 ||
        (ifr.ifr_flags |= IFF_UP, ioctl(s, SIOCSIFFLAGS, &ifr)) != 0)
      ioctl_error = std::strerror(errno);
    if (s >= 0) close(s);
    std::unique_lock lk(mu);
    woke = cv.wait_for(lk, seconds(20), [&] { return calls > 0; });
  });  // the watcher's destructor has stopped and joined its thread here
  t.join();
  INFO("unshare: " << unshare_error << " watcher: " << watcher_error << " ioctl: " << ioctl_error);
  REQUIRE(unshare_error.empty());
  REQUIRE(watcher_error.empty());
  REQUIRE(ioctl_error.empty());
  CHECK(woke);
  CHECK(calls >= 1);
}
