#!/bin/bash
# Makes the secret files docker compose hands to the containers (top-level `secrets:` of
# docker-compose.yml), one value per file, in BLAU_SECRETS_DIR (environment or .env; ./secrets):
#
#   deploy/secrets/generate-secrets.sh                 every missing file, random values
#   deploy/secrets/generate-secrets.sh --rotate NAME…  new random values for NAME… (and the URIs
#                                                      built from them); then apply them as
#                                                      docs/deployment-guide.md, "Secrets", says
#   deploy/secrets/generate-secrets.sh --list          the names, one a line
#
# Existing files are never changed without --rotate. The folder is readable by its owner only;
# the files are readable by all (0644) because each container reads its own as the image's user
# (Liberty 1001, postgres, mongodb, ...) and the folder already keeps other host users out.
# Values are hex (openssl rand -hex 32) without a line break: safe in URIs, JAAS lines and shell
# words (Liberty reads a variable file's first line). .env's MONGO_APP_USERNAME and
# MONGODB_DATABASE, if set, go into mongodb_uri.
set -euo pipefail
cd "$(dirname "$0")/../.."

setting() {  # a non-secret setting of the environment or .env, or its default
  local value="${!1:-}"
  [ -z "$value" ] && [ -f .env ] && value=$(sed -n "s/^$1=//p" .env | tail -n 1)
  printf '%s' "${value:-$2}"
}
dir=$(setting BLAU_SECRETS_DIR ./secrets)

# name                              what reads it
SECRETS=(
  postgres_password                 # postgres (POSTGRES_PASSWORD_FILE), auth-app, chat-app (postgres.password)
  keystore_password                 # auth-app, chat-app (keystore.password)
  keycloak_auth_app_client_secret   # auth-app (keycloak.auth-app.client-secret), keycloak-config
  keycloak_chat_app_client_secret   # chat-app (keycloak.chat-app.client-secret), keycloak-config
  kafka_auth_app_password           # auth-app (kafka.auth-app.password), kafka-config
  kafka_chat_app_password           # chat-app (kafka.chat-app.password), kafka-config
  mongo_root_password               # mongo, mongo-init (MONGO_INITDB_ROOT_PASSWORD_FILE)
  mongo_app_password                # mongo (MONGO_APP_PASSWORD_FILE, first start), in mongodb_uri
  mongo_replica_set_key             # mongo (MONGO_REPLICA_SET_KEY_FILE)
  mongodb_uri                       # chat-app (mongodb.uri): built from mongo_app_password
  redis_password                    # redis, kong (REDIS_PASSWORD_FILE), in redis_url
  redis_url                         # chat-app (redis.url): built from redis_password
  minio_root_user                   # minio (MINIO_ROOT_USER_FILE), chat-app (chat.files.s3.access-key)
  minio_root_password               # minio (MINIO_ROOT_PASSWORD_FILE), chat-app (chat.files.s3.secret-key)
  keycloak_db_password              # keycloak-db (POSTGRES_PASSWORD_FILE), keycloak (KC_DB_PASSWORD_FILE)
  keycloak_admin_password           # keycloak (KC_BOOTSTRAP_ADMIN_PASSWORD_FILE), keycloak-config
  grafana_admin_password            # grafana (GF_SECURITY_ADMIN_PASSWORD__FILE), profile monitoring
)

value_of() {
  case "$1" in
    mongo_replica_set_key) openssl rand -base64 756 | tr -d '\n' ;;
    mongodb_uri)
      local db user
      db=$(setting MONGODB_DATABASE blau)
      user=$(setting MONGO_APP_USERNAME blau)
      printf 'mongodb://%s:%s@mongo:27017/%s?replicaSet=rs0&authSource=%s' "$user" "$(cat "$dir/mongo_app_password")" "$db" "$db" ;;
    redis_url) printf 'redis://:%s@redis:6379/0' "$(cat "$dir/redis_password")" ;;
    *) openssl rand -hex 32 | tr -d '\n' ;;
  esac
}

write() {
  local tmp
  tmp=$(mktemp "$dir/.$1.XXXXXX")
  value_of "$1" > "$tmp"
  chmod 0644 "$tmp"
  mv -f "$tmp" "$dir/$1"
  echo "generate-secrets: $dir/$1 written"
}

case "${1:-}" in
  --list) printf '%s\n' "${SECRETS[@]}"; exit 0 ;;
  --rotate)
    shift
    [ $# -gt 0 ] || { echo "usage: $0 --rotate NAME..." >&2; exit 2; }
    rotate=("$@") ;;
  "") rotate=() ;;
  *) echo "usage: $0 [--rotate NAME... | --list]" >&2; exit 2 ;;
esac
for name in "${rotate[@]}"; do
  [[ " ${SECRETS[*]} " == *" $name "* ]] || { echo "generate-secrets: unknown secret $name (--list)" >&2; exit 2; }
  case "$name" in
    mongodb_uri|redis_url) echo "generate-secrets: $name is built from its password: rotate its password (mongo_app_password, redis_password) instead" >&2; exit 2 ;;
  esac
done

mkdir -p "$dir"
chmod 0700 "$dir"
for name in "${SECRETS[@]}"; do
  [ -s "$dir/$name" ] || write "$name"
done
for name in "${rotate[@]}"; do
  write "$name"
  case "$name" in
    mongo_app_password) write mongodb_uri ;;
    redis_password) write redis_url ;;
  esac
done
