#!/usr/bin/env bash
# Run a command again whenever it stops, as a service manager's "restart always" does, so an
# app server or worker that is killed comes back without stopping the rest of `make cluster`
# (honcho stops everything when one of its processes ends). TERM or INT stop it for good.
set -u
child=0
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM INT
while :; do
    "$@" &
    child=$!
    wait "$child"
    echo "$1 stopped (status $?); starting it again in one second" >&2
    sleep 1
done
