#!/usr/bin/env bash
# Installs the Debian 12 packages the tests (and the department's intake service) need beyond
# scripts/deps.sh, which stays the kiosk machine's list. `make test` runs both.
# Idempotent (scripts/apt-ensure.sh): asks apt only when a package is missing.
set -euo pipefail

PACKAGES=(
  python3-nacl  # tests/support/test_server.py: protocol v2 (sealed boxes, Ed25519) under /usr/bin/python3
  # The department's intake service (intake/, docs/intake.md) and its tests (tests/intake/).
  # Debian starts PostgreSQL's and nginx's default services on install: nothing here uses them.
  libcpp-httplib-dev  # kiosk-intake's HTTP server
  libpqxx-dev         # kiosk-intake's PostgreSQL client
  postgresql          # throwaway clusters for tests/intake and make intake-demo
  nginx               # the TLS reverse proxy in front of kiosk-intake in the tests
  python3-psycopg2    # tests/intake: counting what PostgreSQL stored, under /usr/bin/python3
  libctemplate-dev    # the staff inbox's HTML templates (automatic escaping)
  chromium            # tests/intake/test_inbox.py: a real (headless) browser
  chromium-driver     #   driven through WebDriver
  python3-selenium    #   from /usr/bin/python3
  xdotool             # tests/ui/real_input.sh: real X input (clicks, drags, keys) on Xvfb
  bc                  #   its schedule's arithmetic
  clang-14            # make fuzz / make test: the libFuzzer harnesses (tests/fuzz, docs/fuzzing.md)
  libclang-rt-14-dev  #   libFuzzer and the sanitizers' runtimes (clang only recommends them)
)

source "$(dirname "${BASH_SOURCE[0]}")/apt-ensure.sh"
apt_ensure deps-dev "${PACKAGES[@]}"
