import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/I18n';
import { AuthProvider, createAuth } from './AuthProvider';
import { SignInPage } from './SignInPage';

function problem(status: number, body: object) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

function renderPage(auth = createAuth()) {
  render(
    <I18nProvider initial="en">
      <AuthProvider value={auth}>
        <SignInPage />
      </AuthProvider>
    </I18nProvider>,
  );
}

describe('sign-in and registration forms', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows each field error of a problem+json answer next to its field', async () => {
    fetchMock.mockResolvedValueOnce(
      problem(400, {
        type: 'https://blau.dev/problems/validation',
        title: 'Bad Request',
        status: 400,
        detail: 'The request has invalid fields.',
        errors: [
          { field: 'email', message: 'must be a well-formed email address' },
          { field: 'password', message: 'must be at least 8 characters' },
        ],
      }),
    );
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByRole('tab', { name: 'Create account' }));
    await user.type(screen.getByLabelText(/^Username/), 'ana');
    await user.type(screen.getByLabelText(/^Email/), 'not-an-email');
    await user.type(screen.getByLabelText(/^Password/), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const email = await screen.findByLabelText(/^Email/);
    expect(email).toHaveAccessibleDescription('must be a well-formed email address');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription('must be at least 8 characters');
    expect(screen.getByLabelText(/^Username/)).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText('The request has invalid fields.')).not.toBeInTheDocument();
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/auth/register');
    expect(JSON.parse(String(init?.body))).toEqual({ username: 'ana', email: 'not-an-email', password: 'short' });
  });

  it('shows the detail of an error without field errors (bad credentials)', async () => {
    fetchMock.mockResolvedValueOnce(
      problem(401, { type: 'https://blau.dev/problems/invalid-credentials', title: 'Unauthorized', status: 401, detail: 'Wrong username or password.' }),
    );
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByLabelText(/^Username/), 'ana');
    await user.type(screen.getByLabelText(/^Password/), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
  });

  it('sends an account with a second factor on to single sign-on, with its username filled in', async () => {
    const auth = createAuth();
    const startSso = vi.fn(async () => undefined);
    auth.startSso = startSso;
    fetchMock.mockResolvedValueOnce(
      problem(401, {
        type: 'https://blau.dev/problems/mfa-required',
        title: 'Unauthorized',
        status: 401,
        detail: 'This account signs in with a one-time code from an authenticator app: continue with single sign-on (ssoUrl) to enter it.',
        ssoUrl: 'http://localhost:18080/realms/blau/protocol/openid-connect/auth',
      }),
    );
    const user = userEvent.setup();
    renderPage(auth);
    await user.type(screen.getByLabelText(/^Username/), ' ana ');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('signs in with a one-time code from an authenticator app');
    expect(auth.session.signedIn).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(startSso).toHaveBeenCalledExactlyOnceWith({ loginHint: 'ana' });
  });

  it('signs in with the tokens of a good login and sends no token anywhere else', async () => {
    const auth = createAuth();
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ accessToken: 'h.eyJzdWIiOiJ1MSJ9.s', refreshToken: 'r', expiresIn: 300, tokenType: 'Bearer' }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const user = userEvent.setup();
    renderPage(auth);
    await user.type(screen.getByLabelText(/^Username/), 'ana');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await act(() => vi.waitFor(() => expect(auth.session.signedIn).toBe(true)));
    expect(auth.session.identity()?.id).toBe('u1');
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await act(() => auth.session.signOut());
  });

  it('speaks Portuguese when asked', async () => {
    render(
      <I18nProvider initial="pt-BR">
        <AuthProvider value={createAuth()}>
          <SignInPage />
        </AuthProvider>
      </I18nProvider>,
    );
    expect(screen.getByRole('button', { name: 'Entrar com login único' })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Senha/)).toBeInTheDocument();
  });
});
