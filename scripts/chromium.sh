#!/usr/bin/env bash
# Debian's chromium, for the test that renders the HTML evidence report headless.
# Prints the browser's path; installs it first when missing and we are root with apt.
set -u
for b in chromium chromium-browser; do
  if command -v "$b" >/dev/null 2>&1; then command -v "$b"; exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium (apt-get)" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
     chromium fonts-dejavu-core) >/dev/null 2>&1 || { echo "warning: could not install chromium" >&2; exit 1; }
  command -v chromium && exit 0
fi
echo "note: chromium missing; install with: sudo apt-get install chromium" >&2
exit 1
