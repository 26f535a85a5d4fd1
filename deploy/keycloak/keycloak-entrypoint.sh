#!/bin/bash
# Entry point of the BLAU Keycloak image: Keycloak reads its database and bootstrap admin
# passwords from the environment only, so a *_FILE variable (Docker secrets, a mounted
# Kubernetes Secret) is read into the variable it names before kc.sh starts. The value then
# lives in Keycloak's own process, never in the container's configuration.
set -euo pipefail
for name in KC_DB_PASSWORD KC_BOOTSTRAP_ADMIN_PASSWORD; do
  file_var="${name}_FILE"
  if [ -n "${!file_var:-}" ]; then
    if [ ! -r "${!file_var}" ]; then
      echo "keycloak-entrypoint: ${file_var}=${!file_var} cannot be read" >&2
      exit 1
    fi
    printf -v "$name" '%s' "$(cat "${!file_var}")"
    export "${name?}"
    unset "$file_var"
  fi
done
exec /opt/keycloak/bin/kc.sh "$@"
