#!/bin/bash
# Container health check of a BLAU Liberty server, without curl: GET /health/<kind> on the
# server's own HTTP port, healthy on 200 only. kind: live | ready | started (default ready).
set -u
kind="${1:-ready}"
port="${HTTP_PORT:-9080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET /health/%s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "${kind}" >&3
IFS= read -r -t 5 status <&3 || exit 1
case "${status}" in
  "HTTP/1.1 200"*) exit 0 ;;
  *) echo "/health/${kind}: ${status}"; exit 1 ;;
esac
