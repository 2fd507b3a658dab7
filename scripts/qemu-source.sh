#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Provide a pristine QEMU 10.0 source tree and print its path.
#
# With QEMU_SRC set, that tree is used as it is.  Otherwise Debian's
# "qemu" source package from trixie is downloaded and unpacked (with
# Debian's patches applied) under build/qemu-dl, once.

set -e

dl=$1
if [ -n "$QEMU_SRC" ]; then
    if [ ! -f "$QEMU_SRC/VERSION" ] || [ ! -f "$QEMU_SRC/hw/arm/Kconfig" ]; then
        echo "qemu-source: QEMU_SRC=$QEMU_SRC is not a QEMU source tree" >&2
        exit 1
    fi
    case "$(cat "$QEMU_SRC/VERSION")" in
    10.0.*) ;;
    *)  echo "qemu-source: QEMU_SRC=$QEMU_SRC holds QEMU" \
             "$(cat "$QEMU_SRC/VERSION"), not 10.0.x" >&2
        exit 1 ;;
    esac
    echo "$QEMU_SRC"
    exit 0
fi

if [ ! -f "$dl/tree/VERSION" ]; then
    rm -rf "$dl"
    mkdir -p "$dl"
    echo "qemu-source: fetching Debian's qemu source package (trixie)" >&2
    (cd "$dl" && apt-get source --download-only -q qemu/trixie >&2)
    dsc=$(ls "$dl"/qemu_*.dsc | head -n 1)
    echo "qemu-source: unpacking $(basename "$dsc")" >&2
    dpkg-source --no-check -x "$dsc" "$dl/unpack" >/dev/null
    mv "$dl/unpack" "$dl/tree"
fi
case "$(cat "$dl/tree/VERSION")" in
10.0.*) ;;
*)  echo "qemu-source: Debian's trixie source is QEMU" \
         "$(cat "$dl/tree/VERSION"), not 10.0.x" >&2
    exit 1 ;;
esac
echo "$dl/tree"
