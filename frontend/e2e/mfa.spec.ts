import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { PASSWORD, signIn, uniqueName } from './helpers';

/** What an authenticator app shows for this key (Keycloak's default policy: SHA-1, 6 digits, 30 s). */
function authenticator(base32Key: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(base32Key.replace(/\s+/g, '')), algorithm: 'SHA1', digits: 6, period: 30 });
}

async function keycloakSignIn(page: Page, username: string): Promise<void> {
  await page.waitForURL(/\/realms\/blau\//);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#kc-login').click();
}

// Optional second factor: a user sets up an authenticator app from BLAU, and from then on signs
// in through single sign-on with a one-time code; the password form sends them there.
test('set up two-step verification, then sign in with a one-time code', async ({ page, request }) => {
  test.setTimeout(120_000);
  const username = uniqueName('otp');
  const created = await request.post('/api/v1/auth/register', {
    data: { username, email: `${username}@example.test`, password: PASSWORD, displayName: 'Otto Two' },
  });
  expect(created.status()).toBe(201);
  await signIn(page, username);

  // enrol: Keycloak's own page (application-initiated action), after it asks who this is
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();
  await keycloakSignIn(page, username);
  await page.locator('#mode-manual').click();
  const app = authenticator((await page.locator('#kc-totp-secret-key').innerText()).trim());
  await page.locator('#totp').fill(app.generate());
  await page.locator('#userLabel').fill('phone');
  await page.locator('#saveTOTPBtn').click();
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Sign out' }).click();

  // the password form now says why it cannot sign in, and where to go on
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('one-time code from an authenticator app');
  await page.getByRole('button', { name: 'Continue' }).click();

  // single sign-on with the username filled in, then the code; a code works once, so the
  // next period's (accepted one step ahead) stands in for the one the enrolment used
  await page.waitForURL(/\/realms\/blau\//);
  await expect(page.locator('#username')).toHaveValue(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#kc-login').click();
  await page.locator('#otp').fill(app.generate({ timestamp: Date.now() + 30_000 }));
  await page.locator('#kc-login').click();
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 20_000 });
  expect(new URL(page.url()).pathname).toBe('/');
});
