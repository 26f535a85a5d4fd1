import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenSet } from '../api/types';
import { AuthSession, decodeJwt } from './AuthSession';

function jwt(claims: object): string {
  return `h.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.s`;
}

const tokens = (n: number, expiresIn = 300): TokenSet => ({
  accessToken: jwt({ sub: 'u1', preferred_username: 'ana', name: 'Ana Lima', n }),
  refreshToken: `r${n}`,
  expiresIn,
});

const T0 = Date.parse('2026-01-01T10:00:00Z');

/** Tokens whose access token carries its exp claim. */
const expiring = (n: number, exp: number): TokenSet => ({
  accessToken: jwt({ sub: 'u1', preferred_username: 'ana', exp: exp / 1000, n }),
  refreshToken: `r${n}`,
  expiresIn: (exp - Date.now()) / 1000,
});

describe('AuthSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refreshes 30 s before the access token expires, with the latest refresh token', async () => {
    const refresh = vi.fn(async (_s: string, rt: string) => tokens(Number(rt.slice(1)) + 1));
    const session = new AuthSession({ refresh, logout: vi.fn(async () => {}) });
    session.start(tokens(1), 'password');
    expect(session.identity()).toEqual({ id: 'u1', username: 'ana', name: 'Ana Lima', roles: [] });
    await vi.advanceTimersByTimeAsync(269_000);
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refresh).toHaveBeenCalledWith('password', 'r1');
    await vi.advanceTimersByTimeAsync(270_000);
    expect(refresh).toHaveBeenLastCalledWith('password', 'r2');
  });

  it('ends the session when the refresh token is refused', async () => {
    const session = new AuthSession({
      refresh: async () => Promise.reject(Object.assign(new Error('no'), { status: 401 })),
      logout: async () => {},
    });
    const changes = vi.fn();
    session.subscribe(changes);
    session.start(tokens(1, 40), 'sso');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(session.signedIn).toBe(false);
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it('a 429 keeps the session and asks again when Retry-After says; 400 invalid_grant ends it', async () => {
    const answers: Array<() => Promise<TokenSet>> = [
      () => Promise.reject(Object.assign(new Error('slow down'), { status: 429, retryAfter: 120 })),
      async () => tokens(2, 300),
      () => Promise.reject(Object.assign(new Error('invalid_grant'), { status: 400 })),
    ];
    const refresh = vi.fn(() => answers.shift()!());
    const session = new AuthSession({ refresh, logout: async () => {} });
    session.start(tokens(1, 40), 'sso');
    await vi.advanceTimersByTimeAsync(10_000); // due 30 s before expiry: refused with 429
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(session.signedIn).toBe(true);
    await vi.advanceTimersByTimeAsync(119_000);
    expect(refresh).toHaveBeenCalledTimes(1); // Retry-After is honoured, even past the access token's expiry
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(session.accessToken()).toBe(tokens(2).accessToken);
    await vi.advanceTimersByTimeAsync(270_000);
    expect(refresh).toHaveBeenCalledTimes(3);
    expect(session.signedIn).toBe(false);
    expect(session.signOutReason).toBe('session-ended');
  });

  it('a 503 without Retry-After is retried while the token lasts, then the session goes on', async () => {
    const answers: Array<() => Promise<TokenSet>> = [
      () => Promise.reject(Object.assign(new Error('busy'), { status: 503 })),
      async () => tokens(2, 300),
    ];
    const refresh = vi.fn(() => answers.shift()!());
    const session = new AuthSession({ refresh, logout: async () => {} });
    session.start(tokens(1, 60), 'password');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(session.signedIn).toBe(true);
    expect(session.accessToken()).toBe(tokens(2).accessToken);
  });

  it('sign-out forgets the tokens and revokes the refresh token', async () => {
    const logout = vi.fn(async () => {});
    const session = new AuthSession({ refresh: vi.fn(), logout });
    session.start(tokens(7), 'password');
    await session.signOut();
    expect(session.accessToken()).toBeUndefined();
    expect(logout).toHaveBeenCalledWith('password', 'r7');
  });

  it('freshToken keeps a token that outlasts the time asked for, else refreshes once for every caller at the same time', async () => {
    vi.setSystemTime(T0);
    const answers: Array<(t: TokenSet) => void> = [];
    const refresh = vi.fn(() => new Promise<TokenSet>((resolve) => answers.push(resolve)));
    const session = new AuthSession({ refresh, logout: vi.fn(async () => {}) });
    const first = expiring(1, T0 + 300_000);
    session.start(first, 'sso');
    expect(await session.freshToken(T0 + 299_000)).toBe(first.accessToken);
    expect(await session.freshToken()).toBe(first.accessToken); // 300 s left here: plenty
    expect(refresh).not.toHaveBeenCalled();

    const a = session.freshToken(T0 + 300_000); // a socket authorized until this token's exp
    const b = session.freshToken(T0 + 300_000);
    const scheduled = session.refresh();
    const second = expiring(2, T0 + 600_000);
    for (const answer of answers) answer(second);
    expect(await a).toBe(second.accessToken);
    expect(await b).toBe(second.accessToken);
    await scheduled;
    expect(refresh).toHaveBeenCalledExactlyOnceWith('sso', 'r1');
    expect(session.accessToken()).toBe(second.accessToken);
  });

  it('freshToken refreshes a token a server refused; no token when the refresh fails', async () => {
    vi.setSystemTime(T0);
    const refresh = vi
      .fn<(s: string, rt: string) => Promise<TokenSet>>()
      .mockResolvedValueOnce(expiring(2, T0 + 600_000))
      .mockRejectedValueOnce(new Error('network'));
    const session = new AuthSession({ refresh, logout: vi.fn(async () => {}) });
    const first = expiring(1, T0 + 300_000);
    session.start(first, 'password');
    expect(await session.freshToken(T0 + 100_000, first.accessToken)).toBe(expiring(2, T0 + 600_000).accessToken);
    expect(await session.freshToken(T0 + 700_000)).toBeUndefined();
    expect(session.signedIn).toBe(true); // a network failure is not the end of the session
  });

  it("remembers why the server ended the session until the next sign-in; the user's own sign-out says nothing", async () => {
    const session = new AuthSession({
      refresh: async () => Promise.reject(Object.assign(new Error('no'), { status: 400 })),
      logout: vi.fn(async () => {}),
    });
    session.start(tokens(1), 'sso');
    await session.signOut('user-disabled');
    expect(session.signOutReason).toBe('user-disabled');
    session.start(tokens(2), 'sso');
    expect(session.signOutReason).toBeUndefined();
    await session.refresh(); // the refresh token is refused: the session ended elsewhere
    expect(session.signedIn).toBe(false);
    expect(session.signOutReason).toBe('session-ended');
    session.start(tokens(3), 'sso');
    await session.signOut();
    expect(session.signOutReason).toBeUndefined();
  });
});

