#!/usr/bin/env bash
# Installs Debian's Varnish (the front-end cache of `make cluster`, and what
# tests/portal/test_varnish_vcl.py runs deploy/varnish.vcl in) when it is missing.
set -euo pipefail
if command -v varnishd >/dev/null; then
  exit 0
fi
echo "Installing Varnish (Debian's package)..."
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq varnish >/dev/null
# Debian starts its own varnish on port 6081; the cluster and the tests run their own.
$SUDO systemctl disable --now varnish 2>/dev/null || true
command -v varnishd >/dev/null || { echo "varnish did not install" >&2; exit 1; }
