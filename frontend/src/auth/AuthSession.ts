// The signed-in session: tokens live in memory only and are refreshed ~30 s before they expire.
import type { TokenSet } from '../api/types';

export type TokenSource = 'password' | 'sso';

export interface SessionDeps {
  refresh(source: TokenSource, refreshToken: string): Promise<TokenSet>;
  logout(source: TokenSource, refreshToken: string): Promise<void>;
}

export interface Identity {
  id: string;
  username: string;
  name: string;
}

const REFRESH_MARGIN_S = 30;
const RETRY_S = 10;

/** The JWT payload (no verification: the servers check the signature; the app only reads who it is). */
export function decodeJwt(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export class AuthSession {
  private tokens?: TokenSet;
  private source: TokenSource = 'password';
  private timer?: ReturnType<typeof setTimeout>;
  private expiresAt = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly deps: SessionDeps,
    private readonly now: () => number = Date.now,
  ) {}

  get signedIn(): boolean {
    return this.tokens !== undefined;
  }

  accessToken = (): string | undefined => this.tokens?.accessToken;

  identity(): Identity | undefined {
    if (!this.tokens) return undefined;
    const claims = decodeJwt(this.tokens.accessToken);
    const username = String(claims.preferred_username ?? claims.upn ?? '');
    return { id: String(claims.sub ?? ''), username, name: String(claims.name ?? username) };
  }

  start(tokens: TokenSet, source: TokenSource): void {
    this.source = source;
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

  async refresh(): Promise<void> {
    const current = this.tokens;
    if (!current) return;
    try {
      const next = await this.deps.refresh(this.source, current.refreshToken);
      if (this.tokens === current) this.accept(next);
    } catch (e) {
      if (this.tokens !== current) return;
      const status = (e as { status?: number }).status;
      // a refused refresh token ends the session; a network failure is retried while the token lasts
      if (status && status >= 400 && status < 500) this.end();
      else if (this.now() < this.expiresAt) this.schedule(RETRY_S);
      else this.end();
    }
  }

  async signOut(): Promise<void> {
    const current = this.tokens;
    this.end();
    if (current) {
      try {
        await this.deps.logout(this.source, current.refreshToken);
      } catch {
        // the session is gone locally either way
      }
    }
  }

  private end(): void {
    clearTimeout(this.timer);
    this.tokens = undefined;
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
