#!/usr/bin/env bash
# Installs the Debian 12 packages the tests (and the department's intake service) need beyond
# scripts/deps.sh, which stays the kiosk machine's list. `make test` runs both.
# Idempotent: asks apt only when a package is missing; a no-op when everything is present.
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
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps-dev: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps-dev: run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