describe('AuthSession.identity roles', () => {
  it('reads the realm roles from groups and realm_access, once each, ignoring what is not a name', async () => {
    const session = new AuthSession({ refresh: vi.fn(), logout: vi.fn(async () => {}) });
    const claims = { sub: 'u1', preferred_username: 'ana', groups: ['user', 'admin'], realm_access: { roles: ['admin', 'moderator', 7] } };
    session.start({ accessToken: jwt(claims), refreshToken: 'r', expiresIn: 300 }, 'password');
    expect(session.identity()?.roles).toEqual(['user', 'admin', 'moderator']);
    session.start({ accessToken: jwt({ sub: 'u2', realm_access: { roles: ['admin'] } }), refreshToken: 'r', expiresIn: 300 }, 'sso');
    expect(session.identity()?.roles).toEqual(['admin']);
    session.start({ accessToken: jwt({ sub: 'u3', groups: 'admin' }), refreshToken: 'r', expiresIn: 300 }, 'sso');
    expect(session.identity()?.roles).toEqual([]);
    await session.signOut(); // no refresh left scheduled
  });
});

describe('decodeJwt', () => {
  it('reads a UTF-8 payload (accents, emoji) and gives nothing for a token it cannot read', () => {
    const payload = { name: 'João Ação 🎉', sub: 'u1' };
    const bytes = new TextEncoder().encode(JSON.stringify(payload));
    const base64url = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(decodeJwt(`h.${base64url}.s`)).toEqual(payload);
    expect(decodeJwt('not a token')).toEqual({});
  });
});
