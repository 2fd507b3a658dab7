#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Compile the MakeCode test programs in tests/makecode offline, with
# the compiler from the npm package pxt-microbit.
#
#   makecode.sh OUTDIR
#
# Each tests/makecode/NAME (pxt.json and main.ts) becomes
# OUTDIR/NAME.hex (the Universal Hex MakeCode downloads) and
# OUTDIR/NAME-v1.hex (the plain Intel HEX of its micro:bit V1 part).
# Only the dependency sets whose runtimes ship prebuilt in the package
# compile offline: {core, radio, microphone} and {core, bluetooth,
# microphone}.

set -e

mkdir -p "$1"
out=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
pxt=$out/npm
version=9.1.1


if [ ! -f "$pxt/node_modules/pxt-microbit/package.json" ] ||
   ! grep -q "\"version\": \"$version\"" \
        "$pxt/node_modules/pxt-microbit/package.json"; then
    echo "makecode: installing pxt-microbit@$version from npm"
    mkdir -p "$pxt"
    # The package pulls in puppeteer, whose browser download fails here
    (cd "$pxt" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --ignore-scripts \
        --no-audit --no-fund --loglevel=error "pxt-microbit@$version" \
        >/dev/null)
fi

cat > "$out/pxt-cli.js" <<'EOJ'
const nm = process.argv[2];
process.argv = [process.argv[0], 'pxt'].concat(process.argv.slice(3));
require(nm + '/pxt-core/built/pxt.js').mainCli(nm + '/pxt-microbit');
EOJ

for dir in "$top"/tests/makecode/*/; do
    name=$(basename "$dir")
    src="$dir/pxt.json $dir/main.ts"
    hex=$out/$name.hex
    # Rebuild when the program changes
    if [ -f "$hex" ] && [ -z "$(find $src -newer "$hex")" ]; then
        continue
    fi
    echo "makecode: compiling $name"
    work=$out/work/$name
    rm -rf "$work"
    mkdir -p "$work"
    cp $src "$work/"
    (cd "$work" &&
     node "$out/pxt-cli.js" "$pxt/node_modules" install >/dev/null &&
     node "$out/pxt-cli.js" "$pxt/node_modules" build >/dev/null)
    cp "$work/built/mbdal-binary.hex" "$out/$name-v1.hex"
    cp "$work/built/binary.hex" "$hex"
done
