#!/usr/bin/env bash
# Verifies the imported BLAU realm (keycloak/blau-realm.json) against a running Keycloak.
#
#   usage: keycloak/verify-realm.sh [KEYCLOAK_URL]        (default http://localhost:18080, the local stack)
#
# Optional environment:
#   BLAU_AUTH_APP_SECRET  secret of client blau-auth-app (default: the local-dev secret)
#   BLAU_CHAT_APP_SECRET  secret of client blau-chat-app (default: the local-dev secret)
#   EXPECTED_ISS          expected "iss" claim (default: $KEYCLOAK_URL/realms/blau)
#   KC_LOG                path of the Keycloak server log; if set, the import is checked in it
#   SKIP_LOCKOUT=1        skip the brute-force test (it locks a throw-away user for 60 s)
#
# Needs curl, jq, openssl, base64. Only uses the realm's own clients (no Keycloak admin login):
# everything on the admin REST API is done with blau-auth-app's service account, exactly as
# auth-app will do it. All users it creates are random throw-away users and are deleted at exit.
set -uo pipefail

KC="${1:-http://localhost:18080}"
KC="${KC%/}"
REALM=blau
SECRET="${BLAU_AUTH_APP_SECRET:-blau-auth-app-local-dev-secret}"
CHAT_SECRET="${BLAU_CHAT_APP_SECRET:-blau-chat-app-local-dev-secret}"
EXPECTED_ISS="${EXPECTED_ISS:-$KC/realms/$REALM}"
TOKEN_EP="$KC/realms/$REALM/protocol/openid-connect/token"
AUTH_EP="$KC/realms/$REALM/protocol/openid-connect/auth"
LOGOUT_EP="$KC/realms/$REALM/protocol/openid-connect/logout"
ADMIN="$KC/admin/realms/$REALM"

for bin in curl jq openssl base64; do
  command -v "$bin" >/dev/null || { echo "missing dependency: $bin" >&2; exit 2; }
done

PASS=0; FAIL=0; FAILED=()
TMP="$(mktemp -d)"
CREATED_IDS=()
SUFFIX="$(date +%s)$RANDOM"

ok()   { PASS=$((PASS+1)); printf '  [PASS] %s\n' "$1"; }
bad()  { FAIL=$((FAIL+1)); FAILED+=("$1"); printf '  [FAIL] %s\n' "$1"; }
check() { local desc="$1"; shift; if "$@"; then ok "$desc"; else bad "$desc"; fi; }
section() { printf '\n== %s\n' "$1"; }
body()  { printf '       body: %s\n' "$(tr -d '\n' < "$1" | cut -c1-400)"; }

