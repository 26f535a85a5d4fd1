import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createRoom, register, send, uniqueName, PASSWORD } from './helpers';

async function expectNoSeriousViolations(page: Page, screen: string) {
  await page.mouse.move(0, 0); // no hover tooltip half faded in
  await page.waitForTimeout(300);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Presses Tab until the element has the focus (at most 40 times). */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 40 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: sign-in, room list and chat screens (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000); // eleven screens and their axe scans, the first on a server just started
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await expectNoSeriousViolations(page, 'sign-in');

    await register(page, uniqueName('axe'));
    await expectNoSeriousViolations(page, 'room list');

    await createRoom(page, uniqueName('axeroom'));
    await send(page, 'hello, **accessible** world with `code`\n\n```js\nconst answer = 42; // a comment\n```\n\n> quoted [link](https://example.org)');
    await expect(page.locator('[data-testid=message][data-delivery=sent]')).toHaveCount(1);
    await expectNoSeriousViolations(page, 'chat');

    // the new parts of a message: reactions, actions on focus, the reply bar, a thread, the notification menu
    const message = page.getByTestId('message').first();
    await message.hover();
    await message.getByRole('button', { name: 'Add reaction' }).click();
    await page.getByRole('menu', { name: 'Choose an emoji' }).getByRole('menuitem', { name: '👍' }).click();
    await expect(message.getByTestId('reactions')).toBeVisible();
    await message.hover();
    await message.getByRole('button', { name: 'Add reaction' }).click();
    await expectNoSeriousViolations(page, 'quick emoji menu');
    await page.getByRole('menu', { name: 'Choose an emoji' }).getByRole('menuitem', { name: 'More emoji…' }).click();
    const allEmoji = page.getByRole('dialog', { name: 'All emoji' });
    await expect(allEmoji.getByRole('textbox', { name: 'Search emoji' })).toBeFocused();
    await expectNoSeriousViolations(page, 'all emoji');
    await page.keyboard.press('Escape');
    await expect(allEmoji).toHaveCount(0);
    await message.getByRole('button', { name: 'Reply' }).focus();
    await expectNoSeriousViolations(page, 'message actions');
    await message.getByRole('button', { name: 'Reply' }).click();
    await send(page, 'an answer');
    await expect(page.getByTestId('open-thread')).toHaveText('1 reply');
    await expectNoSeriousViolations(page, 'reply');
    await page.getByTestId('open-thread').click();
    await expect(page.getByTestId('thread').getByTestId('message-text')).toHaveCount(2);
    await expectNoSeriousViolations(page, 'thread');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Notifications' }).click();
    await expect(page.getByRole('menuitemradio', { name: 'All messages' })).toHaveAttribute('aria-checked', 'true');
    await expectNoSeriousViolations(page, 'notification menu');
    await page.getByRole('menuitemradio', { name: 'Only mentions of me' }).click();
    await page.getByRole('button', { name: 'Notifications' }).click();
    await expect(page.getByRole('menuitemradio', { name: 'Only mentions of me' })).toHaveAttribute('aria-checked', 'true');
    await page.keyboard.press('Escape');
  });
}

test('keyboard only: sign in and send a message', async ({ page, browser }) => {
  // someone to sign in as, with a room
  const username = uniqueName('kbd');
  const setup = await browser.newPage();
  await register(setup, username);
  const room = uniqueName('kbdroom');
  await createRoom(setup, room);
  await setup.close();

  await page.goto('/');
  await expect(page.getByLabel('Username')).toBeFocused(); // the form starts focused
  await page.keyboard.type(username);
  await tabTo(page, page.getByLabel('Password'));
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  const nav = page.getByRole('navigation', { name: 'Rooms' });
  await expect(nav).toBeVisible();

  // Tab through the page until the room is focused, then open it
  const roomButton = nav.getByRole('button', { name: room });
  await tabTo(page, roomButton);
  await page.keyboard.press('Enter');

  const box = page.getByRole('textbox', { name: 'Message', exact: true });
  await tabTo(page, box);
  await page.keyboard.type('typed without a mouse');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('message-text').last()).toHaveText('typed without a mouse');
  await expect(page.locator('[data-testid=message][data-delivery=sent]')).toHaveCount(1);
});
