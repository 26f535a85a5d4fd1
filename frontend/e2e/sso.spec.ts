import { expect, test } from '@playwright/test';
import { PASSWORD, uniqueName } from './helpers';

// Single sign-on: Authorization Code + PKCE at Keycloak's login page, back to /auth/callback.
test('sign in with single sign-on through Keycloak', async ({ page, request }) => {
  const username = uniqueName('sso');
  const created = await request.post('/api/v1/auth/register', {
    data: { username, email: `${username}@example.test`, password: PASSWORD, displayName: 'Single Sign' },
  });
  expect(created.status()).toBe(201);

  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
  await page.waitForURL(/\/realms\/blau\/protocol\/openid-connect\/auth/);
  expect(new URL(page.url()).searchParams.get('code_challenge_method')).toBe('S256');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#kc-login').click();

  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 20_000 });
  expect(new URL(page.url()).pathname).toBe('/'); // the code is not left in the address bar
  await expect(page.getByText('Reconnecting…')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});
