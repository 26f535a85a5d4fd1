import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenSet } from '../api/types';
import { AuthSession } from './AuthSession';

function jwt(claims: object): string {
  return `h.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.s`;
}

const tokens = (n: number, expiresIn = 300): TokenSet => ({
  accessToken: jwt({ sub: 'u1', preferred_username: 'ana', name: 'Ana Lima', n }),
  refreshToken: `r${n}`,
  expiresIn,
});

describe('AuthSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refreshes 30 s before the access token expires, with the latest refresh token', async () => {
    const refresh = vi.fn(async (_s: string, rt: string) => tokens(Number(rt.slice(1)) + 1));
    const session = new AuthSession({ refresh, logout: vi.fn(async () => {}) });
    session.start(tokens(1), 'password');
    expect(session.identity()).toEqual({ id: 'u1', username: 'ana', name: 'Ana Lima' });
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

  it('sign-out forgets the tokens and revokes the refresh token', async () => {
    const logout = vi.fn(async () => {});
    const session = new AuthSession({ refresh: vi.fn(), logout });
    session.start(tokens(7), 'password');
    await session.signOut();
    expect(session.accessToken()).toBeUndefined();
    expect(logout).toHaveBeenCalledWith('password', 'r7');
  });
});
