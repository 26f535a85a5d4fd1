import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Http } from '../api/http';
import { PrivacyApi } from '../api/privacyApi';
import type { DataRequest } from '../api/types';
import { I18nProvider } from '../i18n/I18n';
import type { Locale } from '../i18n/messages';
import { formatInstant } from '../moderation/moderation';
import { ExportPanel } from './ExportPanel';
import { fakeIntervals, pass, polling, realIntervals } from '../test/fakeIntervals';
import { json, problem, stubServer } from '../test/stubServer';

const EXPORTS = 'GET /api/v1/auth/profile/exports';
const ASK = 'POST /api/v1/auth/profile/export';
const ONE = 'GET /api/v1/auth/profile/exports/x2';
const ARCHIVE = 'GET /api/v1/chat/exports/x2/archive';

const base = { kind: 'export' as const, userId: 'u-ana' };
const pending: DataRequest = { ...base, id: 'x2', state: 'pending', requestedAt: '2026-12-02T10:00:00Z' };
const ready: DataRequest = {
  ...pending,
  state: 'ready',
  readyAt: '2026-12-02T10:00:04Z',
  expiresAt: '2099-12-09T10:00:04Z',
  size: 48_213,
  download: '/api/v1/chat/exports/x2/archive',
};
const older: DataRequest[] = [
  { ...base, id: 'x1', state: 'expired', requestedAt: '2026-11-01T09:00:00Z' },
  { ...base, id: 'x0', state: 'failed', requestedAt: '2026-10-01T09:00:00Z' },
];

function show(locale: Locale = 'en') {
  const view = render(
    <I18nProvider initial={locale}>
      <ExportPanel api={new PrivacyApi(new Http(() => 'tok'))} />
    </I18nProvider>,
  );
  return view;
}

/** The panel follows a pending export: its asking is set up. */
const asking = () => polling(1);
/** The panel has stopped asking. */
const notAsking = () => polling(0);

