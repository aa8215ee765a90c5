#!/usr/bin/env bash
# Installs Debian's browsers the tests and the demo drive, when missing. Test tools never
# download their own browsers here (no internet but the package registries).
# Usage: scripts/ensure-browsers.sh chromium [firefox-esr] [xvfb]  (npm test and .ci/run: chromium firefox-esr)
set -euo pipefail
declare -A BIN=([chromium]=/usr/bin/chromium [firefox-esr]=/usr/bin/firefox-esr [xvfb]=/usr/bin/xvfb-run)
missing=()
for pkg in "$@"; do
  [ -x "${BIN[$pkg]:-/nonexistent}" ] || missing+=("$pkg")
done
# Chinese text in the overlay and the screenshots needs a CJK font.
if [ $# -gt 0 ] && ! fc-list :lang=zh 2>/dev/null | grep -q .; then missing+=(fonts-wqy-zenhei); fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "LiveSeal needs Debian's ${missing[*]}: install with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian's packages…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
