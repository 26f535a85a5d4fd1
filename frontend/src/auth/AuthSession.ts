// The signed-in session: tokens live in memory only and are refreshed ~30 s before they expire.
import type { SessionEndReason, TokenSet } from '../api/types';

export type TokenSource = 'password' | 'sso';

export interface SessionDeps {
  refresh(source: TokenSource, refreshToken: string): Promise<TokenSet>;
  logout(source: TokenSource, refreshToken: string): Promise<void>;
}

export interface Identity {
  id: string;
  username: string;
  name: string;
  /** The realm roles the token carries (`groups`, and `realm_access.roles`): `admin` opens the administration. */
  roles: string[];
}

/** A token's realm roles: Keycloak puts them in `groups` (MicroProfile JWT) and in `realm_access.roles`. */
function realmRoles(claims: Record<string, unknown>): string[] {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const realmAccess = claims.realm_access as { roles?: unknown } | undefined;
  return [...new Set([...strings(claims.groups), ...strings(realmAccess?.roles)])];
}

const REFRESH_MARGIN_S = 30;
const RETRY_S = 10;
/** A Retry-After longer than this is not waited for in full (the user would sit signed in with nothing working). */
const MAX_RETRY_AFTER_S = 300;

/** The JWT payload (no verification: the servers check the signature; the app only reads who it is). */
export function decodeJwt(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1] ?? '';
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    // atob gives one character per byte; the payload is UTF-8 (names like "João")
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export class AuthSession {
  private tokens?: TokenSet;
  private source: TokenSource = 'password';
  private timer?: ReturnType<typeof setTimeout>;
  private expiresAt = 0;
  private refreshing?: Promise<void>;
  private reason?: SessionEndReason;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly deps: SessionDeps,
    private readonly now: () => number = Date.now,
  ) {}

  get signedIn(): boolean {
    return this.tokens !== undefined;
  }

  accessToken = (): string | undefined => this.tokens?.accessToken;

  /** Why the last session ended, when it was not the user's own sign-out (cleared by the next sign-in). */
  get signOutReason(): SessionEndReason | undefined {
    return this.reason;
  }

  /**
   * An access token for a live socket's renewal or a new ticket. validAfter is a time on the
   * token's own clock (its `exp`, e.g. the socket's authExpiresAt); without it the token must
   * last another 30 s here. A token that does not, or that a server just refused, is refreshed
   * first (sharing a refresh already under way). Undefined when no such token can be had.
   */
  async freshToken(validAfter?: number, refused?: string): Promise<string | undefined> {
    const current = this.tokens;
    if (!current) return undefined;
    const lasts =
      validAfter === undefined ? this.expiresAt > this.now() + REFRESH_MARGIN_S * 1000 : this.tokenExpiry(current) > validAfter;
    if (lasts && current.accessToken !== refused) return current.accessToken;
    await this.refresh();
    const next = this.tokens;
    return next && next !== current ? next.accessToken : undefined;
  }

  /** The token's `exp` claim; the local estimate when it has none. */
  private tokenExpiry(tokens: TokenSet): number {
    const exp = decodeJwt(tokens.accessToken).exp;
    return typeof exp === 'number' ? exp * 1000 : this.expiresAt;
  }

  identity(): Identity | undefined {
    if (!this.tokens) return undefined;
    const claims = decodeJwt(this.tokens.accessToken);
    const username = String(claims.preferred_username ?? claims.upn ?? '');
    return { id: String(claims.sub ?? ''), username, name: String(claims.name ?? username), roles: realmRoles(claims) };
  }

  start(tokens: TokenSet, source: TokenSource): void {
    this.source = source;
    this.reason = undefined;
    this.accept(tokens);
  }

  private accept(tokens: TokenSet): void {
    this.tokens = tokens;
    this.expiresAt = this.now() + tokens.expiresIn * 1000;
    this.schedule(Math.max(5, tokens.expiresIn - REFRESH_MARGIN_S));
    this.emit();
  }

  private schedule(seconds: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), seconds * 1000);
  }

  /** One refresh at a time: the timer and a socket renewal asking together share it. */
  refresh(): Promise<void> {
    this.refreshing ??= this.refreshOnce().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    const current = this.tokens;
    if (!current) return;
    try {
      const next = await this.deps.refresh(this.source, current.refreshToken);
      if (this.tokens === current) this.accept(next);
    } catch (e) {
      if (this.tokens !== current) return;
      const { status, retryAfter } = e as { status?: number; retryAfter?: number };
      // only a refused refresh token (400 invalid_grant, 401) ends the session. A server that
      // asks to wait (429, 503 with Retry-After) is asked again then: the refresh token outlives
      // the access token. A network failure or another error is retried while the token lasts.
      if (status === 400 || status === 401) this.end('session-ended');
      else if (retryAfter !== undefined) this.schedule(Math.min(Math.max(retryAfter, 1), MAX_RETRY_AFTER_S));
      else if (this.now() < this.expiresAt) this.schedule(RETRY_S);
      else this.end();
    }
  }

  /** Signs out; with a reason when the server ended the session (the sign-in page says why). */
  async signOut(reason?: SessionEndReason): Promise<void> {
    const current = this.tokens;
    this.end(reason);
    if (current) {
      try {
        await this.deps.logout(this.source, current.refreshToken);
      } catch {
        // the session is gone locally either way
      }
    }
  }

  private end(reason?: SessionEndReason): void {
    clearTimeout(this.timer);
    this.tokens = undefined;
    this.reason = reason;
    this.emit();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
