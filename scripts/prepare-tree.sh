#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Lay this repository over a pristine QEMU tree.
#
#   prepare-tree.sh PRISTINE TREE
#
# TREE is made from PRISTINE (without the firmware sources in roms/),
# upstream's own micro:bit/nRF51 model is removed, patches/*.patch are
# applied, and every file this project owns is linked into place.
# The copy is redone only when PRISTINE or the patches change; the
# links are refreshed every time, so editing a file here and running
# make rebuilds incrementally.

set -e

pristine=$1
tree=$2
top=$(cd "$(dirname "$0")/.." && pwd)

# Upstream's implementation, replaced by this project's own.
removed="hw/arm/microbit.c hw/arm/nrf51_soc.c hw/char/nrf51_uart.c
hw/gpio/nrf51_gpio.c hw/timer/nrf51_timer.c hw/nvram/nrf51_nvm.c
hw/misc/nrf51_rng.c hw/i2c/microbit_i2c.c
include/hw/arm/nrf51.h include/hw/arm/nrf51_soc.h
include/hw/char/nrf51_uart.h include/hw/gpio/nrf51_gpio.h
include/hw/timer/nrf51_timer.h include/hw/nvram/nrf51_nvm.h
include/hw/misc/nrf51_rng.h include/hw/i2c/microbit_i2c.h
tests/qtest/microbit-test.c tests/functional/test_arm_microbit.py
tests/functional/arm/test_microbit.py docs/system/arm/nrf.rst"

# The directories of QEMU's layout that this repository mirrors.
owned_dirs="configs docs hw include tests"

stamp_want=$( (echo "$pristine"; echo "$removed";
               cat "$top"/patches/*.patch) | sha256sum | cut -c1-16)
stamp_have=$(cat "$tree/.microbit-stamp" 2>/dev/null || true)

if [ "$stamp_want" != "$stamp_have" ]; then
    echo "prepare-tree: laying out $tree"
    rm -rf "$tree.new"
    mkdir -p "$tree.new"
    (cd "$pristine" && tar --exclude=./roms --exclude=./debian \
                           --exclude=./.git -cf - .) |
        (cd "$tree.new" && tar -xpf -)
    mkdir -p "$tree.new/roms"
    for f in $removed; do
        rm -f "$tree.new/$f"
    done
    for p in "$top"/patches/*.patch; do
        [ -f "$p" ] || continue
        if ! patch -s -p1 -N -d "$tree.new" < "$p"; then
            echo "prepare-tree: $(basename "$p") does not apply" >&2
            exit 1
        fi
    done
    find "$tree.new" -name '*.orig' -delete
    find "$tree.new" -name trace-events | while read -r t; do
        cp -p "$t" "$t.upstream"
    done
    # Keep the old tree's build-relevant timestamps where nothing
    # changed, so ninja rebuilds only what the new layout touches.
    if [ -d "$tree" ]; then
        (cd "$tree.new" && find . -type f) | while read -r f; do
            if [ -f "$tree/$f" ] && [ ! -L "$tree/$f" ] &&
               cmp -s "$tree/$f" "$tree.new/$f"; then
                touch -r "$tree/$f" "$tree.new/$f"
            fi
        done
        rm -rf "$tree"
    fi
    echo "$stamp_want" > "$tree.new/.microbit-stamp"
    mv "$tree.new" "$tree"
fi

# Drop links to files that no longer exist here, then link every file.
find "$tree" -xtype l -lname "$top/*" -delete 2>/dev/null || true
for d in $owned_dirs; do
    [ -d "$top/$d" ] || continue
    (cd "$top" && find "$d" -type f) | while read -r f; do
        dst="$tree/$f"
        if [ "$(readlink "$dst" 2>/dev/null)" != "$top/$f" ]; then
            mkdir -p "$(dirname "$dst")"
            rm -f "$dst"
            ln -s "$top/$f" "$dst"
        fi
    done
done

# A directory's trace events for this project's devices are kept in
# trace-events.nrf51 beside them and appended to QEMU's trace-events.
(cd "$top" && find hw -name trace-events.nrf51) | while read -r frag; do
    dir=$(dirname "$frag")
    out="$tree/$dir/trace-events"
    { cat "$out.upstream"; echo; cat "$top/$frag"; } > "$out.tmp"
    if cmp -s "$out.tmp" "$out"; then
        rm -f "$out.tmp"
    else
        mv "$out.tmp" "$out"
    fi
done
