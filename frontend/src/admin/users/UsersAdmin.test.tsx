import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminApi } from '../../api/adminApi';
import { ApiError } from '../../api/http';
import type { AdminUser, DataRequest } from '../../api/types';
import { I18nProvider } from '../../i18n/I18n';
import type { Locale } from '../../i18n/messages';
import { formatInstant } from '../../moderation/moderation';
import { fakeIntervals, pass, polling, realIntervals } from '../../test/fakeIntervals';
import { USERS_PAGE, UsersAdmin } from './UsersAdmin';

const ana: AdminUser = { id: 'u-ana', username: 'ana', email: 'ana@example.test', enabled: true, createdAt: '2026-11-02T10:00:00Z', roles: ['admin', 'mfa-required'] };
const bia: AdminUser = { id: 'u-bia', username: 'bia', enabled: true, roles: ['moderator'] };
const cy: AdminUser = { id: 'u-cy', username: 'cy', email: 'cy@example.test', enabled: false, roles: [] };

/** A server holding these accounts, answering searches (part of the username) and pages like auth-app. */
function serverWith(all: AdminUser[]) {
  const api = {
    users: vi.fn(async (q: string, first = 0, max = 20) => ({ users: all.filter((u) => u.username.includes(q)).slice(first, first + max) })),
    disableUser: vi.fn(async (_id: string) => undefined),
    enableUser: vi.fn(async (_id: string) => undefined),
    setModerator: vi.fn(async (_id: string, _on: boolean) => undefined),
    exportUser: vi.fn(async (id: string): Promise<DataRequest> => ({ id: 'x-new', kind: 'export', state: 'pending', userId: id, requestedAt: '2026-12-02T10:00:00Z' })),
    eraseUser: vi.fn(async (id: string): Promise<DataRequest> => ({ id: 'e-new', kind: 'erasure', state: 'pending', userId: id, requestedAt: '2026-12-02T10:00:00Z' })),
    dataRequests: vi.fn(async (_id: string): Promise<DataRequest[]> => []),
    downloadExport: vi.fn(async (_r: DataRequest) => ({ blob: new Blob(['zip']), filename: 'blau-export-bia.zip' })),
  };
  return { api, asAdminApi: api as unknown as AdminApi };
}

function show(api: AdminApi, locale: Locale = 'en', selfId?: string) {
  render(
    <I18nProvider initial={locale}>
      <UsersAdmin api={api} selfId={selfId} />
    </I18nProvider>,
  );
}

const rowOf = (username: string) => screen.getByRole('rowheader', { name: username }).closest('tr') as HTMLElement;

