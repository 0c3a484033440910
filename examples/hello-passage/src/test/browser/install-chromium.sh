#!/usr/bin/env bash
# Set-up of BrowserSignInIT: installs Debian's chromium and chromium-driver when they are missing, so `mvn verify`
# works on a fresh machine. Needs root or sudo; otherwise it says what to install and the test fails with the same
# message rather than being skipped.
set -uo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
echo "BrowserSignInIT needs chromium and chromium-driver: installing them with apt-get..."
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "Cannot install without root: run 'apt-get install chromium chromium-driver' as root." >&2
  exit 0
fi
"${as_root[@]}" apt-get update -qq \
  && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
  || echo "Installing chromium failed; BrowserSignInIT will say what is missing." >&2
exit 0
