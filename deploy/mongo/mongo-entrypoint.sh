#!/bin/bash
# Entry point of the MongoDB container: a one-member replica set with authentication.
# A replica set with access control needs a key file for its members; it is written from
# MONGO_REPLICA_SET_KEY_FILE (a secret file; or MONGO_REPLICA_SET_KEY) and handed to the official
# entry point, which creates the root user (MONGO_INITDB_ROOT_PASSWORD_FILE) and runs
# /docker-entrypoint-initdb.d on the first start.
set -euo pipefail
if [ -n "${MONGO_REPLICA_SET_KEY_FILE:-}" ]; then
  MONGO_REPLICA_SET_KEY=$(cat "${MONGO_REPLICA_SET_KEY_FILE}")
fi
: "${MONGO_REPLICA_SET_KEY:?MONGO_REPLICA_SET_KEY_FILE or MONGO_REPLICA_SET_KEY must be set (openssl rand -base64 756)}"
keyfile=/data/configdb/replica-set.key
printf '%s' "${MONGO_REPLICA_SET_KEY}" > "${keyfile}"
chmod 0400 "${keyfile}"
chown mongodb:mongodb "${keyfile}" 2>/dev/null || true
exec /usr/local/bin/docker-entrypoint.sh "$@"
