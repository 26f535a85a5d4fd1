#!/bin/bash
# One-shot, after Keycloak imported keycloak/blau-realm.json (import skips an existing realm):
# applies what differs per deployment, every time it runs, so it is also how secrets rotate.
#   - the confidential clients' secrets (the realm file carries public local-development ones);
#   - the web client's redirect URI, web origin and post-logout redirect for PUBLIC_URL;
#   - where Keycloak posts back-channel logouts (CHAT_BACKCHANNEL_LOGOUT_URL: any chat server,
#     which passes the session end on to all of them).
# Runs in the Keycloak image (kcadm.sh) against Keycloak's internal URL. The admin password and
# the client secrets come from files (*_FILE: Docker secrets, a mounted Secret) or the environment.
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
file_env KC_BOOTSTRAP_ADMIN_PASSWORD
file_env KEYCLOAK_AUTH_APP_CLIENT_SECRET
file_env KEYCLOAK_CHAT_APP_CLIENT_SECRET
: "${KEYCLOAK_URL:?}" "${KEYCLOAK_REALM:?}" "${PUBLIC_URL:?}"
: "${KC_BOOTSTRAP_ADMIN_USERNAME:?}" "${KC_BOOTSTRAP_ADMIN_PASSWORD:?}"
: "${KEYCLOAK_AUTH_APP_CLIENT_ID:?}" "${KEYCLOAK_AUTH_APP_CLIENT_SECRET:?}"
: "${KEYCLOAK_CHAT_APP_CLIENT_ID:?}" "${KEYCLOAK_CHAT_APP_CLIENT_SECRET:?}"
kcadm=${KCADM:-/opt/keycloak/bin/kcadm.sh}

# The realm file's client secrets are public local-development values: a site anyone else can
# reach must not keep them. Allowed only for a local PUBLIC_URL (localhost, *.localhost,
# 127.0.0.1), or when BLAU_ALLOW_LOCAL_DEV_SECRETS=true says so on purpose.
case "$PUBLIC_URL" in
  http://localhost|http://localhost[:/]*|https://localhost|https://localhost[:/]*|\
  http://127.0.0.1|http://127.0.0.1[:/]*|https://127.0.0.1|https://127.0.0.1[:/]*|\
  http://*.localhost|http://*.localhost[:/]*|https://*.localhost|https://*.localhost[:/]*) local_site=true ;;
  *) local_site=${BLAU_ALLOW_LOCAL_DEV_SECRETS:-false} ;;
esac
for pair in "$KEYCLOAK_AUTH_APP_CLIENT_ID:$KEYCLOAK_AUTH_APP_CLIENT_SECRET" \
            "$KEYCLOAK_CHAT_APP_CLIENT_ID:$KEYCLOAK_CHAT_APP_CLIENT_SECRET"; do
  case "${pair#*:}" in
    *local-dev*)
      if [ "$local_site" != true ]; then
        echo "configure-realm: refusing the local-development secret of ${pair%%:*} for $PUBLIC_URL: set a real one" >&2
        exit 1
      fi
      echo "configure-realm: WARNING: ${pair%%:*} keeps a local-development secret (local site $PUBLIC_URL)" >&2 ;;
  esac
done
export HOME=/tmp   # kcadm keeps its session in ~/.keycloak

for _ in $(seq 1 60); do
  "$kcadm" config credentials --server "$KEYCLOAK_URL" --realm master \
      --user "$KC_BOOTSTRAP_ADMIN_USERNAME" --password "$KC_BOOTSTRAP_ADMIN_PASSWORD" >/dev/null 2>&1 && break
  sleep 3
done
"$kcadm" config credentials --server "$KEYCLOAK_URL" --realm master \
    --user "$KC_BOOTSTRAP_ADMIN_USERNAME" --password "$KC_BOOTSTRAP_ADMIN_PASSWORD"

client_id() {
  local id
  id=$("$kcadm" get clients -r "$KEYCLOAK_REALM" -q "clientId=$1" --fields id --format csv --noquotes)
  if [ -z "$id" ]; then
    echo "configure-realm: client $1 not found in realm $KEYCLOAK_REALM" >&2
    exit 1
  fi
  printf '%s' "$id"
}

