#!/usr/bin/env bash
# Installs the Debian 12 packages Community Kiosk builds, tests and benchmarks with.
# Idempotent: asks apt only when a package is missing; a no-op when everything is present.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libsdl2-dev libimgui-dev libstb-dev libgl-dev
  libcurl4-openssl-dev libsqlite3-dev
  nlohmann-json3-dev libtomlplusplus-dev libsodium-dev libqrencode-dev
  catch2
  fonts-noto-core
  xvfb xauth libgl1-mesa-dri
  python3 openssl curl sqlite3 util-linux
  cage xwayland systemd
  clang-format-14
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps: run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