describe('ExportPanel', () => {
  let saved: Array<{ name: string; href: string }>;
  beforeEach(() => {
    fakeIntervals();
    saved = [];
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, href: this.getAttribute('href') ?? '' });
    });
  });
  afterEach(() => {
    realIntervals();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    delete (URL as { createObjectURL?: unknown }).createObjectURL;
    delete (URL as { revokeObjectURL?: unknown }).revokeObjectURL;
  });

  const user = () => userEvent.setup();

  it('explains what the copy holds, and lists recent exports with their state', async () => {
    stubServer({ [EXPORTS]: [json(200, { exports: [ready, ...older] })] });
    show();
    expect(screen.getByRole('heading', { name: 'Your data' })).toBeInTheDocument();
    expect(screen.getByText(/A ZIP file of JSON with your profile, the rooms you are in, your messages and your files\..*7 days/)).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Recent exports' });
    const rows = within(list).getAllByTestId('data-request');
    expect(rows.map((r) => r.dataset.state)).toEqual(['ready', 'expired', 'failed']);
    expect(rows[0]).toHaveTextContent('Ready');
    expect(rows[0]).toHaveTextContent('47.1 KB');
    expect(rows[0]).toHaveTextContent(`Available until ${formatInstant(ready.expiresAt!, 'en')}`);
    expect(rows[1]).toHaveTextContent('Expired');
    expect(rows[2]).toHaveTextContent('Failed');
    expect(rows[2]).toHaveTextContent('This export could not be prepared. Ask for a new one.');
    // only the ready one can be downloaded
    expect(within(list).getAllByRole('button')).toHaveLength(1);
    expect(within(rows[0]).getByRole('button', { name: `Download the export requested ${formatInstant(ready.requestedAt, 'en')}` })).toBeInTheDocument();
  });

  it('asks for an export, follows it every two seconds until it is ready, then stops asking', async () => {
    const server = stubServer({
      [EXPORTS]: [json(200, { exports: older })],
      [ASK]: [json(202, pending, { Location: '/api/v1/auth/profile/exports/x2' })],
      [ONE]: [json(200, pending), json(200, ready)],
    });
    show();
    await screen.findByRole('list', { name: 'Recent exports' });
    await user().click(screen.getByRole('button', { name: 'Download my data' }));

    const row = () => within(screen.getByRole('list', { name: 'Recent exports' })).getAllByTestId('data-request')[0];
    expect(await screen.findByRole('status')).toHaveTextContent('Your export is being prepared.');
    expect(row()).toHaveAttribute('data-state', 'pending');
    expect(row()).toHaveTextContent('Preparing…');
    expect(screen.getByRole('button', { name: 'Download my data' })).toBeDisabled();
    expect(server.count(ONE)).toBe(0);

    await asking();
    await pass(1999);
    expect(server.count(ONE)).toBe(0);
    await pass(1);
    expect(server.count(ONE)).toBe(1); // still pending
    expect(row()).toHaveAttribute('data-state', 'pending');

    await pass(2000);
    expect(server.count(ONE)).toBe(2);
    expect(await within(row()).findByRole('button', { name: /^Download the export requested/ })).toBeInTheDocument();
    expect(row()).toHaveTextContent('Ready');
    expect(screen.getByRole('button', { name: 'Download my data' })).toBeEnabled();
    expect(screen.queryByRole('status')).toBeNull();

    await notAsking();
    await pass(20_000);
    expect(server.count(ONE)).toBe(2);
    expect(server.calls.filter((c) => c !== ONE)).toEqual([EXPORTS, ASK]);
  });

  it('stops asking when it goes from the screen', async () => {
    const server = stubServer({ [EXPORTS]: [json(200, { exports: [pending] })], [ONE]: [json(200, pending)] });
    const view = show();
    await screen.findByRole('status');
    await asking();
    await pass(2000);
    expect(server.count(ONE)).toBe(1);
    await pass(1000);
    view.unmount();
    await polling(0);
    await pass(20_000);
    expect(server.count(ONE)).toBe(1);
  });

  it('keeps asking through a lost connection, and stops at a refusal, saying it', async () => {
    const server = stubServer({
      [EXPORTS]: [json(200, { exports: [pending] })],
      [ONE]: [() => Promise.reject(new TypeError('offline')) as unknown as Response, problem(404, 'not-found', 'No such export.')],
    });
    show();
    await screen.findByRole('status');
    await asking();
    await pass(2000);
    await pass(2000);
    expect(server.count(ONE)).toBe(2);
    expect(await screen.findByText('No such export.')).toBeInTheDocument();
    await notAsking();
    await pass(20_000);
    expect(server.count(ONE)).toBe(2);
  });

  it('downloads a ready export with the token and saves it under the server’s name for it', async () => {
    const server = stubServer({
      [EXPORTS]: [json(200, { exports: [ready] })],
      [ARCHIVE]: [
        new Response('PK zip bytes', {
          headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="blau-export-ana-2026-12-02.zip"' },
        }),
        new Response('PK zip bytes', { headers: { 'Content-Type': 'application/zip' } }),
      ],
    });
    show();
    const download = await screen.findByRole('button', { name: /^Download the export requested/ });
    await user().click(download);
    expect(server.fetch).toHaveBeenCalledWith('/api/v1/chat/exports/x2/archive', { headers: { Authorization: 'Bearer tok' } });
    await vi.waitFor(() => expect(saved).toEqual([{ name: 'blau-export-ana-2026-12-02.zip', href: 'blob:export' }]));
    // no name given: the usual one
    await user().click(download);
    await vi.waitFor(() => expect(saved[1]).toEqual({ name: 'blau-export.zip', href: 'blob:export' }));
  });

  it('marks an export expired when its archive is gone, and says to ask for a new one', async () => {
    stubServer({ [EXPORTS]: [json(200, { exports: [ready] })], [ARCHIVE]: [problem(410, 'export-expired', 'Gone.')] });
    show();
    await user().click(await screen.findByRole('button', { name: /^Download the export requested/ }));
    expect(await screen.findByText('This download has expired. Ask for a new export.')).toBeInTheDocument();
    expect(screen.getByTestId('data-request')).toHaveAttribute('data-state', 'expired');
    expect(screen.queryByRole('button', { name: /^Download the export/ })).toBeNull();
    expect(saved).toEqual([]);
  });

  it('says when another export can be asked for after too many', async () => {
    fakeIntervals(true);
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    stubServer({
      [EXPORTS]: [json(200, { exports: [] })],
      [ASK]: [problem(429, 'too-many-exports', 'Too many exports.', { 'Retry-After': '1200' }), problem(429, 'too-many-exports')],
    });
    show();
    expect(await screen.findByText('You have not asked for a copy of your data yet.')).toBeInTheDocument();
    await user().click(screen.getByRole('button', { name: 'Download my data' }));
    const at = formatInstant(Date.parse('2026-12-02T10:20:00Z'), 'en');
    expect(await screen.findByText(`You have asked for several exports lately. You can ask for another in 20 minutes (${at}).`)).toBeInTheDocument();
    // without Retry-After: later
    await user().click(screen.getByRole('button', { name: 'Download my data' }));
    expect(await screen.findByText('You have asked for several exports lately. Please try again later.')).toBeInTheDocument();
  });

  it('speaks Portuguese', async () => {
    fakeIntervals(true);
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    stubServer({
      [EXPORTS]: [json(200, { exports: [] })],
      [ASK]: [problem(429, 'too-many-exports', undefined, { 'Retry-After': '7200' }), json(202, pending)],
    });
    show('pt-BR');
    expect(screen.getByRole('heading', { name: 'Seus dados' })).toBeInTheDocument();
    expect(await screen.findByText('Você ainda não pediu uma cópia dos seus dados.')).toBeInTheDocument();
    await user().click(screen.getByRole('button', { name: 'Baixar meus dados' }));
    const at = formatInstant(Date.parse('2026-12-02T12:00:00Z'), 'pt-BR');
    expect(await screen.findByText(`Você pediu várias exportações recentemente. Poderá pedir outra em 2 horas (${at}).`)).toBeInTheDocument();
    await user().click(screen.getByRole('button', { name: 'Baixar meus dados' }));
    expect(await screen.findByText('Preparando…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Baixar meus dados' })).toBeDisabled();
  });
});