for pair in "$KEYCLOAK_AUTH_APP_CLIENT_ID:$KEYCLOAK_AUTH_APP_CLIENT_SECRET" \
            "$KEYCLOAK_CHAT_APP_CLIENT_ID:$KEYCLOAK_CHAT_APP_CLIENT_SECRET"; do
  name="${pair%%:*}"
  secret="${pair#*:}"
  "$kcadm" update "clients/$(client_id "$name")" -r "$KEYCLOAK_REALM" -s "secret=$secret"
  echo "configure-realm: secret of $name set"
done

web=$(client_id "${KEYCLOAK_WEB_CLIENT_ID:-blau-web}")
"$kcadm" update "clients/$web" -r "$KEYCLOAK_REALM" \
    -s "redirectUris=[\"${PUBLIC_URL}/auth/callback\"]" \
    -s "webOrigins=[\"${PUBLIC_URL}\"]" \
    -s "attributes.\"post.logout.redirect.uris\"=${PUBLIC_URL}/"
echo "configure-realm: blau-web redirects to ${PUBLIC_URL}"

# sessions opened by the web client or through auth-app end on the chat servers too, pushed, never polled
logout_url="${CHAT_BACKCHANNEL_LOGOUT_URL:-http://chat-app:9080/api/v1/chat/oidc/backchannel-logout}"
for name in "${KEYCLOAK_WEB_CLIENT_ID:-blau-web}" "$KEYCLOAK_AUTH_APP_CLIENT_ID"; do
  "$kcadm" update "clients/$(client_id "$name")" -r "$KEYCLOAK_REALM" \
      -s "attributes.\"backchannel.logout.url\"=${logout_url}" \
      -s "attributes.\"backchannel.logout.session.required\"=true"
  echo "configure-realm: $name posts back-channel logouts to ${logout_url}"
done

# Least privilege for auth-app's service account. Realms imported before it held realm-management's
# manage-users, with which a stolen client secret could make anyone a BLAU admin. The realm file now
# gives it view-users, and fine-grained admin permissions (v2) to manage users and to map only the
# moderator role. The import skips an existing realm, so an older realm is brought to the same
# state here; on a realm imported from the current file every step finds its work done.
auth_sa="service-account-${KEYCLOAK_AUTH_APP_CLIENT_ID}"
"$kcadm" update "realms/$KEYCLOAK_REALM" -s adminPermissionsEnabled=true
permissions="clients/$(client_id admin-permissions)/authz/resource-server"
policy_id() { # the id of the policy or permission with this exact name, empty when there is none
  "$kcadm" get "$permissions/policy/search" -r "$KEYCLOAK_REALM" -q "name=$1" 2>/dev/null \
      | sed -n 's/^ *"id" *: *"\([^"]*\)".*/\1/p' | head -n 1
}
who="blau-auth-app service account"
if [ -z "$(policy_id "$who")" ]; then
  "$kcadm" create "$permissions/policy/client" -r "$KEYCLOAK_REALM" -s "name=$who" \
      -s "clients=[\"$(client_id "$KEYCLOAK_AUTH_APP_CLIENT_ID")\"]" -s logic=POSITIVE
fi
who_id=$(policy_id "$who")
if [ -z "$(policy_id "blau-auth-app manages user accounts")" ]; then
  "$kcadm" create "$permissions/permission/scope" -r "$KEYCLOAK_REALM" \
      -s "name=blau-auth-app manages user accounts" -s resourceType=Users \
      -s 'scopes=["manage","map-roles"]' -s "policies=[\"$who_id\"]"
fi
if [ -z "$(policy_id "blau-auth-app grants moderator")" ]; then
  moderator_id=$("$kcadm" get roles/moderator -r "$KEYCLOAK_REALM" --fields id --format csv --noquotes)
  "$kcadm" create "$permissions/permission/scope" -r "$KEYCLOAK_REALM" \
      -s "name=blau-auth-app grants moderator" -s resourceType=Roles \
      -s "resources=[\"$moderator_id\"]" -s 'scopes=["map-role"]' -s "policies=[\"$who_id\"]"
fi
"$kcadm" add-roles -r "$KEYCLOAK_REALM" --uusername "$auth_sa" --cclientid realm-management --rolename view-users
"$kcadm" remove-roles -r "$KEYCLOAK_REALM" --uusername "$auth_sa" --cclientid realm-management --rolename manage-users
echo "configure-realm: $auth_sa manages users through fine-grained permissions (no manage-users; maps moderator only)"
