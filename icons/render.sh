#!/bin/sh
# Renders the app icon's PNG sizes from the SVG source (needs rsvg-convert: apt-get install librsvg2-bin)
# and copies the sizes the window uses into the app's resources.
set -eu
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" homelab-console.svg -o "homelab-console-$size.png"
done
mkdir -p ../src/main/resources/ui/icons
for size in 16 32 48 64 128 256; do
  cp "homelab-console-$size.png" ../src/main/resources/ui/icons/
done
