#!/bin/bash
# Entry point of the BLAU Liberty images. Every chat server reads every chat event in a Kafka
# consumer group of its own, named after CHAT_INSTANCE_ID, so the name must be unique per
# replica. Kubernetes sets it to the pod name (downward API); under compose it is left empty
# and each replica takes its container hostname (the container id), which is unique.
set -euo pipefail
if [ -z "${CHAT_INSTANCE_ID:-}" ]; then
  CHAT_INSTANCE_ID="$(hostname)"
fi
export CHAT_INSTANCE_ID
exec /opt/ol/helpers/runtime/docker-server.sh "$@"