# decode the payload of a JWT
jwt_payload() {
  local p; p="$(printf '%s' "$1" | cut -d. -f2 | tr '_-' '/+')"
  while [ $(( ${#p} % 4 )) -ne 0 ]; do p="$p="; done
  printf '%s' "$p" | base64 -d 2>/dev/null
}

# jq -e with output discarded (so check's own output is not swallowed by a redirect)
jqe() { jq -e "$@" >/dev/null; }

# curl wrapper: http_code on stdout, body in file $1
req() { local out="$1"; shift; curl -s -o "$out" -w '%{http_code}' "$@"; }

SAT=""
sa_token() {
  SAT="$(curl -s "$TOKEN_EP" -d grant_type=client_credentials -d client_id=blau-auth-app \
          --data-urlencode "client_secret=$SECRET" | jq -r '.access_token // empty')"
}

cleanup() {
  if [ ${#CREATED_IDS[@]} -gt 0 ]; then
    sa_token
    for id in "${CREATED_IDS[@]}"; do
      code="$(req /dev/null -X DELETE -H "Authorization: Bearer $SAT" "$ADMIN/users/$id")"
      printf '  cleanup: DELETE user %s -> %s\n' "$id" "$code"
    done
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

# create user via admin API with service-account token; sets CODE, NEW_ID; body in $TMP/create.json
create_user() { # username email password
  local payload
  payload="$(jq -n --arg u "$1" --arg e "$2" --arg p "$3" \
    '{username:$u, email:$e, enabled:true, emailVerified:true,
      credentials:[{type:"password", value:$p, temporary:false}]}')"
  CODE="$(curl -s -D "$TMP/create.hdr" -o "$TMP/create.json" -w '%{http_code}' \
      -H "Authorization: Bearer $SAT" -H 'Content-Type: application/json' \
      -d "$payload" "$ADMIN/users")"
  NEW_ID="$(grep -i '^location:' "$TMP/create.hdr" | tr -d '\r' | sed 's#.*/##')"
  if [ "$CODE" = 201 ] && [ -n "$NEW_ID" ]; then CREATED_IDS+=("$NEW_ID"); fi
}

password_grant() { # client_id secret(or "") username password -> body in $TMP/pg.json, code in PG_CODE
  local args=(-d grant_type=password -d "client_id=$1" --data-urlencode "username=$3" --data-urlencode "password=$4")
  [ -n "$2" ] && args+=(--data-urlencode "client_secret=$2")
  PG_CODE="$(req "$TMP/pg.json" "$TOKEN_EP" "${args[@]}")"
}

refresh() { # refresh_token -> body in $TMP/rf.json, code in RF_CODE
  RF_CODE="$(req "$TMP/rf.json" "$TOKEN_EP" -d grant_type=refresh_token -d client_id=blau-auth-app \
              --data-urlencode "client_secret=$SECRET" --data-urlencode "refresh_token=$1")"
}

echo "Verifying realm '$REALM' at $KC (expected iss: $EXPECTED_ISS)"

# ---------------------------------------------------------------------------------------------
section "0. realm is up"
if [ -n "${KC_LOG:-}" ]; then
  check "log: Realm '$REALM' imported" grep -q "Realm '$REALM' imported" "$KC_LOG"
  check "log: no ERROR lines" bash -c "! grep -q ' ERROR ' '$KC_LOG'"
  grep ' ERROR ' "$KC_LOG" | head -5
fi
code="$(req "$TMP/disc.json" "$KC/realms/$REALM/.well-known/openid-configuration")"
check "discovery document (HTTP $code)" [ "$code" = 200 ]
check "discovery issuer = $EXPECTED_ISS" [ "$(jq -r .issuer "$TMP/disc.json")" = "$EXPECTED_ISS" ]

# ---------------------------------------------------------------------------------------------
section "1. blau-auth-app service account (client_credentials)"
sa_token
check "client_credentials grant returns an access token" [ -n "$SAT" ]
SAP="$(jwt_payload "$SAT")"
check "service-account token: azp=blau-auth-app" [ "$(jq -r .azp <<<"$SAP")" = blau-auth-app ]
check "service-account token: aud contains blau" jqe '(.aud|if type=="array" then . else [.] end)|index("blau")' <<<"$SAP"
check "service-account token: realm-management roles view-users, query-users" \
  jqe '.resource_access["realm-management"].roles as $r | ["view-users","query-users"] | all(. as $x | $r | index($x))' <<<"$SAP"
# changing users comes from the realm's fine-grained admin permissions (v2), which cannot map admin;
# manage-users would let a stolen service-account secret make anyone a BLAU admin
check "service-account token: no manage-users (only view-users and the query-* roles it includes)" \
  jqe '.resource_access["realm-management"].roles | all(. == "view-users" or startswith("query-"))' <<<"$SAP"
check "service-account token: no BLAU app roles (no 'user' in groups)" jqe '((.groups // [])|index("user")) == null' <<<"$SAP"

# ---------------------------------------------------------------------------------------------
section "2. user creation through the admin REST API + password policy"
U1="verify-a-$SUFFIX"; E1="$U1@example.test"; P1="Correct-Horse-$SUFFIX"
U2="verify-b-$SUFFIX"; E2="$U2@example.test"; P2="Battery-Staple-$SUFFIX"

create_user "pol-$SUFFIX" "pol-$SUFFIX@example.test" "short"
check "password 'short' rejected with 400 (HTTP $CODE)" [ "$CODE" = 400 ]
check "  error mentions the policy (invalidPasswordMinLength)" grep -qi 'invalidPassword' "$TMP/create.json"
body "$TMP/create.json"; cp "$TMP/create.json" "$TMP/err_policy_length.json"

create_user "pol2-$SUFFIX" "pol2-$SUFFIX@example.test" "pol2-$SUFFIX"
check "password = username rejected with 400 (HTTP $CODE)" [ "$CODE" = 400 ]
body "$TMP/create.json"

create_user "pol3-$SUFFIX" "pol3-$SUFFIX@example.test" "pol3-$SUFFIX@example.test"
check "password = email rejected with 400 (HTTP $CODE)" [ "$CODE" = 400 ]
body "$TMP/create.json"

create_user "pol4-$SUFFIX" "pol4-$SUFFIX@example.test" "longenoughpassword"
check "humane policy: 8+ lowercase letters only accepted (HTTP $CODE)" [ "$CODE" = 201 ]

create_user "$U1" "$E1" "$P1"; ID1="$NEW_ID"
check "create user $U1 -> 201 (HTTP $CODE)" [ "$CODE" = 201 ]
create_user "$U2" "$E2" "$P2"; ID2="$NEW_ID"
check "create user $U2 -> 201 (HTTP $CODE)" [ "$CODE" = 201 ]

create_user "$U1" "other-$SUFFIX@example.test" "$P1"
check "duplicate username -> 409 (HTTP $CODE)" [ "$CODE" = 409 ]
body "$TMP/create.json"; cp "$TMP/create.json" "$TMP/err_dup_username.json"
create_user "other-$SUFFIX" "$E1" "$P1"
check "duplicate email -> 409 (HTTP $CODE)" [ "$CODE" = 409 ]
body "$TMP/create.json"; cp "$TMP/create.json" "$TMP/err_dup_email.json"

code="$(req "$TMP/find.json" -H "Authorization: Bearer $SAT" "$ADMIN/users?username=$U1&exact=true")"
check "find user by exact username (query-users) -> 200 with 1 hit" \
  bash -c "[ '$code' = 200 ] && [ \"\$(jq length '$TMP/find.json')\" = 1 ]"
code="$(req "$TMP/find.json" -H "Authorization: Bearer $SAT" "$ADMIN/users?email=$E1&exact=true")"
check "find user by exact email -> 200 with 1 hit" \
  bash -c "[ '$code' = 200 ] && [ \"\$(jq length '$TMP/find.json')\" = 1 ]"
check "new user has default role 'user' (role-mappings/realm/composite)" \
  bash -c "curl -s -H 'Authorization: Bearer $SAT' '$ADMIN/users/$ID1/role-mappings/realm/composite' | jq -e 'map(.name)|index(\"user\")' >/dev/null"

# ---------------------------------------------------------------------------------------------
section "3. password grant (blau-auth-app) and token contents"
password_grant blau-auth-app "$SECRET" "$U1" "$P1"
check "password grant for $U1 -> 200 (HTTP $PG_CODE)" [ "$PG_CODE" = 200 ]
[ "$PG_CODE" = 200 ] || body "$TMP/pg.json"
AT="$(jq -r '.access_token // empty' "$TMP/pg.json")"
RT1="$(jq -r '.refresh_token // empty' "$TMP/pg.json")"
P="$(jwt_payload "$AT")"
echo "       access token payload: $(jq -c '{iss,aud,sub,azp,groups,upn,preferred_username,email,exp,iat}' <<<"$P" 2>/dev/null)"
check "iss = $EXPECTED_ISS" [ "$(jq -r .iss <<<"$P")" = "$EXPECTED_ISS" ]
check "aud contains blau" jqe '(.aud|if type=="array" then . else [.] end)|index("blau")' <<<"$P"
check "groups contains user" jqe '.groups|index("user")' <<<"$P"
check "upn = $U1" [ "$(jq -r .upn <<<"$P")" = "$U1" ]
check "preferred_username = $U1" [ "$(jq -r .preferred_username <<<"$P")" = "$U1" ]
check "email = $E1" [ "$(jq -r .email <<<"$P")" = "$E1" ]
check "sub = user id" [ "$(jq -r .sub <<<"$P")" = "$ID1" ]
check "exp - iat = 300" [ "$(jq -r '.exp - .iat' <<<"$P")" = 300 ]
check "refresh token issued" [ -n "$RT1" ]
# an offline token would outlive sign-out and session revocation: no client may issue one
code="$(req "$TMP/off.json" "$TOKEN_EP" -d grant_type=password -d client_id=blau-auth-app \
         --data-urlencode "client_secret=$SECRET" --data-urlencode "username=$U1" --data-urlencode "password=$P1" \
         --data-urlencode "scope=openid offline_access")"
OFFLINE_TYP="$(jwt_payload "$(jq -r '.refresh_token // empty' "$TMP/off.json")" | jq -r '.typ // empty' 2>/dev/null)"
check "scope=offline_access gives no offline token (HTTP $code, refresh token typ '${OFFLINE_TYP:-none}')" \
  [ "$OFFLINE_TYP" != Offline ]

password_grant blau-auth-app "$SECRET" "$E1" "$P1"
check "login with email instead of username works (HTTP $PG_CODE)" [ "$PG_CODE" = 200 ]

password_grant blau-web "" "$U1" "$P1"
check "password grant with public client blau-web refused: 400 unauthorized_client (HTTP $PG_CODE)" \
  bash -c "[ '$PG_CODE' = 400 ] && jq -e '.error==\"unauthorized_client\"' '$TMP/pg.json' >/dev/null"
body "$TMP/pg.json"

password_grant blau-auth-app "wrong-secret" "$U1" "$P1"
check "password grant with wrong client secret refused: 401 unauthorized_client (HTTP $PG_CODE)" [ "$PG_CODE" = 401 ]
body "$TMP/pg.json"

# role mapping by the service account (auth-app promoting a moderator)
# (the service account has no view-realm, so GET /roles/moderator is 403; use the user's "available" roles)
MOD="$(curl -s -H "Authorization: Bearer $SAT" "$ADMIN/users/$ID1/role-mappings/realm/available" | jq -c '[.[] | select(.name=="moderator")]')"
code="$(req "$TMP/rm.json" -X POST -H "Authorization: Bearer $SAT" -H 'Content-Type: application/json' \
         -d "$MOD" "$ADMIN/users/$ID1/role-mappings/realm")"
check "service account can grant realm role 'moderator' (HTTP $code)" [ "$code" = 204 ]
password_grant blau-auth-app "$SECRET" "$U1" "$P1"
P="$(jwt_payload "$(jq -r '.access_token // empty' "$TMP/pg.json")")"
check "new token: groups contains user+moderator ($(jq -c .groups <<<"$P"))" jqe '(.groups|index("moderator")) and (.groups|index("user"))' <<<"$P"

# least privilege: the same service account may not make anyone an admin, nor a Keycloak administrator.
# The role ids: admin's is fixed in the realm file; a realm-management role's is read from the service
# account's own role mappings (it may view users, itself included).
code="$(req "$TMP/rm.json" -X POST -H "Authorization: Bearer $SAT" -H 'Content-Type: application/json' \
         -d '[{"name":"admin","id":"9c4e2f71-3a85-4d0b-b6e2-1f7a8d9c0b62"}]' "$ADMIN/users/$ID1/role-mappings/realm")"
if [ "$code" = 404 ]; then # a realm imported before the file fixed admin's id: the next check still decides
  echo "       (info) admin's role id differs from the realm file's (an older import): mapping attempt not made"
else
  check "service account can NOT grant realm role 'admin': 403 (HTTP $code)" [ "$code" = 403 ]
fi
# the same permission decides which roles the admin API offers the caller for a user
OFFERED="$(curl -s -H "Authorization: Bearer $SAT" "$ADMIN/users/$ID2/role-mappings/realm/available" | jq -c 'map(.name)')"
check "service account is offered exactly 'moderator' to map ($OFFERED)" [ "$OFFERED" = '["moderator"]' ]
SA_ID="$(jq -r .sub <<<"$SAP")"
curl -s -H "Authorization: Bearer $SAT" "$ADMIN/users/$SA_ID/role-mappings" > "$TMP/sarm.json"
RM_CLIENT="$(jq -r '.clientMappings["realm-management"].id // empty' "$TMP/sarm.json")"
RM_ROLE="$(jq -c '[.clientMappings["realm-management"].mappings[] | select(.name=="view-users") | {id, name}]' "$TMP/sarm.json")"
code="$(req "$TMP/rm.json" -X POST -H "Authorization: Bearer $SAT" -H 'Content-Type: application/json' \
         -d "$RM_ROLE" "$ADMIN/users/$ID1/role-mappings/clients/$RM_CLIENT")"
check "service account can NOT grant a Keycloak admin role (realm-management view-users): 403 (HTTP $code)" \
  bash -c "[ -n '$RM_CLIENT' ] && [ '$code' = 403 ]"
code="$(req "$TMP/imp.json" -X POST -H "Authorization: Bearer $SAT" "$ADMIN/users/$ID1/impersonation")"
check "service account can NOT impersonate a user: 403 (HTTP $code)" [ "$code" = 403 ]

# ---------------------------------------------------------------------------------------------
section "4. refresh token rotation and logout"
refresh "$RT1"
check "refresh #1 with RT1 -> 200 (HTTP $RF_CODE)" [ "$RF_CODE" = 200 ]
RT2="$(jq -r '.refresh_token // empty' "$TMP/rf.json")"
check "  new refresh token issued (rotated)" bash -c "[ -n '$RT2' ] && [ '$RT2' != '$RT1' ]"
refresh "$RT1"
check "reuse of RT1 -> 400 invalid_grant (HTTP $RF_CODE)" \
  bash -c "[ '$RF_CODE' = 400 ] && jq -e '.error==\"invalid_grant\"' '$TMP/rf.json' >/dev/null"
body "$TMP/rf.json"; cp "$TMP/rf.json" "$TMP/err_reuse.json"
refresh "$RT2"
echo "       (info) RT2 after the RT1 reuse attempt -> HTTP $RF_CODE $(jq -c '.error_description // "ok"' "$TMP/rf.json")"
LAST_RT="$RT2"; [ "$RF_CODE" = 200 ] && LAST_RT="$(jq -r .refresh_token "$TMP/rf.json")"
# fresh session for the logout test (independent of what the reuse did to the session)
password_grant blau-auth-app "$SECRET" "$U1" "$P1"
RT3="$(jq -r '.refresh_token // empty' "$TMP/pg.json")"
code="$(req "$TMP/lo.json" "$LOGOUT_EP" -d client_id=blau-auth-app --data-urlencode "client_secret=$SECRET" \
         --data-urlencode "refresh_token=$RT3")"
check "logout with refresh token -> 204 (HTTP $code)" [ "$code" = 204 ]
refresh "$RT3"
check "refresh after logout -> 400 invalid_grant (HTTP $RF_CODE)" \
  bash -c "[ '$RF_CODE' = 400 ] && jq -e '.error==\"invalid_grant\"' '$TMP/rf.json' >/dev/null"
body "$TMP/rf.json"

# ---------------------------------------------------------------------------------------------
section "5. blau-web: Authorization Code + PKCE S256 (browser flow, scripted)"
VERIFIER="$(openssl rand -base64 48 | tr -d '=+/\n' | cut -c1-64)"
CHALLENGE="$(printf '%s' "$VERIFIER" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')"
REDIR="http://localhost:5173/auth/callback"
authq() { printf '%s?client_id=blau-web&response_type=%s&scope=openid&state=st&nonce=n&redirect_uri=%s%s' \
          "$AUTH_EP" "$1" "$(jq -rn --arg u "$2" '$u|@uri')" "$3"; }
code="$(req /dev/null "$(authq code "$REDIR/x" "&code_challenge=$CHALLENGE&code_challenge_method=S256")")"
check "non-exact redirect_uri ($REDIR/x) rejected (HTTP $code)" [ "$code" = 400 ]
code="$(req /dev/null "$(authq code "http://localhost:9080/" "&code_challenge=$CHALLENGE&code_challenge_method=S256")")"
check "redirect_uri http://localhost:9080/ (not registered) rejected (HTTP $code)" [ "$code" = 400 ]
loc="$(curl -s -o /dev/null -w '%{redirect_url}' "$(authq code "$REDIR" "")")"
check "auth request without PKCE rejected (error=invalid_request in redirect)" bash -c "[[ '$loc' == *error=invalid_request* ]]"
echo "       redirect: $loc"
loc="$(curl -s -o /dev/null -w '%{redirect_url}' "$(authq code "$REDIR" "&code_challenge=$VERIFIER&code_challenge_method=plain")")"
check "PKCE method 'plain' rejected" bash -c "[[ '$loc' == *error=invalid_request* ]]"
loc="$(curl -s -o /dev/null -w '%{redirect_url}' "$(authq token "$REDIR" "&code_challenge=$CHALLENGE&code_challenge_method=S256")")"
check "implicit flow (response_type=token) rejected" bash -c "[[ '$loc' == *error=unauthorized_client* ]]"
JAR="$TMP/jar"
code="$(curl -s -c "$JAR" -b "$JAR" -o "$TMP/login.html" -w '%{http_code}' "$(authq code "$REDIR" "&code_challenge=$CHALLENGE&code_challenge_method=S256")")"
check "auth request with exact redirect_uri + S256 shows the login page (HTTP $code)" [ "$code" = 200 ]
ACTION="$(grep -o 'action="[^"]*"' "$TMP/login.html" | head -1 | sed 's/^action="//; s/"$//; s/&amp;/\&/g')"
loc="$(curl -s -c "$JAR" -b "$JAR" -o /dev/null -w '%{redirect_url}' --data-urlencode "username=$U2" \
        --data-urlencode "password=$P2" -d credentialId= "$ACTION")"
AUTH_CODE="$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$loc")"
check "login form redirects to $REDIR with a code" bash -c "[[ '$loc' == $REDIR?* ]] && [ -n '$AUTH_CODE' ]"
code="$(req "$TMP/tok.json" "$TOKEN_EP" -d grant_type=authorization_code -d client_id=blau-web \
         --data-urlencode "redirect_uri=$REDIR" --data-urlencode "code=$AUTH_CODE" -d code_verifier=wrong-verifier-wrong-verifier-wrong-verifier-123)"
check "code exchange with wrong code_verifier refused (HTTP $code)" [ "$code" = 400 ]
body "$TMP/tok.json"
# the code is single-use and may have been burnt by the failed attempt -> new login via SSO cookie
loc="$(curl -s -c "$JAR" -b "$JAR" -o /dev/null -w '%{redirect_url}' "$(authq code "$REDIR" "&code_challenge=$CHALLENGE&code_challenge_method=S256")")"
AUTH_CODE="$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$loc")"
code="$(req "$TMP/tok.json" "$TOKEN_EP" -d grant_type=authorization_code -d client_id=blau-web \
         --data-urlencode "redirect_uri=$REDIR" --data-urlencode "code=$AUTH_CODE" --data-urlencode "code_verifier=$VERIFIER")"
check "code exchange with correct code_verifier -> 200 (HTTP $code)" [ "$code" = 200 ]
[ "$code" = 200 ] || body "$TMP/tok.json"
P="$(jwt_payload "$(jq -r '.access_token // empty' "$TMP/tok.json")")"
echo "       blau-web access token: $(jq -c '{iss,aud,azp,groups,upn,preferred_username,exp_minus_iat:(.exp-.iat)}' <<<"$P" 2>/dev/null)"
check "blau-web token: azp=blau-web, aud contains blau, groups contains user, upn, iss" \
  jqe --arg iss "$EXPECTED_ISS" --arg u "$U2" '.azp=="blau-web" and ((.aud|if type=="array" then . else [.] end)|index("blau")) and (.groups|index("user")) and .upn==$u and .iss==$iss and (.exp-.iat)==300' <<<"$P"
acao="$(curl -s -D - -o /dev/null -H 'Origin: http://localhost:5173' "$TOKEN_EP" -d grant_type=refresh_token -d client_id=blau-web \
        --data-urlencode "refresh_token=$(jq -r '.refresh_token // empty' "$TMP/tok.json")" | tr -d '\r' | grep -i '^access-control-allow-origin' )"
check "CORS: token endpoint answers Origin http://localhost:5173 with ACAO ($acao)" bash -c "[[ '$acao' == *http://localhost:5173* ]]"
acao="$(curl -s -D - -o /dev/null -H 'Origin: http://evil.example' "$TOKEN_EP" -d grant_type=refresh_token -d client_id=blau-web \
        --data-urlencode "refresh_token=$(jq -r '.refresh_token // empty' "$TMP/tok.json")" | tr -d '\r' | grep -i '^access-control-allow-origin' )"
check "CORS: no ACAO for a foreign origin" [ -z "$acao" ]

# ---------------------------------------------------------------------------------------------
section "6. disable user through the admin API"
U3="verify-c-$SUFFIX"; P3="Disabled-User-$SUFFIX"
create_user "$U3" "$U3@example.test" "$P3"; ID3="$NEW_ID"
code="$(req "$TMP/put.json" -X PUT -H "Authorization: Bearer $SAT" -H 'Content-Type: application/json' \
         -d '{"enabled":false}' "$ADMIN/users/$ID3")"
check "PUT {enabled:false} -> 204 (HTTP $code)" [ "$code" = 204 ]
[ "$code" = 204 ] || body "$TMP/put.json"
password_grant blau-auth-app "$SECRET" "$U3" "$P3"
check "password grant for disabled user refused (HTTP $PG_CODE)" [ "$PG_CODE" = 400 ]
body "$TMP/pg.json"

# ---------------------------------------------------------------------------------------------
section "6b. blau-chat-app service account: views users and sessions, changes nothing"
code="$(req "$TMP/cat.json" "$TOKEN_EP" -d grant_type=client_credentials -d client_id=blau-chat-app \
         --data-urlencode "client_secret=$CHAT_SECRET")"
check "client_credentials grant for blau-chat-app (HTTP $code)" [ "$code" = 200 ]
CAT="$(jq -r '.access_token // empty' "$TMP/cat.json")"
code="$(req "$TMP/cu.json" -H "Authorization: Bearer $CAT" "$ADMIN/users/$ID3")"
check "  it reads a user: the disabled one shows enabled=false (HTTP $code)" bash -c "[ '$code' = 200 ] && [ \"\$(jq -r .enabled '$TMP/cu.json')\" = false ]"
code="$(req "$TMP/cs.json" -H "Authorization: Bearer $CAT" "$ADMIN/users/$ID3/sessions")"
check "  it reads a user's sessions (HTTP $code)" [ "$code" = 200 ]
code="$(req "$TMP/cw.json" -X PUT -H "Authorization: Bearer $CAT" -H 'Content-Type: application/json' \
         -d '{"enabled":true}' "$ADMIN/users/$ID3")"
check "  it cannot change a user (HTTP $code)" [ "$code" = 403 ]
code="$(req "$TMP/cp.json" "$TOKEN_EP" -d grant_type=password -d client_id=blau-chat-app \
         --data-urlencode "client_secret=$CHAT_SECRET" -d username="$U1" -d password="$P1")"
check "  no password grant for blau-chat-app (HTTP $code)" [ "$code" != 200 ]

# ---------------------------------------------------------------------------------------------
if [ "${SKIP_LOCKOUT:-0}" != 1 ]; then
section "7. brute-force protection (throw-away user $U2)"
FAILURE_FACTOR="$(jq -r '.failureFactor' "$(dirname "$0")/blau-realm.json")"
for i in $(seq 1 $((FAILURE_FACTOR + 1))); do
  password_grant blau-auth-app "$SECRET" "$U2" "wrong-password-$i"
  printf '       wrong password #%d -> HTTP %s %s\n' "$i" "$PG_CODE" "$(tr -d '\n' < "$TMP/pg.json")"
  [ "$i" = 1 ] && cp "$TMP/pg.json" "$TMP/err_badcreds.json"
done
check "wrong password -> 401 invalid_grant" jqe '.error=="invalid_grant"' "$TMP/err_badcreds.json"
password_grant blau-auth-app "$SECRET" "$U2" "$P2"
check "locked user with the RIGHT password is refused (HTTP $PG_CODE)" bash -c "[ '$PG_CODE' != 200 ]"
body "$TMP/pg.json"; cp "$TMP/pg.json" "$TMP/err_locked.json"
code="$(req "$TMP/bf.json" -H "Authorization: Bearer $SAT" "$ADMIN/attack-detection/brute-force/users/$ID2")"
check "service account can read GET attack-detection/brute-force/users/{id} (HTTP $code)" [ "$code" = 200 ]
body "$TMP/bf.json"
check "  brute-force status says disabled=true" jqe '.disabled==true' "$TMP/bf.json"
code="$(req "$TMP/u2.json" -H "Authorization: Bearer $SAT" "$ADMIN/users/$ID2")"
echo "       (info) GET users/{id} of the locked user: enabled=$(jq -c .enabled "$TMP/u2.json") bruteForceStatus=$(jq -c '.bruteForceStatus // "n/a"' "$TMP/u2.json")"
code="$(req "$TMP/unl.json" -X DELETE -H "Authorization: Bearer $SAT" "$ADMIN/attack-detection/brute-force/users/$ID2")"
echo "       (info) service account DELETE attack-detection/brute-force/users/{id} (unlock) -> HTTP $code"
if [ "$code" = 204 ]; then
  password_grant blau-auth-app "$SECRET" "$U2" "$P2"
  check "after unlock the right password works again (HTTP $PG_CODE)" [ "$PG_CODE" = 200 ]
fi
fi

# ---------------------------------------------------------------------------------------------
section "Error bodies (for auth-app error mapping)"
printf '  (a) password policy violation, create user : %s\n' "$(tr -d '\n' < "$TMP/err_policy_length.json")"
printf '  (b) duplicate username, create user        : %s\n' "$(tr -d '\n' < "$TMP/err_dup_username.json")"
printf '  (b) duplicate email, create user           : %s\n' "$(tr -d '\n' < "$TMP/err_dup_email.json")"
[ -f "$TMP/err_badcreds.json" ] && printf '  (c) bad credentials, password grant        : %s\n' "$(tr -d '\n' < "$TMP/err_badcreds.json")"
[ -f "$TMP/err_locked.json" ]   && printf '  (d) locked user, password grant            : %s\n' "$(tr -d '\n' < "$TMP/err_locked.json")"
printf '  (e) reused refresh token                   : %s\n' "$(tr -d '\n' < "$TMP/err_reuse.json")"

section "Summary"
echo "  $PASS passed, $FAIL failed"
for f in "${FAILED[@]}"; do echo "  FAILED: $f"; done
[ "$FAIL" = 0 ]
