import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider, createAuth } from '../auth/AuthProvider';
import { I18nProvider } from '../i18n/I18n';
import type { Locale } from '../i18n/messages';
import { AdminEntry } from './AdminEntry';
import { AdminSwitch } from './AdminSwitch';
import { adminPath, adminSectionOf, isAdmin, navigate } from './route';

function jwt(claims: object): string {
  return `h.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.s`;
}

const ADMIN = { sub: 'a1', preferred_username: 'root', groups: ['user', 'admin'], realm_access: { roles: ['user', 'admin'] } };
const MEMBER = { sub: 'u1', preferred_username: 'ana', groups: ['user', 'moderator'], realm_access: { roles: ['user', 'moderator'] } };

/** The chat (here: its text and the entry) or the administration, for a user signed in with these claims. */
function show(claims: object, locale: Locale = 'en') {
  const auth = createAuth();
  auth.session.start({ accessToken: jwt(claims), refreshToken: 'r', expiresIn: 300 }, 'password');
  render(
    <I18nProvider initial={locale}>
      <AuthProvider value={auth}>
        <AdminSwitch>
          <p>the chat</p>
          <AdminEntry />
        </AdminSwitch>
      </AuthProvider>
    </I18nProvider>,
  );
  return auth;
}

/** The servers as the panel's first screens see them: an empty usage report and no users. */
function stubServer() {
  const fetch = vi.fn(async (url: string) => {
    const path = new URL(url, 'http://x').pathname;
    const body =
      path === '/api/v1/chat/admin/reports/usage'
        ? { bucket: 'day', from: '2026-11-03', to: '2026-12-03', rows: [{ start: '2026-12-02', messages: 4, activeUsers: 2, newUsers: 1, roomsCreated: 0, activeRooms: 1 }] }
        : path === '/api/v1/admin/users'
          ? { users: [] }
          : path === '/api/v1/chat/admin/rooms'
            ? { rooms: [], next: null }
            : {};
    return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const askedPaths = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls.map((call) => new URL(String((call as unknown[])[0]), 'http://x').pathname);

describe('the administration’s address', () => {
  it('has a path per section; an unknown section is the overview; elsewhere is not the administration', () => {
    expect(adminPath()).toBe('/administration');
    expect(adminPath('audit')).toBe('/administration/audit');
    expect(adminSectionOf('/administration')).toBe('overview');
    expect(adminSectionOf('/administration/')).toBe('overview');
    expect(adminSectionOf('/administration/users')).toBe('users');
    expect(adminSectionOf('/administration/retention')).toBe('retention');
    expect(adminPath('retention')).toBe('/administration/retention');
    expect(adminSectionOf('/administration/nothing')).toBe('overview');
    expect(adminSectionOf('/')).toBeUndefined();
    expect(adminSectionOf('/administrations')).toBeUndefined();
    expect(adminSectionOf('/auth/callback')).toBeUndefined();
  });

  it('belongs to holders of the realm role admin', () => {
    expect(isAdmin({ id: 'a', username: 'a', name: 'a', roles: ['user', 'admin'] })).toBe(true);
    expect(isAdmin({ id: 'u', username: 'u', name: 'u', roles: ['user', 'moderator'] })).toBe(false);
    expect(isAdmin(undefined)).toBe(false);
  });
});

describe('the administration: who sees it', () => {
  // the panel is loaded when first opened: loaded here once, so no test waits on it (charts included)
  beforeAll(() => import('./AdminScreen'), 30_000);
  let fetch: ReturnType<typeof stubServer>;
  beforeEach(() => {
    window.history.replaceState(null, '', '/');
    fetch = stubServer();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('an administrator has the entry, a link to the panel', () => {
    show(ADMIN);
    expect(screen.getByRole('link', { name: 'Administration' })).toHaveAttribute('href', '/administration');
  });

  it('anyone else has no entry, a moderator included', () => {
    show(MEMBER);
    expect(screen.getByText('the chat')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Administration' })).toBeNull();
  });

  it('the entry opens the panel in place, on its overview, and “Back to chat” returns to the chat', async () => {
    const user = userEvent.setup();
    show(ADMIN);
    await user.click(screen.getByRole('link', { name: 'Administration' }));
    expect(window.location.pathname).toBe('/administration');
    expect(await screen.findByRole('heading', { level: 1, name: 'Administration' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Overview', selected: true })).toBeInTheDocument();
    expect(screen.queryByText('the chat')).toBeNull();
    expect(await screen.findByRole('table', { name: 'Usage per day' })).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Back to chat' }));
    expect(window.location.pathname).toBe('/');
    expect(screen.getByText('the chat')).toBeInTheDocument();
  });

  it('each tab has its address, and an address opens its tab (a reload, a bookmark, Back)', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/administration/audit');
    show(ADMIN);
    expect(await screen.findByRole('tab', { name: 'Audit log', selected: true })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Users' }));
    expect(window.location.pathname).toBe('/administration/users');
    const panel = screen.getByRole('tabpanel', { name: 'Users' });
    expect(await within(panel).findByText('Nobody found')).toBeInTheDocument();
    expect(askedPaths(fetch)).toContain('/api/v1/admin/users');

    act(() => navigate('/administration/rooms'));
    expect(screen.getByRole('tab', { name: 'Rooms', selected: true })).toBeInTheDocument();
    expect(await screen.findByText('There are no rooms yet.')).toBeInTheDocument();
  });

  it('has a retention tab at its own address, showing every room’s retention', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/administration/rooms');
    show(ADMIN);
    await user.click(await screen.findByRole('tab', { name: 'Retention' }));
    expect(window.location.pathname).toBe('/administration/retention');
    const panel = screen.getByRole('tabpanel', { name: 'Retention' });
    expect(within(panel).getByRole('heading', { level: 2, name: 'Message retention' })).toBeInTheDocument();
    expect(await within(panel).findByRole('radio', { name: 'For good' })).toBeChecked(); // the server said no days
    expect(askedPaths(fetch)).toContain('/api/v1/chat/admin/retention');
  });

  it('someone else at the address is told it is not for them, and the server is asked nothing', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/administration/users');
    show(MEMBER);
    expect(screen.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByText('This page is for administrators only, and your account does not have the administrator role.')).toBeInTheDocument();
    expect(screen.queryByRole('tab')).toBeNull();
    expect(askedPaths(fetch).filter((p) => p.includes('/admin'))).toEqual([]);
    await user.click(screen.getByRole('link', { name: 'Back to chat' }));
    expect(screen.getByText('the chat')).toBeInTheDocument();
  });

  it('says so in Portuguese too', () => {
    window.history.replaceState(null, '', '/administration');
    show(MEMBER, 'pt-BR');
    expect(screen.getByRole('heading', { level: 1, name: 'Acesso não permitido' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Voltar ao chat' })).toBeInTheDocument();
  });
});
