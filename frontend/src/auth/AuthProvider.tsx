import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { Http } from '../api/http';
import type { Profile, SessionEndReason, TokenSet } from '../api/types';
import { loadConfig } from '../config';
import { AuthSession, type Identity, type TokenSource } from './AuthSession';
import { authorizeUrl, completeSignIn, logoutAtKeycloak, refreshAtKeycloak, type SsoOptions } from './pkce';

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
  displayName?: string;
}

export interface AuthValue {
  http: Http;
  session: AuthSession;
  identity?: Identity;
  /** Set when the server ended the last session (signed out elsewhere, user disabled). */
  signOutReason?: SessionEndReason;
  login(username: string, password: string): Promise<void>;
  register(input: RegisterInput): Promise<void>;
  /** Leaves for Keycloak's pages (sign-in, second factor, setting one up) and comes back to /auth/callback. */
  startSso(options?: SsoOptions): Promise<void>;
  completeSso(search: string): Promise<void>;
  signOut(reason?: SessionEndReason): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function createAuth(): AuthValue {
  const publicHttp = new Http();
  const session = new AuthSession({
    refresh: async (source: TokenSource, refreshToken: string) =>
      source === 'sso'
        ? refreshAtKeycloak(await loadConfig(), refreshToken)
        : publicHttp.post<TokenSet>('/api/v1/auth/refresh', { refreshToken }, false),
    logout: async (source: TokenSource, refreshToken: string) =>
      source === 'sso'
        ? logoutAtKeycloak(await loadConfig(), refreshToken)
        : publicHttp.post<void>('/api/v1/auth/logout', { refreshToken }, false),
  });
  const http = new Http(session.accessToken);
  return {
    http,
    session,
    async login(username, password) {
      const tokens = await publicHttp.post<TokenSet>('/api/v1/auth/login', { username, password }, false);
      session.start(tokens, 'password');
    },
    async register(input) {
      await publicHttp.post('/api/v1/auth/register', { ...input, displayName: input.displayName || undefined }, false);
      const tokens = await publicHttp.post<TokenSet>('/api/v1/auth/login', { username: input.username, password: input.password }, false);
      session.start(tokens, 'password');
    },
    async startSso(options) {
      window.location.assign(await authorizeUrl(await loadConfig(), options));
    },
    async completeSso(search) {
      session.start(await completeSignIn(await loadConfig(), search), 'sso');
      // a first single sign-on creates the profile here (docs/api.md)
      await http.get<Profile>('/api/v1/auth/profile').catch(() => undefined);
    },
    signOut: (reason) => session.signOut(reason),
  };
}

export function AuthProvider({ children, value }: { children: ReactNode; value?: AuthValue }) {
  const auth = useMemo(() => value ?? createAuth(), [value]);
  const signedIn = useSyncExternalStore(auth.session.subscribe, () => auth.session.signedIn);
  const token = useSyncExternalStore(auth.session.subscribe, () => auth.session.accessToken());
  const signOutReason = useSyncExternalStore(auth.session.subscribe, () => auth.session.signOutReason);
  // identity changes only when the user does, not on every refresh
  const identity = useMemo(() => (signedIn ? auth.session.identity() : undefined), [signedIn, token === undefined, auth]);
  const ctx = useMemo(() => ({ ...auth, identity, signOutReason }), [auth, identity, signOutReason]);
  return <AuthContext.Provider value={ctx}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
