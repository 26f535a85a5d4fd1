import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminApi } from '../../api/adminApi';
import { ApiError } from '../../api/http';
import type { AuditFilter, AuditPage, AuditRecord, AuditVerification } from '../../api/types';
import { I18nProvider } from '../../i18n/I18n';
import type { Locale } from '../../i18n/messages';
import { formatInstant } from '../../moderation/moderation';
import { auditFilter } from './audit';
import { AuditLog } from './AuditLog';

const record = (n: number, action = 'user.disable', details: Record<string, unknown> = {}): AuditRecord => ({
  id: `a${n}`,
  at: `2026-12-02T10:0${n}:00Z`,
  actorId: `admin-${n}`,
  action,
  target: `user:u${n}`,
  details,
  prevHash: `h${n - 1}`,
  hash: `h${n}`,
});

/** A server with these records, newest first, two to a page. */
function serverWith(all: AuditRecord[], verification: AuditVerification = { valid: true, records: all.length }) {
  const api = {
    audit: vi.fn(async (_filter: AuditFilter, cursor?: string): Promise<AuditPage> => {
      const start = cursor ? Number(cursor) : 0;
      return { records: all.slice(start, start + 2), nextCursor: start + 2 < all.length ? String(start + 2) : undefined };
    }),
    auditCsv: vi.fn(async (_filter: AuditFilter) => new Blob(['id,at\n'], { type: 'text/csv' })),
    verifyAudit: vi.fn(async () => verification),
  };
  return { api, asAdminApi: api as unknown as AdminApi };
}

function show(api: AdminApi, locale: Locale = 'en') {
  render(
    <I18nProvider initial={locale}>
      <AuditLog api={api} />
    </I18nProvider>,
  );
}

const actions = () => screen.queryAllByTestId('audit-row').map((r) => r.querySelectorAll('td')[1].textContent);

describe('AuditLog: the table', () => {
  it('shows time, actor, action, target and the details on one line, and loads more by cursor', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([
      record(3, 'room.ban', { roomId: 'r1', reason: 'spam', until: null }),
      record(2, 'user.role.grant', { role: 'moderator' }),
      record(1, 'audit.export'),
    ]);
    show(asAdminApi);
    const table = await screen.findByRole('table', { name: 'Audit log' });
    expect(api.audit).toHaveBeenCalledExactlyOnceWith({});
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'Actor', 'Action', 'Target', 'Details']);
    const first = [...screen.getAllByTestId('audit-row')[0].querySelectorAll('th, td')].map((c) => c.textContent);
    expect(first).toEqual([formatInstant('2026-12-02T10:03:00Z', 'en'), 'admin-3', 'room.ban', 'user:u3', 'roomId: r1, reason: spam']);
    expect(actions()).toEqual(['room.ban', 'user.role.grant']);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(actions()).toEqual(['room.ban', 'user.role.grant', 'audit.export']));
    expect(api.audit).toHaveBeenLastCalledWith({}, '2');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('asks again with the filters applied: actor, an action from the list, and the days as instants', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([record(1)]);
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Audit log' });
    const filters = screen.getByRole('form', { name: 'Filters' });

    await user.type(within(filters).getByRole('textbox', { name: 'Actor id' }), 'admin-1');
    await user.click(within(filters).getByRole('combobox', { name: 'Action' }));
    const listbox = screen.getByRole('listbox');
    expect(within(listbox).getAllByRole('option').map((o) => o.textContent)).toEqual(expect.arrayContaining(['Any action', 'user.disable', 'room.delete', 'search.rebuild']));
    await user.click(within(listbox).getByRole('option', { name: 'room.delete' }));
    fireEvent.change(within(filters).getByLabelText('From'), { target: { value: '2026-12-01' } });
    fireEvent.change(within(filters).getByLabelText('Until (inclusive)'), { target: { value: '2026-12-02' } });
    expect(api.audit).toHaveBeenCalledTimes(1); // nothing asked before Apply

    await user.click(within(filters).getByRole('button', { name: 'Apply' }));
    const expected = auditFilter({ actor: 'admin-1', action: 'room.delete', from: '2026-12-01', to: '2026-12-02' });
    expect(expected).toEqual({ actor: 'admin-1', action: 'room.delete', from: expect.any(String), to: expect.any(String) });
    await waitFor(() => expect(api.audit).toHaveBeenLastCalledWith(expected));

    await user.click(within(filters).getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(api.audit).toHaveBeenLastCalledWith({}));
    expect(within(filters).getByRole('textbox', { name: 'Actor id' })).toHaveValue('');
  });

  it('will not apply a last day before the first', async () => {
    const { asAdminApi } = serverWith([record(1)]);
    show(asAdminApi);
    const filters = screen.getByRole('form', { name: 'Filters' });
    fireEvent.change(within(filters).getByLabelText('From'), { target: { value: '2026-12-05' } });
    fireEvent.change(within(filters).getByLabelText('Until (inclusive)'), { target: { value: '2026-12-01' } });
    expect(within(filters).getByRole('button', { name: 'Apply' })).toBeDisabled();
    expect(within(filters).getByLabelText('Until (inclusive)')).toHaveAttribute('aria-invalid', 'true');
    await screen.findByRole('table', { name: 'Audit log' });
  });

  it('says when nothing matches', async () => {
    const { asAdminApi } = serverWith([]);
    show(asAdminApi);
    expect(await screen.findByText('No records match these filters.')).toBeInTheDocument();
  });
});

