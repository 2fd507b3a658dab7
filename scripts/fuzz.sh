#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the .hex parser with libFuzzer, AddressSanitizer and UBSan,
# and run it for a while on a corpus seeded with the test programs.
#
#   fuzz.sh QEMU_TREE QEMU_BUILD OUTDIR SECONDS

set -e

tree=$1
build=$2
out=$3
seconds=$4
top=$(cd "$(dirname "$0")/.." && pwd)

mkdir -p "$out/corpus"
clang -g -O1 -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -std=gnu11 -D_GNU_SOURCE \
    -iquote "$build" -iquote "$tree/include" -iquote "$tree" \
    -iquote "$tree/host/include/x86_64" -iquote "$tree/host/include/generic" \
    $(pkg-config --cflags glib-2.0) \
    -o "$out/microbit-hex-fuzz" \
    "$top/tests/fuzz/microbit-hex-fuzz.c" "$tree/hw/arm/microbit_hex.c" \
    "$tree/util/error.c" "$top/tests/fuzz/stubs.c" \
    $(pkg-config --libs glib-2.0)

# Seed with real files: the test programs and MicroPython
for f in "$top"/build/firmware/*.hex \
         /usr/share/firmware-microbit-micropython/firmware.hex; do
    [ -f "$f" ] && cp "$f" "$out/corpus/"
done

cd "$out"
./microbit-hex-fuzz -max_total_time="$seconds" -max_len=65536 \
    -print_final_stats=1 corpus
