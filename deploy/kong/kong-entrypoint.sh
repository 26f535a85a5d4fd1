#!/bin/sh
# Entry point of the BLAU Kong image: renders the declarative configuration (CORS origins from
# the environment), then starts Kong through the official entry point.
set -eu
: "${CORS_ORIGINS:?CORS_ORIGINS must list the allowed origins, comma-separated}"
: "${REDIS_PASSWORD:?REDIS_PASSWORD must be set (rate limits are counted in Redis)}"

out="${KONG_DECLARATIVE_CONFIG:-/tmp/kong.yml}"
origins=$(printf '%s' "$CORS_ORIGINS" | tr ',' '\n' | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d')
awk -v origins="$origins" '
  /"%CORS_ORIGINS%"/ {
    indent = $0; sub(/-.*/, "", indent)
    n = split(origins, list, "\n")
    for (i = 1; i <= n; i++) printf "%s- \"%s\"\n", indent, list[i]
    next
  }
  { print }
' /opt/blau/kong.yml.in > "$out"

exec /docker-entrypoint.sh "$@"
