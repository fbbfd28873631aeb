#!/usr/bin/env bash
# Installs the Debian 12 packages Community Kiosk builds, tests and benchmarks with.
# Idempotent (scripts/apt-ensure.sh): asks apt only when a package is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libsdl2-dev libimgui-dev libstb-dev libgl-dev
  libcurl4-openssl-dev libsqlite3-dev
  nlohmann-json3-dev libtomlplusplus-dev libsodium-dev libqrencode-dev
  libre2-dev
  libespeak-ng-dev espeak-ng-data
  catch2
  fonts-noto-core fonts-fork-awesome
  xvfb xauth libgl1-mesa-dri
  python3 openssl curl sqlite3 util-linux
  cage xwayland systemd
  clang-format-14
)

source "$(dirname "${BASH_SOURCE[0]}")/apt-ensure.sh"
apt_ensure deps "${PACKAGES[@]}"
