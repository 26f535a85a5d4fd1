#!/bin/bash
# One-shot: initiate the one-member replica set rs0 (once; later runs find it done) and wait
# until the member is a writable primary, so chat-app's w:majority writes succeed at once.
set -euo pipefail
if [ -n "${MONGO_INITDB_ROOT_PASSWORD_FILE:-}" ]; then
  MONGO_INITDB_ROOT_PASSWORD=$(cat "${MONGO_INITDB_ROOT_PASSWORD_FILE}")
fi
host="${MONGO_HOST:-mongo}"
auth=(--host "${host}" --quiet -u "${MONGO_INITDB_ROOT_USERNAME:?}" -p "${MONGO_INITDB_ROOT_PASSWORD:?}" --authenticationDatabase admin)

for _ in $(seq 1 60); do
  mongosh "${auth[@]}" --eval 'db.adminCommand({ ping: 1 }).ok' >/dev/null 2>&1 && break
  sleep 2
done

mongosh "${auth[@]}" --eval "
  try {
    rs.status();
    print('replica set rs0 already initiated');
  } catch (e) {
    if (e.codeName !== 'NotYetInitialized') { throw e; }
    rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: '${host}:27017' }] });
    print('replica set rs0 initiated');
  }
"

for _ in $(seq 1 60); do
  if [ "$(mongosh "${auth[@]}" --eval 'db.hello().isWritablePrimary')" = "true" ]; then
    echo "rs0 has a writable primary"
    exit 0
  fi
  sleep 2
done
echo "rs0 has no writable primary after 120 s" >&2
exit 1
