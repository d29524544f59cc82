#!/usr/bin/env bash
# Renders the web app's PNG icons (src/main/resources/web/icons/) from the SVG sources in
# scripts/icons/ with Debian's chromium, the browser the tests already use. Run by hand when the
# design changes, and commit the PNGs: the server serves them as they are (docs/decisions.md).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=$ROOT/scripts/icons
OUT=$ROOT/src/main/resources/web/icons
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

render() { # render SOURCE.svg SIZE OUTPUT.png
  local source=$1 size=$2 output=$3
  cp "$SRC/$source" "$WORK/$source"
  printf '<!doctype html><style>html,body{margin:0;background:transparent}img{display:block}</style><img src="%s" width="%s" height="%s">' \
    "$source" "$size" "$size" > "$WORK/page.html"
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --default-background-color=00000000 --window-size="$size,$size" \
    --screenshot="$WORK/shot.png" "file://$WORK/page.html" >/dev/null 2>&1
  mv "$WORK/shot.png" "$OUT/$output"
  echo "$OUT/$output (${size}x${size})"
}

render icon.svg 192 icon-192.png
render icon.svg 512 icon-512.png
render icon-maskable.svg 192 icon-maskable-192.png
render icon-maskable.svg 512 icon-maskable-512.png
# iOS rounds the corners itself and ignores transparency, so its icon is the full-bleed one.
render icon-maskable.svg 180 apple-touch-icon.png
