// Listener: binds a cpp-httplib server and serves until SIGTERM or SIGINT, for both of the
// intake's processes (`serve`, the kiosks' API, and `inbox`, the staff pages).
//
// Invariants:
// - SIGTERM/SIGINT are taken by one thread with sigwait (blocked in every other thread, including
//   the server's workers, which are made after the mask is set), so stopping never runs inside a
//   signal handler; SIGPIPE is ignored (a client that hangs up is not a crash).
// - `listening on HOST:PORT` is printed on stdout only once the socket is bound (tests and
//   scripts wait for that line; with port 0 it names the port the system chose).
#pragma once
#include <string>

namespace httplib {
class Server;
}

namespace intake {

// Returns the process's exit status: 0 after a signal, 1 when the address cannot be bound (the
// message names `setting`, the config key) or the server fails.
int listen_until_stopped(httplib::Server& svr, const std::string& host, int port,
                         const std::string& setting);

}  // namespace intake
