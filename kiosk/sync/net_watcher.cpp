// rtnetlink listener for link, address and route changes (see net_watcher.h).
#include "kiosk/sync/net_watcher.h"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk::sync {

bool is_connectivity_message(uint16_t t) {
  switch (t) {
    case RTM_NEWLINK:
    case RTM_DELLINK:
    case RTM_NEWADDR:
    case RTM_DELADDR:
    case RTM_NEWROUTE:
    case RTM_DELROUTE: return true;
    default: return false;
  }
}

NetWatcher::NetWatcher(std::function<void()> on_change) : on_change_(std::move(on_change)) {
  sock_ = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
  if (sock_ < 0) {
    error_ = std::string("cannot open a netlink socket: ") + std::strerror(errno);
    return;
  }
  sockaddr_nl addr{};
  addr.nl_family = AF_NETLINK;
  addr.nl_groups =
      RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR | RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_ROUTE;
  stop_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (bind(sock_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || stop_fd_ < 0) {
    error_ = std::string("cannot listen for network changes: ") + std::strerror(errno);
    close(sock_);
    sock_ = -1;
    if (stop_fd_ >= 0) close(stop_fd_);
    stop_fd_ = -1;
    return;
  }
  thread_ = std::thread([this] { run(); });
}

NetWatcher::~NetWatcher() {
  if (thread_.joinable()) {
    uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(stop_fd_, &one, sizeof one);
    thread_.join();
  }
  if (sock_ >= 0) close(sock_);
  if (stop_fd_ >= 0) close(stop_fd_);
}

void NetWatcher::run() {
  alignas(nlmsghdr) char buf[16384];
  for (;;) {
    pollfd fds[2] = {{sock_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    bool relevant = false;
    // Drain everything queued: one call per burst.
    for (;;) {
      ssize_t n = recv(sock_, buf, sizeof buf, 0);
      if (n < 0) {
        if (errno == ENOBUFS) relevant = true;  // overflowed: something changed, a lot
        break;
      }
      int len = static_cast<int>(n);
      // NLMSG_OK compares the header's __u32 length with this int (len stays signed so that
      // NLMSG_NEXT past the end goes negative and stops the loop); g++ hides a system macro's
      // warning, clang does not.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare"
      for (auto* h = reinterpret_cast<nlmsghdr*>(buf); NLMSG_OK(h, len); h = NLMSG_NEXT(h, len))
        if (is_connectivity_message(h->nlmsg_type)) relevant = true;
#pragma GCC diagnostic pop
    }
    if (relevant && on_change_) on_change_();
  }
}

}  // namespace kiosk::sync
