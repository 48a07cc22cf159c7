#!/usr/bin/env bash
# Every Polish and Arabic message file compiles, holds no merge conflict's markers, and its
# compiled .mo is the one the .po makes: a reader never gets English because a .mo was left
# behind after a merge. Part of `make lint`. Installs Debian's gettext when msgfmt is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v msgfmt >/dev/null; then
  echo "Installing gettext (Debian's package)..."
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq gettext >/dev/null
fi
scratch="$(mktemp)"
trap 'rm -f "$scratch"' EXIT
failed=0
for po in $(git ls-files '*/locale/*/LC_MESSAGES/*.po'); do
  if grep -qE '^(<<<<<<<|=======$|>>>>>>>)' "$po"; then
    echo "$po: holds a merge conflict's markers" >&2; failed=1; continue
  fi
  if ! msgfmt --check-format -o "$scratch" "$po"; then
    echo "$po: does not compile" >&2; failed=1; continue
  fi
  if ! cmp -s "$scratch" "${po%.po}.mo"; then
    echo "${po%.po}.mo: not compiled from its .po (run: msgfmt -o ${po%.po}.mo $po)" >&2
    failed=1
  fi
done
exit "$failed"
