// `kiosk-intake serve`: the HTTP routes (cpp-httplib, plain HTTP; TLS is the proxy's job) over
// IntakeService, with one PostgreSQL connection per worker thread.
#pragma once
#include "intake/config.h"

namespace intake {

// Serves until killed (SIGTERM/SIGINT stop it cleanly). Prints "listening on HOST:PORT" once bound
// (the real port when the configured one is 0). Returns the process exit code.
int serve(const Config& config);

}  // namespace intake
