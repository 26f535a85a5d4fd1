#!/bin/sh
# Entry point of the BLAU Kong image: renders the declarative configuration (CORS origins from
# the environment), then starts Kong through the official entry point.
set -eu
# Redis's password from a file (REDIS_PASSWORD_FILE: Docker secrets, a mounted Secret) into the
# variable Kong's env vault reads ({vault://env/redis-password}); only Kong's process has it.
if [ -n "${REDIS_PASSWORD_FILE:-}" ]; then
  if [ ! -r "$REDIS_PASSWORD_FILE" ]; then
    echo "kong-entrypoint: REDIS_PASSWORD_FILE=$REDIS_PASSWORD_FILE cannot be read" >&2
    exit 1
  fi
  REDIS_PASSWORD=$(cat "$REDIS_PASSWORD_FILE")
  export REDIS_PASSWORD
fi
: "${CORS_ORIGINS:?CORS_ORIGINS must list the allowed origins, comma-separated}"
: "${REDIS_PASSWORD:?REDIS_PASSWORD_FILE or REDIS_PASSWORD must be set (rate limits are counted in Redis)}"

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