describe('UsersAdmin: the table', () => {
  it('lists username, email, status, roles and creation, and says where administrators are appointed', async () => {
    const { asAdminApi, api } = serverWith([ana, bia, cy]);
    show(asAdminApi);
    const table = await screen.findByRole('table', { name: 'Users' });
    expect(api.users).toHaveBeenCalledExactlyOnceWith('', 0, USERS_PAGE);
    expect(table).toHaveAccessibleDescription('The administrator role is granted and taken back in Keycloak’s admin console, not here.');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Username', 'Email', 'Status', 'Roles', 'Created', 'Actions']);
    const cells = (username: string) => [...rowOf(username).querySelectorAll('th, td')].slice(0, 5).map((c) => c.textContent);
    expect(cells('ana')).toEqual(['ana', 'ana@example.test', 'Enabled', 'AdministratorTwo-step required', formatInstant(ana.createdAt!, 'en')]);
    expect(cells('bia')).toEqual(['bia', '—', 'Enabled', 'Moderator', '—']);
    expect(cells('cy')).toEqual(['cy', 'cy@example.test', 'Disabled', '—', '—']);
    // no way to make or unmake an administrator here
    expect(screen.queryByRole('button', { name: /admin/i })).toBeNull();
  });

  it('searches once the typing stops, from the first page', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([ana, bia, cy]);
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Users' });
    await user.type(screen.getByRole('searchbox', { name: 'Search users by name or email' }), 'bi');
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'ana' })).toBeNull());
    expect(screen.getByRole('rowheader', { name: 'bia' })).toBeInTheDocument();
    expect(api.users.mock.calls.map((c) => c[0])).toEqual(['', 'bi']); // one search for the typing, not one per key
    expect(api.users).toHaveBeenLastCalledWith('bi', 0, USERS_PAGE);

    await user.clear(screen.getByRole('searchbox'));
    await user.type(screen.getByRole('searchbox'), 'zed');
    expect(await screen.findByText('No users match “zed”')).toBeInTheDocument();
  });

  it('pages by offset: Next while a page is full, Previous back', async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: USERS_PAGE + 3 }, (_, i): AdminUser => ({ id: `u${i}`, username: `user${String(i).padStart(2, '0')}`, enabled: true, roles: [] }));
    const { asAdminApi, api } = serverWith(many);
    show(asAdminApi);
    const table = await screen.findByRole('table', { name: 'Users' });
    expect(within(table).getAllByRole('row')).toHaveLength(USERS_PAGE + 1);
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    expect(screen.getByText('Page 1')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('rowheader', { name: 'user22' })).toBeInTheDocument();
    expect(api.users).toHaveBeenLastCalledWith('', USERS_PAGE, USERS_PAGE);
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    expect(screen.getAllByTestId('user-row')).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled(); // fewer than a page: the last

    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByRole('rowheader', { name: 'user00' })).toBeInTheDocument();
    expect(api.users).toHaveBeenLastCalledWith('', 0, USERS_PAGE);
  });
});

