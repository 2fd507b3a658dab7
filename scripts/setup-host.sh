#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Install what building and testing the micro:bit machine needs on a
# Debian 12 (bookworm) host.  Idempotent: it only acts when something
# is missing, and says what it adds.

set -e

SOURCES=/etc/apt/sources.list.d/qemu-microbit.sources

PKGS="build-essential ninja-build pkg-config git dpkg-dev quilt
      libglib2.0-dev libpixman-1-dev zlib1g-dev libfdt-dev
      libpng-dev libvdeplug-dev vde2 libsdl2-dev libgtk-3-dev
      python3-venv python3-setuptools python3-wheel
      gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi
      firmware-microbit-micropython python3-uflash
      qemu-system-arm clang libclang-rt-14-dev"
BACKPORTS_PKGS="meson python3-pycotap"

# Node.js and npm compile the MakeCode test programs; any recent
# installation will do, Debian's otherwise
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    PKGS="$PKGS nodejs npm"
fi

missing=""
for p in $PKGS $BACKPORTS_PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
         grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
meson_ok=no
if dpkg --compare-versions \
     "$(dpkg-query -W -f='${Version}' meson 2>/dev/null || echo 0)" ge 1.5; then
    meson_ok=yes
fi

if [ -z "$missing" ] && [ "$meson_ok" = yes ] && [ -f "$SOURCES" ]; then
    exit 0
fi

if [ "$(id -u)" != 0 ]; then
    SUDO=sudo
else
    SUDO=
fi

if [ ! -f "$SOURCES" ]; then
    echo "setup: adding apt sources in $SOURCES:"
    echo "setup:   bookworm-backports (deb): meson >= 1.5 and python3-pycotap"
    echo "setup:   trixie (deb-src only): the QEMU 10.0 source package"
    $SUDO tee "$SOURCES" >/dev/null <<'EOS'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
fi

echo "setup: installing:$missing"
$SUDO apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $PKGS
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    -t bookworm-backports $BACKPORTS_PKGS
