// Listener: see listener.h.
#include "intake/listener.h"

#include <httplib.h>
#include <pthread.h>

#include <csignal>
#include <iostream>
#include <thread>

namespace intake {

int listen_until_stopped(httplib::Server& svr, const std::string& host, int port,
                         const std::string& setting) {
  int bound = port;
  if (port == 0) {
    bound = svr.bind_to_any_port(host);
  } else if (!svr.bind_to_port(host, port)) {
    bound = -1;
  }
  if (bound < 0) {
    std::cerr << "kiosk-intake: cannot listen on " << host << ":" << port << " (" << setting
              << ": in use, or not an address of this machine)\n";
    return 1;
  }
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  std::thread stopper([&svr, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    svr.stop();
  });
  std::cout << "listening on " << host << ":" << bound << std::endl;
  const bool ok = svr.listen_after_bind();
  // Ended without a signal (a socket error): wake the stopper so it can be joined.
  if (!ok) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  return ok ? 0 : 1;
}

}  // namespace intake
