import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider, createAuth } from '../auth/AuthProvider';
import { I18nProvider } from '../i18n/I18n';
import type { Locale } from '../i18n/messages';
import { hasEraseIntent, rememberEraseIntent } from './eraseIntent';
import { PrivacyEntry, usePrivacyDialog } from './PrivacyEntry';
import { json, jwt, problem, stubServer } from '../test/stubServer';

const ERASE = 'DELETE /api/v1/auth/profile';
const EXPORTS = 'GET /api/v1/auth/profile/exports';
const erasure = { id: 'e1', kind: 'erasure', state: 'pending', userId: 'u-ana', requestedAt: '2026-12-02T10:00:00Z' };

/** The app bar's entry and the dialog it opens, for Ana signed in. */
function Host() {
  const privacy = usePrivacyDialog();
  return (
    <>
      <PrivacyEntry onOpen={privacy.open} />
      {privacy.dialog}
    </>
  );
}

function show(locale: Locale = 'en') {
  const auth = createAuth();
  auth.session.start({ accessToken: jwt({ sub: 'u-ana', preferred_username: 'ana', name: 'Ana Lima' }), refreshToken: 'r', expiresIn: 300 }, 'password');
  const startSso = vi.fn(async () => undefined);
  auth.startSso = startSso;
  render(
    <I18nProvider initial={locale}>
      <AuthProvider value={auth}>
        <Host />
      </AuthProvider>
    </I18nProvider>,
  );
  return { auth, startSso };
}

/** Opens "Privacy and data", then the account's deletion. */
async function openErase(user: ReturnType<typeof userEvent.setup>, words = { entry: 'Privacy and data', del: 'Delete my account', title: 'Delete your account?' }) {
  await user.click(screen.getByRole('button', { name: words.entry }));
  const privacy = screen.getByRole('dialog', { name: words.entry });
  await user.click(within(privacy).getByRole('button', { name: words.del }));
  return screen.getByRole('dialog', { name: words.title });
}