describe('AuditLog: export', () => {
  afterEach(() => {
    delete (URL as { createObjectURL?: unknown }).createObjectURL;
    delete (URL as { revokeObjectURL?: unknown }).revokeObjectURL;
    vi.restoreAllMocks();
  });

  it('fetches the CSV of the applied filters with the token and saves it as a file', async () => {
    const user = userEvent.setup();
    const createObjectURL = vi.fn(() => 'blob:csv');
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const saved: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
    const { asAdminApi, api } = serverWith([record(1)]);
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Audit log' });
    await user.type(screen.getByRole('textbox', { name: 'Actor id' }), 'admin-1');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(api.audit).toHaveBeenLastCalledWith({ actor: 'admin-1' }));

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(api.auditCsv).toHaveBeenCalledExactlyOnceWith({ actor: 'admin-1' });
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
    expect(saved[0]).toEqual({ href: 'blob:csv', download: expect.stringMatching(/^blau-audit-\d{4}-\d\d-\d\d\.csv$/) });
  });

  it('says why an export was refused', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([record(1)]);
    api.auditCsv.mockRejectedValueOnce(new ApiError(403, { detail: 'Administrators only.' }));
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Audit log' });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Administrators only.');
  });
});

describe('AuditLog: verifying the chain', () => {
  it('an intact chain says so with the number of records', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([record(1)], { valid: true, records: 1523 });
    show(asAdminApi);
    await user.click(screen.getByRole('button', { name: 'Verify chain' }));
    expect(api.verifyAudit).toHaveBeenCalledOnce();
    const result = await screen.findByTestId('chain-result');
    expect(result).toHaveTextContent('The chain is intact: all 1,523 records check out.');
    expect(result).toHaveClass('MuiAlert-colorSuccess');
  });

  it('a broken chain is an error naming the record where it breaks and why', async () => {
    const user = userEvent.setup();
    const { asAdminApi } = serverWith([record(1)], { valid: false, records: 42, firstBroken: 'a17', reason: 'hash mismatch' });
    show(asAdminApi);
    await user.click(screen.getByRole('button', { name: 'Verify chain' }));
    const result = await screen.findByTestId('chain-result');
    expect(result).toHaveAttribute('role', 'alert');
    expect(result).toHaveClass('MuiAlert-colorError');
    expect(result).toHaveTextContent('The chain is broken at record a17');
    expect(result).toHaveTextContent('hash mismatch');
    expect(result).toHaveTextContent('42 records checked.');
  });

  it('says so in Portuguese', async () => {
    const user = userEvent.setup();
    const { asAdminApi } = serverWith([record(1)], { valid: false, records: 3, firstBroken: 2, reason: 'prevHash' });
    show(asAdminApi, 'pt-BR');
    await user.click(screen.getByRole('button', { name: 'Verificar cadeia' }));
    expect(await screen.findByTestId('chain-result')).toHaveTextContent('A cadeia está quebrada no registro 2');
  });
});
