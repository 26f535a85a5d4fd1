#!/bin/bash
# One-shot, every start, after the broker is up: what Kafka must hold before the applications
# connect. Applies it again on every run, so it is also how the passwords rotate.
#   - BLAU's topics (the names in liberty-config's *-messaging.xml), with the broker's defaults;
#   - one SCRAM-SHA-512 user per application, its password set to the one given here;
#   - ACLs: each user may use its own topics and consumer groups, nothing else.
#       auth-app: write blau.user-events
#       chat-app: read and write blau.chat-events and blau.chat-signals, read blau.user-events,
#                 read (join, commit) the consumer groups blau-chat-*
# Runs in the apache/kafka image, in the kafka container's network namespace (compose:
# network_mode service:kafka), and speaks to the broker's internal listener: PLAINTEXT, bound to
# the container's loopback, whose anonymous principal is the broker's only super user.
set -euo pipefail
# A secret comes from the file its *_FILE variable names (Docker secrets, a mounted Kubernetes
# Secret) or, where the variable itself is set, from the environment.
file_env() {
  local name=$1 file_var="${1}_FILE"
  if [ -n "${!file_var:-}" ]; then
    if [ ! -r "${!file_var}" ]; then
      echo "$(basename "$0"): ${file_var}=${!file_var} cannot be read" >&2
      exit 1
    fi
    printf -v "$name" '%s' "$(cat "${!file_var}")"
    export "${name?}"
  fi
}
file_env KAFKA_AUTH_APP_PASSWORD
file_env KAFKA_CHAT_APP_PASSWORD
: "${PUBLIC_URL:?}"
: "${KAFKA_AUTH_APP_USERNAME:?}" "${KAFKA_AUTH_APP_PASSWORD:?}"
: "${KAFKA_CHAT_APP_USERNAME:?}" "${KAFKA_CHAT_APP_PASSWORD:?}"
bootstrap=${KAFKA_INTERNAL_BOOTSTRAP:-127.0.0.1:9094}
bin=${KAFKA_BIN:-/opt/kafka/bin}

# The local-development passwords (the Kubernetes dev overlay's) are public: a site anyone else can
# reach must not keep them. Allowed only for a local PUBLIC_URL (localhost, *.localhost,
# 127.0.0.1), or when BLAU_ALLOW_LOCAL_DEV_SECRETS=true says so on purpose.
case "$PUBLIC_URL" in
  http://localhost|http://localhost[:/]*|https://localhost|https://localhost[:/]*|\
  http://127.0.0.1|http://127.0.0.1[:/]*|https://127.0.0.1|https://127.0.0.1[:/]*|\
  http://*.localhost|http://*.localhost[:/]*|https://*.localhost|https://*.localhost[:/]*) local_site=true ;;
  *) local_site=${BLAU_ALLOW_LOCAL_DEV_SECRETS:-false} ;;
esac
for pair in "$KAFKA_AUTH_APP_USERNAME:$KAFKA_AUTH_APP_PASSWORD" \
            "$KAFKA_CHAT_APP_USERNAME:$KAFKA_CHAT_APP_PASSWORD"; do
  name="${pair%%:*}"
  password="${pair#*:}"
  # both end up in a JAAS configuration line and a SCRAM credential: no quotes, commas, brackets
  if ! [[ $name =~ ^[A-Za-z0-9._-]+$ ]] || ! [[ $password =~ ^[A-Za-z0-9._~-]{16,}$ ]]; then
    echo "configure-kafka: user $name: names take letters, digits and . _ -; passwords at least 16 of letters, digits and . _ ~ - (openssl rand -hex 32)" >&2
    exit 1
  fi
  case "$password" in
    *local-dev*)
      if [ "$local_site" != true ]; then
        echo "configure-kafka: refusing the local-development password of $name for $PUBLIC_URL: set a real one" >&2
        exit 1
      fi
      echo "configure-kafka: WARNING: $name keeps a local-development password (local site $PUBLIC_URL)" >&2 ;;
  esac
done
if [ "$KAFKA_AUTH_APP_USERNAME" = "$KAFKA_CHAT_APP_USERNAME" ]; then
  echo "configure-kafka: auth-app and chat-app need users of their own" >&2
  exit 1
fi

# the passwords go to kafka-configs in a file readable by this user only, never on a command line
credentials=$(mktemp)
trap 'rm -f "$credentials"' EXIT
chmod 600 "$credentials"

for _ in $(seq 1 30); do
  "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$bootstrap" >/dev/null 2>&1 && break
  sleep 2
done

for topic in blau.user-events blau.chat-events blau.chat-signals; do
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic"
done
echo "configure-kafka: topics blau.user-events, blau.chat-events, blau.chat-signals exist"

for pair in "$KAFKA_AUTH_APP_USERNAME:$KAFKA_AUTH_APP_PASSWORD" \
            "$KAFKA_CHAT_APP_USERNAME:$KAFKA_CHAT_APP_PASSWORD"; do
  printf 'SCRAM-SHA-512=password=%s\n' "${pair#*:}" > "$credentials"
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --alter \
      --entity-type users --entity-name "${pair%%:*}" --add-config-file "$credentials"
  echo "configure-kafka: SCRAM-SHA-512 password of ${pair%%:*} set"
done
: > "$credentials"

acl() {
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --add "$@" >/dev/null
}
auth="User:$KAFKA_AUTH_APP_USERNAME"
chat="User:$KAFKA_CHAT_APP_USERNAME"
# Write includes Describe, and lets an idempotent producer get its producer id
acl --allow-principal "$auth" --operation Write --topic blau.user-events
acl --allow-principal "$chat" --operation Write --operation Read --topic blau.chat-events --topic blau.chat-signals
acl --allow-principal "$chat" --operation Read --topic blau.user-events
# one group per chat server and channel (blau-chat-fanout-<instance>, ...), blau-chat-user-directory, blau-chat-search and blau-chat-webhooks
acl --allow-principal "$chat" --operation Read --resource-pattern-type prefixed --group blau-chat-
echo "configure-kafka: ACLs of $KAFKA_AUTH_APP_USERNAME (auth-app) and $KAFKA_CHAT_APP_USERNAME (chat-app) in place"
