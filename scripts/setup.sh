#!/usr/bin/env bash
# Installs what the platform and its tests need on a fresh clone, and is safe to run again:
# Debian's Chromium, xmllint, pdfsig and openssl (browser and adapter tests), the locked npm dependencies (and the Prisma client), the Temporal CLI
# (found, downloaded or built from the Go module proxy into .tools/), and the built inbox UI.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Independent checkers the adapter tests use: xmllint (segnatura XSD), pdfsig (PAdES signatures).
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v pdfsig >/dev/null 2>&1 || missing+=(poppler-utils)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: please install the Debian packages: ${missing[*]} (needed by the browser and adapter tests)" >&2
  fi
fi

# `npm install` rather than `npm ci`: it installs the locked versions too, and tolerates optional
# platform packages (other operating systems' builds of @swc/core, for example) that some registry
# mirrors do not carry, which `npm ci` refuses.
npm install --no-audit --no-fund
npx tsx scripts/ensure-temporal-cli.ts
npm run build:ui
echo "setup: done"
