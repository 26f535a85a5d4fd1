import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createRoom, joinRoom, register, send } from './helpers';

// Writes docs/screenshots/{signin,chat,actions,thread,search}-{light,dark}-{desktop,phone}.png at the repository root.
// Only on request: BLAU_SCREENSHOTS=1 (npm run screenshots).
const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;


for (const scheme of ['light', 'dark'] as const) {
  for (const [device, viewport] of Object.entries(sizes)) {
    test(`screenshots ${scheme} ${device}`, async ({ browser }) => {
      const context = await browser.newContext({ viewport, colorScheme: scheme, locale: 'en-US', deviceScaleFactor: device === 'phone' ? 2 : 1 });
      const page = await context.newPage();
      await page.goto('/');
      await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
      await page.screenshot({ path: `${docs}/signin-${scheme}-${device}.png` });

      const friend = await browser.newContext();
      const friendPage = await friend.newPage();
      const friendName = `bia.souza-${Math.random().toString(36).slice(2, 6)}`;
      await register(friendPage, friendName, 'Bia Souza');

      await register(page, `ana.lima-${Math.random().toString(36).slice(2, 6)}`, 'Ana Lima');
      const room = `release-${Math.random().toString(36).slice(2, 6)}`;
      await createRoom(page, room);
      await joinRoom(friendPage, room);
      await send(page, 'Bom dia! Shall we go over the release notes?');
      await expect(friendPage.getByTestId('message-text').last()).toHaveText(/release notes/);
      await send(friendPage, 'Sure: the new chat client is in, with dark mode and Portuguese.');
      await send(page, 'Great, and it reconnects by itself now. To try it:\n\n```sh\n./blau\n```\n\n- **edit** and _delete_\n- reactions and `@mentions`');
      const last = friendPage.getByTestId('message').last();
      await expect(last.getByText('reactions and')).toBeVisible();
      await last.hover();
      await last.getByRole('button', { name: 'Add reaction' }).click();
      await friendPage.getByRole('menu', { name: 'Choose an emoji' }).getByRole('menuitem', { name: '🎉' }).click();
      await last.hover();
      await last.getByRole('button', { name: 'Reply' }).click();
      await send(friendPage, 'Reconnects *and* resumes where it left off.');
      await expect(page.getByTestId('open-thread')).toHaveText('1 reply');
      await friendPage.getByRole('textbox', { name: 'Message', exact: true }).pressSequentially('Nice', { delay: 30 });
      await expect(page.getByTestId('typing')).toContainText('is typing');
      await page.getByRole('textbox', { name: 'Message', exact: true }).click();
      await page.mouse.move(0, 0);
      await page.waitForTimeout(400); // let the label and ripple transitions finish
      await page.screenshot({ path: `${docs}/chat-${scheme}-${device}.png` });

      // a message's actions, and its thread
      const mine = page.getByTestId('message').filter({ hasText: 'Bom dia' });
      await mine.hover();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${docs}/actions-${scheme}-${device}.png` });
      await page.getByTestId('open-thread').click();
      await expect(page.getByTestId('thread').getByTestId('message-text')).toHaveCount(2);
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${docs}/thread-${scheme}-${device}.png` });

      // message search: results by room, the matches marked (the index is fed a moment after a send)
      await page.keyboard.press('Escape');
      const panel = page.getByRole('dialog', { name: 'Search results' });
      await expect(async () => {
        if (await panel.isVisible()) {
          await panel.getByRole('searchbox', { name: 'Search messages' }).fill('release');
          await panel.getByRole('button', { name: 'Search', exact: true }).click();
        } else {
          await page.keyboard.press('Control+k');
          const box = page.getByRole('searchbox', { name: 'Search messages' }).first();
          await box.fill('release');
          await box.press('Enter');
        }
        await expect(panel.locator('mark').first()).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${docs}/search-${scheme}-${device}.png` });
      await friend.close();
      await context.close();
    });
  }
}
