// Authorization Code + PKCE (S256) against Keycloak's public client, with WebCrypto only.
import { ApiError, retryAfterSeconds } from '../api/http';
import type { RuntimeConfig } from '../config';
import type { TokenSet } from '../api/types';

const PENDING_KEY = 'blau.sso.pending';

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export function oidcBase(config: RuntimeConfig): string {
  return `${config.keycloakUrl}/realms/${encodeURIComponent(config.realm)}/protocol/openid-connect`;
}

export function redirectUri(): string {
  return `${window.location.origin}/auth/callback`;
}

/** What to ask of Keycloak besides signing in: the username to fill in, or an action such as setting up an authenticator app. */
export interface SsoOptions {
  loginHint?: string;
  /** An application-initiated action (kc_action), e.g. CONFIGURE_TOTP: the user is asked to sign in first if needed. */
  action?: 'CONFIGURE_TOTP';
  /**
   * Asks for the credentials again even when Keycloak still has a session (`prompt=login`), so
   * the new token's `auth_time` is now: for what needs a recent sign-in, like erasing the account.
   */
  reauthenticate?: boolean;
}

/** Builds the authorize URL; the verifier and state wait in sessionStorage for the redirect back (they are not tokens). */
export async function authorizeUrl(config: RuntimeConfig, options: SsoOptions = {}): Promise<string> {
  const verifier = randomToken(48);
  const state = randomToken(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state,
    code_challenge: await codeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  if (options.loginHint) params.set('login_hint', options.loginHint);
  if (options.action) params.set('kc_action', options.action);
  if (options.reauthenticate) params.set('prompt', 'login');
  return `${oidcBase(config)}/auth?${params}`;
}

interface KeycloakTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  refresh_expires_in?: number;
  token_type?: string;
}

function toTokenSet(k: KeycloakTokens): TokenSet {
  return {
    accessToken: k.access_token,
    refreshToken: k.refresh_token,
    expiresIn: k.expires_in,
    refreshExpiresIn: k.refresh_expires_in,
    tokenType: 'Bearer',
  };
}

async function tokenRequest(config: RuntimeConfig, form: Record<string, string>): Promise<TokenSet> {
  const response = await fetch(`${oidcBase(config)}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  if (!response.ok) {
    // the status decides what the session does: 400 invalid_grant ends it, a 429 or 5xx is retried
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(
      response.status,
      { status: response.status, title: `token endpoint answered ${response.status}`, detail: (problem as { error?: string }).error },
      retryAfterSeconds(response.headers.get('Retry-After')),
    );
  }
  return toTokenSet((await response.json()) as KeycloakTokens);
}

/** Completes the flow from the callback URL's query; throws when state or code are wrong. */
export async function completeSignIn(config: RuntimeConfig, search: string): Promise<TokenSet> {
  const params = new URLSearchParams(search);
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as { verifier: string; state: string }) : undefined;
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state) throw new Error('invalid single sign-on callback');
  return tokenRequest(config, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(),
    client_id: config.clientId,
    code_verifier: pending.verifier,
  });
}

export function refreshAtKeycloak(config: RuntimeConfig, refreshToken: string): Promise<TokenSet> {
  return tokenRequest(config, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: config.clientId });
}

export async function logoutAtKeycloak(config: RuntimeConfig, refreshToken: string): Promise<void> {
  await fetch(`${oidcBase(config)}/logout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, refresh_token: refreshToken }),
  });
}
