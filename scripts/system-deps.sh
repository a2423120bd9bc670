#!/usr/bin/env bash
# Debian packages the pipeline uses when present: tesseract (OCR of scans, Swedish) and
# poppler-utils (pdftotext, the benchmark's reference reader). Installs them when we are
# root with apt; otherwise says how, and the pipeline goes on without them.
set -u
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
if command -v tesseract >/dev/null 2>&1; then
  tesseract --list-langs 2>/dev/null | grep -qx swe || need+=(tesseract-ocr-swe)
else
  need+=(tesseract-ocr-swe)
fi
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} (apt-get)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null 2>&1 \
    || echo "warning: could not install ${need[*]}; scanned pages will be marked partial" >&2
else
  echo "note: ${need[*]} missing; install with: sudo apt-get install ${need[*]}" >&2
  echo "      without them scanned pages are marked partial and the benchmark skips pdftotext" >&2
fi
exit 0
