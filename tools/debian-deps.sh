#!/usr/bin/env bash
# Install the Debian/Ubuntu packages Debate Explorer needs beyond Python, as root or
# through sudo. Used by `make deps` and by .ci/run; installs only what is missing.
#
#   tools/debian-deps.sh           the desktop's system libraries (Qt's xcb plugin), a CJK font, make
#   tools/debian-deps.sh --test    the same, plus what the tests use: graphviz (DOT export) and
#                                  node with npm (the reference Argdown parser), Xvfb and xdotool
#                                  (one test drives the real window on an X display)
set -euo pipefail

# Qt 6's desktop (xcb) platform plugin and its offscreen plugin load these at start-up;
# fonts-wqy-microhei draws the Chinese quotes.
DESKTOP=(libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0
         libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
         libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 fonts-wqy-microhei make)
TEST=(graphviz chromium xvfb xdotool)

want=("${DESKTOP[@]}")
if [ "${1:-}" = "--test" ]; then
    want+=("${TEST[@]}")
    # node and npm may come from elsewhere (nodesource ships npm inside nodejs): only add what is absent.
    command -v node >/dev/null 2>&1 || want+=(nodejs)
    command -v npm >/dev/null 2>&1 || want+=(npm)
fi

need=()
for pkg in "${want[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "not a Debian/Ubuntu system: install the equivalents of ${need[*]} yourself" >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
echo "installing Debian packages: ${need[*]}"
"${SUDO[@]}" apt-get install -y --no-install-recommends "${need[@]}" \
    || { "${SUDO[@]}" apt-get update && "${SUDO[@]}" apt-get install -y --no-install-recommends "${need[@]}"; }
