import { afterEach, describe, expect, it } from 'vitest';
import type { RuntimeConfig } from '../config';
import { authorizeUrl } from './pkce';

const config: RuntimeConfig = { keycloakUrl: 'http://kc.test', realm: 'blau', clientId: 'blau-web' };

describe('the authorize URL of single sign-on', () => {
  afterEach(() => sessionStorage.clear());

  it('asks for a code with PKCE (S256) and nothing else by default', async () => {
    const url = new URL(await authorizeUrl(config));
    expect(url.origin + url.pathname).toBe('http://kc.test/realms/blau/protocol/openid-connect/auth');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.has('login_hint')).toBe(false);
    expect(url.searchParams.has('kc_action')).toBe(false);
    expect(url.searchParams.has('prompt')).toBe(false);
  });

  it('fills in the username, and asks Keycloak to set up an authenticator app when told', async () => {
    const hinted = new URL(await authorizeUrl(config, { loginHint: 'ana' }));
    expect(hinted.searchParams.get('login_hint')).toBe('ana');
    const setup = new URL(await authorizeUrl(config, { action: 'CONFIGURE_TOTP' }));
    expect(setup.searchParams.get('kc_action')).toBe('CONFIGURE_TOTP');
  });

  it('asks for the credentials again when a recent sign-in is needed', async () => {
    const url = new URL(await authorizeUrl(config, { reauthenticate: true, loginHint: 'ana' }));
    expect(url.searchParams.get('prompt')).toBe('login');
    expect(url.searchParams.get('login_hint')).toBe('ana');
  });
});
