#!/usr/bin/env bash
# apt_ensure NAME PACKAGE...: installs the Debian packages that are missing, asking apt only then
# (a no-op when everything is present). Sourced by scripts/deps.sh (the kiosk machine's list) and
# scripts/deps-dev.sh (what the tests and the intake service need beyond it). NAME prefixes messages.
apt_ensure() {
  local name=$1; shift
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  echo "$name: installing ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "$name: run as root or install sudo to install: ${missing[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
