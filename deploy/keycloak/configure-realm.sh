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

# Optional second factor (TOTP). The realm file binds two flows: "blau browser" asks for the code
# of users who set up an authenticator app, and of holders of the realm role mfa-required (and
# makes them enrol first); "blau direct grant" refuses those accounts the password grant after a
# right password (auth-app answers mfa-required and the client continues with single sign-on).
# An older realm gets the same flows here. BLAU_MFA_REQUIRED_ROLES (comma-separated, e.g.
# "admin") makes those roles composites of mfa-required: everyone holding them must use a code.
realm_flow_exists() {
  "$kcadm" get authentication/flows -r "$KEYCLOAK_REALM" --fields alias --format csv --noquotes | grep -qx "$1"
}
flow_path() { printf 'authentication/flows/%s/executions' "$(printf '%s' "$1" | sed 's/ /%20/g')"; }
# adds an authenticator (or, with "flow:<alias>", a sub-flow) to a flow and sets its requirement
add_step() {
  local flow="$1" step="$2" requirement="$3" id
  if [[ "$step" == flow:* ]]; then
    "$kcadm" create "$(flow_path "$flow")/flow" -r "$KEYCLOAK_REALM" -s "alias=${step#flow:}" -s type=basic-flow >/dev/null
  else
    "$kcadm" create "$(flow_path "$flow")/execution" -r "$KEYCLOAK_REALM" -s "provider=$step" >/dev/null
  fi
  # the step just added is the last one at the top of this flow
  id=$("$kcadm" get "$(flow_path "$flow")" -r "$KEYCLOAK_REALM" --fields id,level --format csv --noquotes \
      | grep ',0$' | tail -n 1 | cut -d, -f1)
  "$kcadm" update "$(flow_path "$flow")" -r "$KEYCLOAK_REALM" -b "{\"id\":\"$id\",\"requirement\":\"$requirement\"}"
  printf '%s' "$id"
}
role_condition() { # $1 execution id, $2 alias of its configuration, $3 negate
  "$kcadm" create "authentication/executions/$1/config" -r "$KEYCLOAK_REALM" -s "alias=$2" \
      -s config.condUserRole=mfa-required -s "config.negate=$3" >/dev/null
}
if ! "$kcadm" get roles/mfa-required -r "$KEYCLOAK_REALM" >/dev/null 2>&1; then
  "$kcadm" create roles -r "$KEYCLOAK_REALM" -s name=mfa-required \
      -s 'description=Must sign in with a second factor (TOTP from an authenticator app)'
fi
if ! realm_flow_exists "blau browser"; then
  "$kcadm" create authentication/flows -r "$KEYCLOAK_REALM" -s "alias=blau browser" -s providerId=basic-flow -s topLevel=true -s builtIn=false
  add_step "blau browser" auth-cookie ALTERNATIVE >/dev/null
  add_step "blau browser" identity-provider-redirector ALTERNATIVE >/dev/null
  add_step "blau browser" "flow:blau browser - forms" ALTERNATIVE >/dev/null
  add_step "blau browser - forms" auth-username-password-form REQUIRED >/dev/null
  add_step "blau browser - forms" "flow:blau browser - second factor required by role" CONDITIONAL >/dev/null
  role_condition "$(add_step "blau browser - second factor required by role" conditional-user-role REQUIRED)" "browser - holds mfa-required" false
  add_step "blau browser - second factor required by role" auth-otp-form REQUIRED >/dev/null
  add_step "blau browser - forms" "flow:blau browser - second factor configured" CONDITIONAL >/dev/null
  add_step "blau browser - second factor configured" conditional-user-configured REQUIRED >/dev/null
  role_condition "$(add_step "blau browser - second factor configured" conditional-user-role REQUIRED)" "browser - does not hold mfa-required" true
  add_step "blau browser - second factor configured" auth-otp-form REQUIRED >/dev/null
fi
if ! realm_flow_exists "blau direct grant"; then
  "$kcadm" create authentication/flows -r "$KEYCLOAK_REALM" -s "alias=blau direct grant" -s providerId=basic-flow -s topLevel=true -s builtIn=false
  add_step "blau direct grant" direct-grant-validate-username REQUIRED >/dev/null
  add_step "blau direct grant" direct-grant-validate-password REQUIRED >/dev/null
  add_step "blau direct grant" "flow:blau direct grant - second factor configured" CONDITIONAL >/dev/null
  add_step "blau direct grant - second factor configured" conditional-user-configured REQUIRED >/dev/null
  # only for the condition above to see whether the user has an OTP credential; never reached
  add_step "blau direct grant - second factor configured" direct-grant-validate-otp ALTERNATIVE >/dev/null
  add_step "blau direct grant - second factor configured" "flow:blau direct grant - refuse second factor" REQUIRED >/dev/null
  add_step "blau direct grant - refuse second factor" deny-access-authenticator REQUIRED >/dev/null
  add_step "blau direct grant" "flow:blau direct grant - second factor required by role" CONDITIONAL >/dev/null
  role_condition "$(add_step "blau direct grant - second factor required by role" conditional-user-role REQUIRED)" "direct grant - holds mfa-required" false
  add_step "blau direct grant - second factor required by role" deny-access-authenticator REQUIRED >/dev/null
fi
"$kcadm" update "realms/$KEYCLOAK_REALM" -s "browserFlow=blau browser" -s "directGrantFlow=blau direct grant"
IFS=',' read -r -a mfa_roles <<< "${BLAU_MFA_REQUIRED_ROLES:-}"
for role in "${mfa_roles[@]}"; do
  role=$(printf '%s' "$role" | tr -d ' ')
  [ -n "$role" ] || continue
  "$kcadm" add-roles -r "$KEYCLOAK_REALM" --rname "$role" --rolename mfa-required
  echo "configure-realm: holders of $role sign in with a second factor"
done
echo "configure-realm: second factor flows bound (blau browser, blau direct grant)"
