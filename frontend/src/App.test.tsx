import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionEndReason } from './api/types';
import { App } from './App';
import { AuthProvider, createAuth } from './auth/AuthProvider';
import { I18nProvider } from './i18n/I18n';
import type { Locale } from './i18n/messages';

/** A session the server ended (or the user left, without a reason), then the app. */
async function renderSignedOut(locale: Locale, reason?: SessionEndReason) {
  const auth = createAuth();
  auth.session.start({ accessToken: 'h.eyJzdWIiOiJ1MSJ9.s', refreshToken: 'r', expiresIn: 300 }, 'password');
  await auth.signOut(reason);
  render(
    <I18nProvider initial={locale}>
      <AuthProvider value={auth}>
        <App />
      </AuthProvider>
    </I18nProvider>,
  );
}

describe('signed out by the server', () => {
  beforeEach(() => vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 }))));
  afterEach(() => vi.unstubAllGlobals());

  it('the sign-in page says the session ended', async () => {
    await renderSignedOut('en', 'session-ended');
    expect(screen.getByRole('alert')).toHaveTextContent('Your session ended, so you were signed out. Please sign in again.');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('says so in Portuguese when the account was disabled', async () => {
    await renderSignedOut('pt-BR', 'user-disabled');
    expect(screen.getByRole('alert')).toHaveTextContent('Você foi desconectado porque sua conta foi desativada.');
  });

  it('says the account is being erased after the user asked for it, in both languages', async () => {
    await renderSignedOut('en', 'account-erased');
    expect(screen.getByRole('alert')).toHaveTextContent('Your account is being erased, and you have been signed out.');
    cleanup();
    await renderSignedOut('pt-BR', 'account-erased');
    expect(screen.getByRole('alert')).toHaveTextContent('Sua conta está sendo excluída, e você foi desconectado.');
  });

  it('says nothing after the user signed out themselves', async () => {
    await renderSignedOut('en');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
