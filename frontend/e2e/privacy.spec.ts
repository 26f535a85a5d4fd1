import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { createRoom, openRoomList, PASSWORD, register, send, uniqueName } from './helpers';

// A user's own data: a copy of it to download, and the erasure of their account.

/** Opens "Privacy and data": in the top bar, or on a phone in the rooms drawer. */
async function openPrivacy(page: Page) {
  const inBar = page.getByRole('banner').getByRole('button', { name: 'Privacy and data' });
  if (await inBar.isVisible()) await inBar.click();
  else {
    await openRoomList(page);
    await page.getByRole('button', { name: 'Privacy and data' }).click();
  }
  const dialog = page.getByRole('dialog', { name: 'Privacy and data' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a user asks for a copy of their data, waits for it to be prepared and downloads it as a ZIP', async ({ page }) => {
  test.setTimeout(120_000);
  await register(page, uniqueName('ana'));
  await createRoom(page, uniqueName('mine'));
  await send(page, 'a message that is mine to take away');
  await expect(page.locator('[data-testid=message][data-delivery=sent]')).toHaveCount(1);

  const privacy = await openPrivacy(page);
  await expect(privacy.getByRole('heading', { name: 'Your data' })).toBeVisible();
  await expect(privacy.getByText('You have not asked for a copy of your data yet.')).toBeVisible();
  await privacy.getByRole('button', { name: 'Download my data' }).click();

  // the export is followed while it is prepared, then offered for download
  const exports = privacy.getByRole('list', { name: 'Recent exports' });
  await expect(exports.getByTestId('data-request')).toHaveCount(1);
  const download = exports.getByRole('button', { name: /^Download the export requested/ });
  await expect(download).toBeVisible({ timeout: 60_000 });
  await expect(exports.getByTestId('data-request')).toHaveAttribute('data-state', 'ready');

  const saved = page.waitForEvent('download');
  await download.click();
  const file = await saved;
  expect(file.suggestedFilename()).toMatch(/\.zip$/);
  const bytes = await readFile(await file.path());
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a ZIP archive
});

test('a user deletes their account: signed out with a notice, and their password no longer signs in', async ({ page, request }) => {
  const name = uniqueName('gone');
  await register(page, name); // signed in just now: no second sign-in is asked for

  const privacy = await openPrivacy(page);
  await privacy.getByRole('button', { name: 'Delete my account' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete your account?' });
  await expect(confirm).toContainText('Rooms you own pass to another of their members.');
  await expect(confirm).toContainText('This cannot be undone.');
  const erase = confirm.getByRole('button', { name: 'Delete my account' });
  await expect(erase).toBeDisabled();
  await confirm.getByRole('textbox', { name: `To confirm, type your username, ${name}` }).fill(name);
  await erase.click();

  // out at once, to the sign-in page, which says why
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('Your account is being erased, and you have been signed out.');
  await expect(page.getByRole('banner').getByLabel('Search messages')).toHaveCount(0);

  // the account goes (the erasure may take a moment): its password no longer signs in
  await expect(async () => {
    const login = await request.post('/api/v1/auth/login', { data: { username: name, password: PASSWORD } });
    expect(login.ok()).toBe(false);
  }).toPass({ timeout: 30_000 });
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasNotText: 'being erased' })).toBeVisible();
  await expect(page.getByRole('banner').getByLabel('Search messages')).toHaveCount(0);
});
