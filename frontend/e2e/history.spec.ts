import { expect, test } from '@playwright/test';
import { signIn, uniqueName, userWithToken } from './helpers';

test('history loads page by page while scrolling up, unread badge counts what others sent after one\'s own last message', async ({ page, request }) => {
  // 60 messages, Ana's 30 then Bia's 30 (the rate limit is per person): two pages of 50
  const ana = await userWithToken(request, 'hana');
  const bia = await userWithToken(request, 'hbia');
  const room = uniqueName('history');
  const created = await request.post('/api/v1/chat/rooms', { headers: ana.headers, data: { name: room, visibility: 'public' } });
  const { id } = (await created.json()) as { id: string };
  expect((await request.put(`/api/v1/chat/rooms/${id}/members/me`, { headers: bia.headers })).ok()).toBe(true);
  for (let i = 1; i <= 60; i++) {
    const who = i <= 30 ? ana : bia;
    const sent = await request.post(`/api/v1/chat/rooms/${id}/messages`, { headers: who.headers, data: { text: `message ${i}`, clientMsgId: `h${i}` } });
    expect(sent.status()).toBe(201);
  }

  await signIn(page, ana.username);
  const entry = page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: new RegExp(room) });
  await expect(entry.getByLabel('30 unread')).toBeVisible(); // Bia's 30, after Ana's own
  await entry.click();

  const log = page.getByRole('log', { name: 'Messages' });
  const texts = page.getByTestId('message-text');
  await expect(texts.last()).toHaveText('message 60');
  await expect(texts).toHaveCount(50);
  await expect(entry.getByLabel('30 unread')).toHaveCount(0); // read while viewing

  await log.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(texts).toHaveCount(60);
  await expect(texts.first()).toHaveText('message 1');
  await expect(page.getByText('This is the beginning of the room.')).toBeVisible();

  // leaving takes the room out of the list; it can be found again among public rooms
  await page.getByRole('button', { name: 'Leave room' }).click();
  await expect(entry).toHaveCount(0);
  await page.getByRole('button', { name: 'Browse rooms' }).click();
  await page.getByLabel('Search public rooms').fill(room.toUpperCase().slice(2)); // any part, any case
  await expect(page.getByRole('button', { name: `Join ${room}` })).toBeVisible();
});
