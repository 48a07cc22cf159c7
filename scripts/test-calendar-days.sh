#!/usr/bin/env bash
# Runs the tests marked `calendar` (those whose expectation depends on today's date) with the
# clock started on days that have caught such tests out: a weekend, a bank holiday, a school
# holiday, the nights the clocks change, a leap day and the last minutes of a year.
# Extra arguments go to pytest. Exit 5 ("no tests ran") counts as a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
DAYS=(
  "2026-11-29T12:00:00+00:00"  # a Sunday
  "2026-11-28T12:00:00+00:00"  # a Saturday
  "2027-03-26T12:00:00+00:00"  # Good Friday, a bank holiday
  "2026-12-23T12:00:00+00:00"  # a weekday in the Christmas holidays
  "2026-10-25T00:30:00+00:00"  # clocks go back: 01:30 BST, an hour London lives twice
  "2027-03-28T01:30:00+00:00"  # clocks go forward: 02:30 BST, just after the missing hour
  "2028-02-29T12:00:00+00:00"  # a leap day
  "2026-12-31T23:30:00+00:00"  # New Year's Eve, half an hour before the year turns
)
# Each day is its own pytest process (the clock is set when pytest starts), so days run side
# by side, one per core (CALENDAR_LANES to change), and their outputs are printed in order.
LANES="${CALENDAR_LANES:-$(nproc)}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
run_day() {
  local rc=0
  PORTAL_TEST_NOW="$2" .venv/bin/pytest -q -p no:playwright -m "calendar and not e2e" \
    "${@:3}" >"$OUT/$1.log" 2>&1 || rc=$?
  echo "$rc" >"$OUT/$1.rc"
}
for i in "${!DAYS[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$LANES" ]; do wait -n || true; done
  run_day "$i" "${DAYS[$i]}" "$@" &
done
wait
failed=0
for i in "${!DAYS[@]}"; do
  echo "--- the clock starts at ${DAYS[$i]}"
  cat "$OUT/$i.log"
  rc="$(cat "$OUT/$i.rc")"
  if [ "$rc" -eq 5 ]; then echo "no calendar tests ran: that is a failure here." >&2; rc=1; fi
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed="$rc"; fi
done
exit "$failed"
