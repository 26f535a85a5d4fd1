import { expect, test } from '@playwright/test';
import { messageTexts, send, twoUsersInOneRoom } from './helpers';

test('two people chat live: typing indicator, live message, nothing lost or doubled across a drop, text only', async ({ browser }) => {
  const { a, b, pageA, pageB, nameA, displayA } = await twoUsersInOneRoom(browser);
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  for (const p of [pageA, pageB]) {
    p.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));
    p.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });
  }

  // A types → B sees the indicator
  await pageA.getByRole('textbox', { name: 'Message', exact: true }).pressSequentially('hel', { delay: 50 });
  // the chat server names people by display name, or by username when it has none yet
  await expect(pageB.getByTestId('typing')).toHaveText(new RegExp(`^(${displayA}|${nameA}) is typing…$`));

  // A sends → B sees it live, and the indicator goes
  await pageA.getByRole('textbox', { name: 'Message', exact: true }).fill('hello from A');
  await pageA.getByRole('button', { name: 'Send' }).click();
  await expect(messageTexts(pageB).last()).toHaveText('hello from A');
  await expect(pageB.getByTestId('typing')).toHaveText('');
  await expect(pageA.locator('[data-testid=message][data-delivery=sent]')).toHaveCount(1);

  // B's connection drops while A sends
  await b.setOffline(true);
  await expect(pageB.getByText('Reconnecting…')).toBeVisible();
  const whileAway = ['one while away', 'two while away', 'three while away'];
  for (const text of whileAway) await send(pageA, text);
  await expect(pageA.locator('[data-testid=message][data-delivery=sent]')).toHaveCount(4);
  await b.setOffline(false);
  await expect(pageB.getByText('Back online')).toBeVisible({ timeout: 30_000 });

  const expected = ['hello from A', ...whileAway];
  await expect(messageTexts(pageB)).toHaveText(expected);
  // and after a moment still exactly once each
  await send(pageA, 'after the drop');
  await expect(messageTexts(pageB)).toHaveText([...expected, 'after the drop']);

  // an XSS payload is shown as text and runs nothing
  const payload = '<img src=x onerror=alert(1)>';
  await send(pageA, payload);
  await expect(messageTexts(pageB).last()).toHaveText(payload);
  await expect(messageTexts(pageA).last()).toHaveText(payload);
  await expect(pageB.locator('[data-testid=message-text] img')).toHaveCount(0);
  await pageB.waitForTimeout(500);
  expect(dialogs).toEqual([]);
  expect(cspViolations).toEqual([]);

  // A says they are busy → B's member list shows it
  await pageA.getByRole('combobox', { name: 'Status' }).click();
  await pageA.getByRole('option', { name: 'Busy' }).click();
  await expect(pageB.getByTestId('members').getByRole('listitem').filter({ hasText: nameA }).getByRole('img', { name: 'Busy' })).toBeVisible();

  await a.close();
  await b.close();
});

test('a failed send can be retried and is stored once', async ({ browser }) => {
  const { a, b, pageA, pageB } = await twoUsersInOneRoom(browser);
  await a.setOffline(true);
  await send(pageA, 'sent while offline');
  await expect(pageA.locator('[data-testid=message][data-delivery=failed]')).toHaveCount(1, { timeout: 20_000 });
  await a.setOffline(false);
  await pageA.getByRole('button', { name: 'Retry' }).click();
  await expect(pageA.locator('[data-testid=message][data-delivery=sent]')).toHaveCount(1, { timeout: 20_000 });
  await expect(messageTexts(pageB)).toHaveText(['sent while offline']);
  await a.close();
  await b.close();
});