describe('UsersAdmin: actions', () => {
  it('disables only after a confirmation saying every session and connection of theirs ends', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([ana, bia]);
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Users' });

    await user.click(within(rowOf('bia')).getByRole('button', { name: 'Disable bia' }));
    let dialog = screen.getByRole('dialog', { name: 'Disable bia?' });
    expect(dialog).toHaveAccessibleDescription(
      'They are signed out at once: every session and live connection of theirs ends, and they cannot sign in again until the account is enabled.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.disableUser).not.toHaveBeenCalled();

    await user.click(within(rowOf('bia')).getByRole('button', { name: 'Disable bia' }));
    dialog = screen.getByRole('dialog', { name: 'Disable bia?' });
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }));
    expect(api.disableUser).toHaveBeenCalledExactlyOnceWith('u-bia');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(rowOf('bia')).getByText('Disabled')).toBeInTheDocument();
    expect(within(rowOf('bia')).getByRole('button', { name: 'Enable bia' })).toBeInTheDocument();
  });

  it('keeps the dialog open with the server’s words when it refuses (disabling oneself)', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([ana]);
    api.disableUser.mockRejectedValueOnce(
      new ApiError(409, { type: 'https://blau.dev/problems/cannot-disable-self', title: 'Conflict', detail: 'You cannot disable your own account.' }),
    );
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Users' });
    await user.click(screen.getByRole('button', { name: 'Disable ana' }));
    const dialog = screen.getByRole('dialog', { name: 'Disable ana?' });
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('You cannot disable your own account.');
    expect(screen.getByRole('dialog', { name: 'Disable ana?' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(rowOf('ana')).getByText('Enabled')).toBeInTheDocument();
  });

  it('enables a disabled account at once, without a question', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([cy]);
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Users' });
    await user.click(screen.getByRole('button', { name: 'Enable cy' }));
    expect(api.enableUser).toHaveBeenCalledExactlyOnceWith('u-cy');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await within(rowOf('cy')).findByText('Enabled')).toBeInTheDocument();
  });

  it('grants and revokes moderator, and the row follows', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([ana, bia]);
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Users' });

    await user.click(screen.getByRole('button', { name: 'Make moderator: ana' }));
    expect(api.setModerator).toHaveBeenLastCalledWith('u-ana', true);
    expect(await within(rowOf('ana')).findByText('Moderator')).toBeInTheDocument();
    expect(within(rowOf('ana')).getByRole('button', { name: 'Remove moderator: ana' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Remove moderator: bia' }));
    expect(api.setModerator).toHaveBeenLastCalledWith('u-bia', false);
    await waitFor(() => expect(within(rowOf('bia')).queryByText('Moderator')).toBeNull());
    expect(within(rowOf('bia')).getByRole('button', { name: 'Make moderator: bia' })).toBeInTheDocument();
  });

  it('shows a refusal inline, naming the account, and leaves the row as it was', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([bia]);
    api.setModerator.mockRejectedValueOnce(new ApiError(403, { type: 'https://blau.dev/problems/role-not-grantable', detail: 'This role is not granted here.' }));
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Users' });
    await user.click(screen.getByRole('button', { name: 'Remove moderator: bia' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('bia: This role is not granted here.');
    expect(within(rowOf('bia')).getByText('Moderator')).toBeInTheDocument();
  });

  it('speaks Portuguese', async () => {
    const user = userEvent.setup();
    const { asAdminApi } = serverWith([bia]);
    show(asAdminApi, 'pt-BR');
    await screen.findByRole('table', { name: 'Usuários' });
    expect(screen.getByText('O papel de administrador é concedido e retirado no console de administração do Keycloak, não aqui.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Desativar bia' }));
    expect(screen.getByRole('dialog', { name: 'Desativar bia?' })).toHaveTextContent('todas as sessões e conexões ao vivo dela terminam');
  });
});

describe('UsersAdmin: a user’s data', () => {
  const at = '2026-12-02T10:00:00Z';
  const pendingExport: DataRequest = { id: 'x-new', kind: 'export', state: 'pending', userId: 'u-bia', requestedAt: at };
  const readyExport: DataRequest = {
    ...pendingExport,
    state: 'ready',
    readyAt: at,
    expiresAt: '2099-12-09T10:00:00Z',
    size: 2048,
    download: '/api/v1/chat/exports/x-new/archive',
  };
  let saved: string[];
  beforeEach(() => {
    saved = [];
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  });
  afterEach(() => {
    realIntervals();
    vi.restoreAllMocks();
    delete (URL as { createObjectURL?: unknown }).createObjectURL;
    delete (URL as { revokeObjectURL?: unknown }).revokeObjectURL;
  });

  it('exports a user’s data, follows the export until it is ready, and downloads it', async () => {
    fakeIntervals();
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([ana, bia]);
    api.dataRequests.mockResolvedValueOnce([pendingExport]).mockResolvedValueOnce([pendingExport]).mockResolvedValue([readyExport]);
    show(asAdminApi, 'en', 'u-ana');
    await screen.findByRole('table', { name: 'Users' });

    await user.click(within(rowOf('bia')).getByRole('button', { name: 'Export the data of bia' }));
    expect(api.exportUser).toHaveBeenCalledExactlyOnceWith('u-bia');
    const dialog = await screen.findByRole('dialog', { name: 'Data requests: bia' });
    const list = await within(dialog).findByRole('list', { name: 'Data requests of bia' });
    expect(within(list).getByTestId('data-request')).toHaveTextContent('Data export');
    expect(within(list).getByTestId('data-request')).toHaveTextContent('Preparing…');
    expect(api.dataRequests).toHaveBeenCalledWith('u-bia');

    await polling(1);
    await pass(2000);
    expect(api.dataRequests).toHaveBeenCalledTimes(2);
    await pass(2000);
    const download = await within(dialog).findByRole('button', { name: `Download the export requested ${formatInstant(at, 'en')}` });
    expect(within(list).getByTestId('data-request')).toHaveTextContent('2 KB');
    await polling(0);

    await user.click(download);
    expect(api.downloadExport).toHaveBeenCalledExactlyOnceWith(readyExport);
    await waitFor(() => expect(saved).toEqual(['blau-export-bia.zip']));
  });

  it('says when another export can be asked for after too many', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([bia]);
    api.exportUser.mockRejectedValueOnce(new ApiError(429, { type: 'https://blau.dev/problems/too-many-exports', detail: 'Too many.' }, 300));
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Users' });
    await user.click(screen.getByRole('button', { name: 'Export the data of bia' }));
    const dialog = await screen.findByRole('dialog', { name: 'Data requests: bia' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/^You have asked for several exports lately\. You can ask for another in 5 minutes \(.+\)\.$/);
    expect(await within(dialog).findByText('No data requests for this user yet.')).toBeInTheDocument();
  });

  it('lists a user’s exports and erasures', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([bia]);
    api.dataRequests.mockResolvedValue([
      { id: 'e1', kind: 'erasure', state: 'done', userId: 'u-bia', requestedAt: at },
      { ...readyExport, id: 'x1', state: 'expired' },
    ]);
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Users' });
    await user.click(screen.getByRole('button', { name: 'Data requests of bia' }));
    expect(api.exportUser).not.toHaveBeenCalled();
    const dialog = await screen.findByRole('dialog', { name: 'Data requests: bia' });
    const rows = await within(dialog).findAllByTestId('data-request');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringMatching(/^Account erasure\s*Done/), expect.stringMatching(/^Data export\s*Expired/)]);
    expect(within(dialog).queryByRole('button', { name: /^Download/ })).toBeNull();
    await user.click(within(dialog).getAllByRole('button', { name: 'Close' })[0]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('erases an account only once its username is typed, and never offers to erase one’s own', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([ana, bia]);
    show(asAdminApi, 'en', 'u-ana');
    await screen.findByRole('table', { name: 'Users' });
    expect(within(rowOf('ana')).queryByRole('button', { name: /^Erase/ })).toBeNull();
    expect(within(rowOf('ana')).getByRole('button', { name: 'Export the data of ana' })).toBeInTheDocument();

    await user.click(within(rowOf('bia')).getByRole('button', { name: 'Erase the account of bia' }));
    const dialog = screen.getByRole('dialog', { name: 'Erase the account of bia?' });
    expect(dialog).toHaveAccessibleDescription(expect.stringContaining('“Deleted user” tombstones'));
    expect(dialog).toHaveTextContent('This cannot be undone.');
    const confirm = within(dialog).getByRole('button', { name: 'Erase account' });
    expect(confirm).toBeDisabled();
    const field = within(dialog).getByRole('textbox', { name: 'To confirm, type the username, bia' });
    await user.type(field, 'bi{Enter}');
    expect(api.eraseUser).not.toHaveBeenCalled();
    await user.type(field, 'a');
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    expect(api.eraseUser).toHaveBeenCalledExactlyOnceWith('u-bia');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('The account bia is being erased.')).toBeInTheDocument();
  });

  it('keeps the erasure dialog open with the server’s words when it refuses (erasing oneself)', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([ana]);
    api.eraseUser.mockRejectedValueOnce(new ApiError(409, { type: 'https://blau.dev/problems/cannot-erase-self', detail: 'You cannot erase your own account.' }));
    show(asAdminApi); // who is signed in is not known here: the server still refuses
    await screen.findByRole('table', { name: 'Users' });
    await user.click(screen.getByRole('button', { name: 'Erase the account of ana' }));
    const dialog = screen.getByRole('dialog', { name: 'Erase the account of ana?' });
    await user.type(within(dialog).getByRole('textbox'), 'ana');
    await user.click(within(dialog).getByRole('button', { name: 'Erase account' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('You cannot erase your own account.');
    expect(screen.queryByText('The account ana is being erased.')).toBeNull();
  });

  it('speaks Portuguese', async () => {
    const user = userEvent.setup();
    const { asAdminApi } = serverWith([bia]);
    show(asAdminApi, 'pt-BR');
    await screen.findByRole('table', { name: 'Usuários' });
    await user.click(screen.getByRole('button', { name: 'Excluir a conta de bia' }));
    const dialog = screen.getByRole('dialog', { name: 'Excluir a conta de bia?' });
    expect(within(dialog).getByRole('textbox', { name: 'Para confirmar, digite o usuário, bia' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Excluir conta' })).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }));
    await user.click(screen.getByRole('button', { name: 'Pedidos de dados de bia' }));
    expect(await screen.findByText('Ainda não há pedidos de dados deste usuário.')).toBeInTheDocument();
  });
});