describe('Privacy and data', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('opens from its entry with the user’s data and a danger zone to delete the account', async () => {
    stubServer({ [EXPORTS]: [json(200, { exports: [] })] });
    const user = userEvent.setup();
    show();
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Privacy and data' }));
    const dialog = screen.getByRole('dialog', { name: 'Privacy and data' });
    expect(within(dialog).getByRole('region', { name: 'Your data' })).toBeInTheDocument();
    const danger = within(dialog).getByRole('region', { name: 'Delete my account' });
    expect(danger).toHaveTextContent('Deletes your account and signs you out. This cannot be undone.');
    expect(await within(dialog).findByText('You have not asked for a copy of your data yet.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});

describe('Deleting one’s account', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('says what happens, and the red button works only once the username is typed', async () => {
    const server = stubServer({ [EXPORTS]: [json(200, { exports: [] })], [ERASE]: [json(202, erasure)] });
    const user = userEvent.setup();
    show();
    const dialog = await openErase(user);
    expect(dialog).toHaveTextContent('“This message was deleted.” from “Deleted user”');
    expect(dialog).toHaveTextContent('In direct messages, the other person keeps the conversation');
    expect(dialog).toHaveTextContent('Rooms you own pass to another of their members.');
    expect(dialog).toHaveTextContent('This cannot be undone.');
    const button = within(dialog).getByRole('button', { name: 'Delete my account' });
    const field = within(dialog).getByRole('textbox', { name: 'To confirm, type your username, ana' });
    expect(button).toBeDisabled();
    await user.type(field, 'an');
    expect(button).toBeDisabled();
    await user.type(field, 'a');
    expect(button).toBeEnabled();
    await user.clear(field);
    await user.type(field, 'Ana');
    expect(button).toBeDisabled();
    await user.type(field, '{Enter}'); // submitting the form does nothing either
    expect(server.count(ERASE)).toBe(0);

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Delete your account?' })).toBeNull());
    expect(screen.getByRole('dialog', { name: 'Privacy and data' })).toBeInTheDocument();
  });

  it('asks for the erasure, and signs the user out saying their account is going', async () => {
    const server = stubServer({ [EXPORTS]: [json(200, { exports: [] })], [ERASE]: [json(202, erasure)] });
    const user = userEvent.setup();
    const { auth } = show();
    const dialog = await openErase(user);
    await user.type(within(dialog).getByRole('textbox'), 'ana');
    await user.click(within(dialog).getByRole('button', { name: 'Delete my account' }));
    await waitFor(() => expect(auth.session.signedIn).toBe(false));
    expect(auth.session.signOutReason).toBe('account-erased');
    expect(server.count(ERASE)).toBe(1);
    const [, init] = server.fetch.mock.calls[server.calls.indexOf(ERASE)];
    expect(init?.body).toBeUndefined();
    expect((init?.headers as Record<string, string>).Authorization).toMatch(/^Bearer /);
  });

  it('offers to sign in again when the last sign-in is too old, and comes back to the confirmation', async () => {
    stubServer({
      [EXPORTS]: [json(200, { exports: [] })],
      [ERASE]: [problem(403, 'recent-sign-in-required', 'Sign in again to do this.')],
    });
    const user = userEvent.setup();
    const { auth, startSso } = show();
    const dialog = await openErase(user);
    await user.type(within(dialog).getByRole('textbox'), 'ana');
    await user.click(within(dialog).getByRole('button', { name: 'Delete my account' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('For your safety, deleting your account needs a recent sign-in. Sign in again, then confirm once more.');
    expect(auth.session.signedIn).toBe(true);

    await user.click(within(alert).getByRole('button', { name: 'Sign in again' }));
    expect(startSso).toHaveBeenCalledExactlyOnceWith({ loginHint: 'ana', reauthenticate: true });
    expect(hasEraseIntent('u-ana')).toBe(true);
  });

  it('shows any other refusal in the dialog', async () => {
    stubServer({ [EXPORTS]: [json(200, { exports: [] })], [ERASE]: [problem(409, 'erasure-pending', 'Your account is already being erased.')] });
    const user = userEvent.setup();
    const { auth } = show();
    const dialog = await openErase(user);
    await user.type(within(dialog).getByRole('textbox'), 'ana');
    await user.click(within(dialog).getByRole('button', { name: 'Delete my account' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Your account is already being erased.');
    expect(within(dialog).queryByRole('button', { name: 'Sign in again' })).toBeNull();
    expect(auth.session.signedIn).toBe(true);
  });

  it('opens at the confirmation again after signing in again for it, once, and only for that user', async () => {
    stubServer({ [EXPORTS]: [json(200, { exports: [] })] });
    rememberEraseIntent('u-ana');
    show();
    const dialog = screen.getByRole('dialog', { name: 'Delete your account?' });
    expect(within(dialog).getByRole('button', { name: 'Delete my account' })).toBeDisabled(); // still to be confirmed
    expect(screen.getByRole('dialog', { name: 'Privacy and data', hidden: true })).toBeInTheDocument();
    expect(hasEraseIntent('u-ana')).toBe(false);
    expect(await screen.findByText('You have not asked for a copy of your data yet.')).toBeInTheDocument();
  });

  it('does not open for someone else who signs in in this tab', async () => {
    stubServer({ [EXPORTS]: [json(200, { exports: [] })] });
    rememberEraseIntent('u-bia');
    show();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(hasEraseIntent('u-bia')).toBe(false);
  });

  it('speaks Portuguese', async () => {
    stubServer({ [EXPORTS]: [json(200, { exports: [] })], [ERASE]: [problem(403, 'recent-sign-in-required')] });
    const user = userEvent.setup();
    show('pt-BR');
    const dialog = await openErase(user, { entry: 'Privacidade e dados', del: 'Excluir minha conta', title: 'Excluir sua conta?' });
    expect(dialog).toHaveTextContent('As salas de que você é dono passam para outro membro delas.');
    await user.type(within(dialog).getByRole('textbox', { name: 'Para confirmar, digite seu usuário, ana' }), 'ana');
    await user.click(within(dialog).getByRole('button', { name: 'Excluir minha conta' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Por segurança, excluir sua conta exige um login recente.');
    expect(within(alert).getByRole('button', { name: 'Entrar de novo' })).toBeInTheDocument();
  });
});
