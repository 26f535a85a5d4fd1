import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

export const PASSWORD = 'correct horse battery staple';

/** A username nobody has yet: every run registers its own people. */
export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

export async function register(page: Page, username: string, displayName = username): Promise<void> {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.test`);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  await signedIn(page);
}

/** The chat screen is up: its top bar's search (a box, or on a phone an icon; sign-out is then in the rooms drawer). */
export async function signedIn(page: Page): Promise<void> {
  await expect(page.getByRole('banner').getByLabel('Search messages')).toBeVisible();
}

/** A user registered and signed in over the API (no browser): their username and the headers that authenticate them. */
export async function userWithToken(request: APIRequestContext, prefix: string) {
  const username = uniqueName(prefix);
  const created = await request.post('/api/v1/auth/register', {
    data: { username, email: `${username}@example.test`, password: PASSWORD },
  });
  expect(created.status()).toBe(201);
  const login = await request.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { username, headers: { Authorization: `Bearer ${accessToken}` } };
}

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signedIn(page);
}

/** On a phone the room list is a drawer: open it first. */
export async function openRoomList(page: Page): Promise<void> {
  const menu = page.getByRole('button', { name: 'Open room list' });
  if (!(await menu.isVisible())) return;
  await expect(async () => {
    await menu.click();
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 2_000 });
  }).toPass();
}

export async function createRoom(page: Page, name: string, visibility: 'Public' | 'Private' = 'Public'): Promise<void> {
  await openRoomList(page);
  await expect(async () => {
    await page.getByRole('button', { name: 'New room' }).click();
    await expect(page.getByLabel('Room name')).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await page.getByLabel('Room name').fill(name);
  await page.getByRole('radio', { name: visibility }).check();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toBeVisible();
}

export async function joinRoom(page: Page, name: string): Promise<void> {
  await openRoomList(page);
  await page.getByRole('button', { name: 'Browse rooms' }).click();
  await page.getByLabel('Search public rooms').fill(name); // public rooms come a page at a time
  // the search's answer redraws the list: click only then, or the click can land on a row being replaced
  const browse = page.getByRole('dialog', { name: 'Browse rooms' });
  await expect(browse.getByRole('listitem')).toHaveCount(1); // the names are unique
  await browse.getByRole('button', { name: `Join ${name}` }).click();
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toBeVisible();
}

export async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

/** The texts of the messages on screen, in order. */
export function messageTexts(page: Page) {
  return page.getByTestId('message-text');
}

/** Two people in two browser contexts, in one public room. */
export async function twoUsersInOneRoom(browser: Browser) {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  const nameA = uniqueName('ana');
  const nameB = uniqueName('bia');
  const room = uniqueName('room');
  await register(pageA, nameA, `Ana ${nameA.slice(-4)}`);
  await register(pageB, nameB, `Bia ${nameB.slice(-4)}`);
  await createRoom(pageA, room);
  await joinRoom(pageB, room);
  return { a, b, pageA, pageB, nameA, nameB, room, displayA: `Ana ${nameA.slice(-4)}` };
}

/** The local stack's Keycloak (./blau), and its local-development admin account, as the server tests reach it. */
const KEYCLOAK_URL = process.env.BLAU_KEYCLOAK_ORIGIN || 'http://localhost:18080';
const KEYCLOAK_REALM = 'blau';

/**
 * Grants a realm role (e.g. `admin`) through Keycloak's admin REST API, as an administrator would
 * in its console. Tokens issued before carry the old roles: sign the user in afterwards.
 */
export async function grantRealmRole(request: APIRequestContext, username: string, role: string): Promise<void> {
  const signIn = await request.post(`${KEYCLOAK_URL}/realms/master/protocol/openid-connect/token`, {
    form: {
      grant_type: 'password',
      client_id: 'admin-cli',
      username: process.env.KEYCLOAK_ADMIN_USERNAME || 'admin',
      password: process.env.KEYCLOAK_ADMIN_PASSWORD || 'admin',
    },
  });
  expect(signIn.ok(), 'Keycloak admin sign-in').toBe(true);
  const headers = { Authorization: `Bearer ${((await signIn.json()) as { access_token: string }).access_token}` };
  const admin = `${KEYCLOAK_URL}/admin/realms/${KEYCLOAK_REALM}`;

  const users = await request.get(`${admin}/users?exact=true&username=${encodeURIComponent(username)}`, { headers });
  expect(users.ok()).toBe(true);
  const found = (await users.json()) as Array<{ id: string }>;
  expect(found, `Keycloak user ${username}`).toHaveLength(1);
  const realmRole = await request.get(`${admin}/roles/${encodeURIComponent(role)}`, { headers });
  expect(realmRole.ok(), `realm role ${role}`).toBe(true);
  const { id, name } = (await realmRole.json()) as { id: string; name: string };
  const granted = await request.post(`${admin}/users/${found[0].id}/role-mappings/realm`, { headers, data: [{ id, name }] });
  expect(granted.status()).toBe(204);
}

/** Someone registered over the API and made an administrator (not signed in yet): their username. */
export async function administrator(request: APIRequestContext): Promise<string> {
  const { username } = await userWithToken(request, 'root');
  await grantRealmRole(request, username, 'admin');
  return username;
}
