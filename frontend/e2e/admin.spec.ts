import { expect, test, type Page } from '@playwright/test';
import { administrator, createRoom, PASSWORD, register, send, signIn, uniqueName } from './helpers';

// The administration, for holders of the realm role admin (granted here through Keycloak's admin
// API with the local stack's development admin account; in the local stack an administrator
// signs in with a password, without a second factor).

async function openAdministration(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/administration');
}

test('an administrator disables a signed-in user from the users table: their session ends at once; enabled again, they can sign in', async ({ browser, request }) => {
  const root = await administrator(request);
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pageA = await a.newPage();
  const pageB = await b.newPage();

  // Bia is in the chat, connected
  const bia = uniqueName('bia');
  await register(pageB, bia);
  await createRoom(pageB, uniqueName('room'));
  await expect(pageB.getByText('Connecting…')).toHaveCount(0);

  // the administrator finds her in the users table
  await signIn(pageA, root);
  await openAdministration(pageA);
  await pageA.getByRole('tab', { name: 'Users' }).click();
  await expect(pageA).toHaveURL(/\/administration\/users$/);
  await expect(pageA.getByText('The administrator role is granted and taken back in Keycloak’s admin console, not here.')).toBeVisible();
  await pageA.getByRole('searchbox', { name: 'Search users by name or email' }).fill(bia);
  const users = pageA.getByRole('table', { name: 'Users' });
  // the header and hers alone: the search has answered. Before, she may be a row of the whole list,
  // which the answer redraws, and a click on a row being replaced is lost
  await expect(users.getByRole('row')).toHaveCount(2);
  const row = users.getByRole('row').filter({ has: pageA.getByRole('rowheader', { name: bia, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Enabled');

  // disabling is confirmed first, saying what it does
  await row.getByRole('button', { name: `Disable ${bia}` }).click();
  const confirm = pageA.getByRole('dialog', { name: `Disable ${bia}?` });
  await expect(confirm).toContainText('every session and live connection of theirs ends');
  await confirm.getByRole('button', { name: 'Disable', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText('Disabled');

  // Bia's page leaves the chat for the sign-in page, which says why
  await expect(pageB.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(pageB.getByRole('alert')).toContainText(/account was disabled|session ended/);
  await expect(pageB.getByRole('banner').getByLabel('Search messages')).toHaveCount(0);
  const refused = await request.post('/api/v1/auth/login', { data: { username: bia, password: PASSWORD } });
  expect(refused.status()).toBe(403);

  // enabled again: she may sign in
  await row.getByRole('button', { name: `Enable ${bia}` }).click();
  await expect(row).toContainText('Enabled');
  await signIn(pageB, bia);

  await a.close();
  await b.close();
});

test('the overview counts today’s messages, in a described chart and an accessible table', async ({ page, request }) => {
  const root = await administrator(request);
  await signIn(page, root);
  await createRoom(page, uniqueName('stats'));
  await send(page, 'counted in today’s usage');
  await expect(page.locator('[data-testid=message][data-delivery=sent]')).toHaveCount(1);

  await openAdministration(page);
  await expect(page.getByRole('tab', { name: 'Overview', selected: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Last 30 days', pressed: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Day', exact: true, pressed: true })).toBeVisible();
  const chart = page.getByRole('figure', { name: 'Messages and active users per day' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('svg').first()).toBeVisible();

  // today's row (the report counts UTC days), its first number being the messages
  const today = new Date().toISOString().slice(0, 10);
  const table = page.getByRole('table', { name: 'Usage per day' });
  const todayRow = table.getByRole('row').filter({ has: page.locator(`time[datetime="${today}"]`) });
  const messagesToday = async () => Number((await todayRow.getByRole('cell').first().innerText()).replace(/\D/g, ''));

  // the report may trail the message by a moment: each try asks for a fresh one (the other range)
  let range = 'Last 7 days';
  await expect(async () => {
    await page.getByRole('button', { name: range }).click();
    range = range === 'Last 7 days' ? 'Last 30 days' : 'Last 7 days';
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(todayRow).toHaveCount(1);
    expect(await messagesToday()).toBeGreaterThanOrEqual(1);
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Totals for the period' })).toBeVisible();
});

test('someone who is not an administrator has no entry, and the address tells them it is not for them', async ({ page }) => {
  await register(page, uniqueName('ana'));
  await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  // a reload would sign out (tokens live in memory): go there inside the app, as a link would
  await page.evaluate(() => {
    window.history.pushState(null, '', '/administration/users');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
  await expect(page.getByRole('tab')).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to chat' }).click();
  await expect(page.getByRole('banner').getByLabel('Search messages')).toBeVisible();
});
