#!/usr/bin/env bash
# Debian libraries Qt needs (xcb window, OpenGL/EGL, fonts, PulseAudio for the virtual keyboard's
# QML plugin), plus any named as arguments (`make test` adds its own). Installs the missing ones
# when run as root; otherwise prints the command to run.
set -euo pipefail

packages=(
  libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 libgssapi-krb5-2 libpulse0
  libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libxcb-xfixes0 libxcb-sync1 libxcb-shm0
  "$@"
)

command -v dpkg-query >/dev/null || { echo "sysdeps: not a Debian system; install Qt 6's runtime libraries yourself"; exit 0; }

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "sysdeps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "sysdeps: Qt needs these Debian packages; please run:"
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}"
fi
