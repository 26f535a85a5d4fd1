import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createRoom, messageTexts, register, send, signIn, uniqueName, userWithToken } from './helpers';

type ApiUser = Awaited<ReturnType<typeof userWithToken>>;

const TARGET = 'Ação concluída no redeployed https://example.com/blau/pull/42';

/**
 * Searches from the top bar (or the open panel) until a result has a highlight matching `marked`:
 * the index is fed asynchronously, so a new message is found a little after it is sent. Each try
 * searches again; the mark, not just the text, tells these results from an earlier search's.
 */
async function searchUntilFound(page: Page, q: string, marked: RegExp) {
  const panel = page.getByRole('dialog', { name: 'Search results' });
  const hit = panel.getByTestId('search-result').filter({ has: page.locator('mark', { hasText: marked }) });
  await expect(async () => {
    if (await panel.isVisible()) {
      await panel.getByRole('searchbox', { name: 'Search messages' }).fill(q);
      await panel.getByRole('button', { name: 'Search', exact: true }).click();
    } else {
      const box = page.getByRole('banner').getByRole('searchbox', { name: 'Search messages' });
      await box.fill(q);
      await box.press('Enter');
    }
    await expect(hit.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  return hit;
}

/** Fills a room with messages from several people over the API (the rate limit, 30 per 10 s, is per person). */
async function fill(request: APIRequestContext, roomId: string, senders: ApiUser[], count: number, text: (i: number) => string) {
  for (const s of senders) expect((await request.put(`/api/v1/chat/rooms/${roomId}/members/me`, { headers: s.headers })).ok()).toBe(true);
  for (let i = 1; i <= count; i++) {
    const who = senders[i % senders.length];
    const sent = await request.post(`/api/v1/chat/rooms/${roomId}/messages`, { headers: who.headers, data: { text: text(i), clientMsgId: `fill-${i}` } });
    expect(sent.status()).toBe(201);
  }
}

/** The message in the room's timeline (not in the search panel) whose text matches. */
function inRoom(page: Page, text: string | RegExp) {
  return page
    .getByRole('log', { name: 'Messages' })
    .getByTestId('message')
    .filter({ has: page.getByTestId('message-text').filter({ hasText: text }) });
}

test('search ignores accents, finds parts of words and of links, marks the matches; a result older than the loaded page opens in its room', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000); // people and messages made over the API, and the index catching up
  const name = uniqueName('sana');
  const room = uniqueName('search');
  await register(page, name, `Sana ${name.slice(-4)}`);
  await createRoom(page, room);
  await send(page, 'first of a few');
  await send(page, TARGET);
  await send(page, 'nothing to see here');
  await expect(messageTexts(page)).toHaveText(['first of a few', TARGET, 'nothing to see here']);

  // accents and case ignored: "acao" finds "Ação", marked
  let hit = await searchUntilFound(page, 'acao', /^ação$/iu);
  const panel = page.getByRole('dialog', { name: 'Search results' });
  await expect(hit).toHaveCount(1);
  await expect(hit.getByTestId('search-result-text')).toHaveText(TARGET);
  await expect(panel.getByRole('heading', { level: 3, name: `#${room}` })).toBeVisible();
  await expect(panel.getByRole('list', { name: `#${room}` }).getByRole('listitem')).toHaveCount(1);

  // part of a word, and part of a link
  hit = await searchUntilFound(page, 'deploy', /deploy/i);
  await expect(hit.getByTestId('search-result-text')).toHaveText(TARGET);
  hit = await searchUntilFound(page, 'pull/42', /pull|42/);
  await expect(hit.getByTestId('search-result-text')).toHaveText(TARGET);

  // newest first or most relevant: the same message either way
  await panel.getByRole('button', { name: 'Most relevant' }).click();
  await expect(panel.getByTestId('search-result').filter({ hasText: TARGET })).toHaveCount(1);

  // nothing found says so
  await panel.getByRole('searchbox', { name: 'Search messages' }).fill(`zzqx${Date.now().toString(36)}`);
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(panel.getByText(/^No messages match/)).toBeVisible();
  await panel.getByRole('button', { name: 'Close' }).click();

  // 60 more from two others: the message is no longer in the room's first page (50)
  const helpers = [await userWithToken(request, 'sbia'), await userWithToken(request, 'scai'), await userWithToken(request, 'sduo')];
  const found = await request.get(`/api/v1/chat/rooms/public?q=${encodeURIComponent(room)}&limit=50`, { headers: helpers[0].headers });
  const roomId = ((await found.json()) as { rooms: Array<{ id: string; name: string }> }).rooms.find((r) => r.name === room)!.id;
  await fill(request, roomId, helpers, 60, (i) => `filler ${i}`);
  await expect(inRoom(page, /^filler 60$/)).toBeVisible();

  // signed in again, only the newest page is loaded
  await signIn(page, name);
  hit = await searchUntilFound(page, 'acao', /^ação$/iu);
  await hit.click();
  await expect(page.getByRole('heading', { level: 1, name: room })).toBeVisible();
  const shown = inRoom(page, TARGET);
  await expect(shown).toBeVisible();
  await expect(shown).toBeInViewport();
  await expect(shown).toHaveAttribute('data-focused', 'true');
  await expect(shown).toBeFocused();
  // in context: its neighbours are there too, and the live timeline goes on to the newest
  await expect(inRoom(page, /^first of a few$/)).toHaveCount(1);
  await expect(inRoom(page, /^filler 60$/)).toHaveCount(1);
  await expect(page.getByTestId('detached-bar')).toHaveCount(0);
});

test('a result far back in history opens in a view of older messages; live messages wait in the live timeline; Jump to newest goes back', async ({
  page,
  request,
}) => {
  test.setTimeout(150_000); // nine people and 218 messages made over the API, and the index catching up
  const ana = await userWithToken(request, 'fana');
  const room = uniqueName('farback');
  const created = await request.post('/api/v1/chat/rooms', { headers: ana.headers, data: { name: room, visibility: 'public' } });
  const { id } = (await created.json()) as { id: string };
  const old = `Ação antiga ${uniqueName('tag')}`;
  expect((await request.post(`/api/v1/chat/rooms/${id}/messages`, { headers: ana.headers, data: { text: old, clientMsgId: 'old' } })).status()).toBe(201);
  // more than four pages after it: further back than the live timeline pages to (see jump.ts)
  const senders = [];
  for (let i = 0; i < 8; i++) senders.push(await userWithToken(request, `f${i}`));
  await fill(request, id, senders, 216, (i) => `later ${i}`);

  await signIn(page, ana.username);
  const hit = await searchUntilFound(page, 'antiga', /antiga/i);
  await hit.click();
  const shown = inRoom(page, old);
  await expect(shown).toBeInViewport();
  await expect(shown).toHaveAttribute('data-focused', 'true');
  const bar = page.getByTestId('detached-bar');
  await expect(bar).toContainText('You are viewing older messages.');
  await expect(inRoom(page, /^later 216$/)).toHaveCount(0);
  await expect(page.getByText('This is the beginning of the room.')).toBeVisible(); // the window starts at the room's first message

  // a message arriving meanwhile goes to the live timeline, not into the older view
  const live = await request.post(`/api/v1/chat/rooms/${id}/messages`, { headers: senders[0].headers, data: { text: 'arrived while away', clientMsgId: 'live' } });
  expect(live.status()).toBe(201);
  await expect(page.getByRole('navigation', { name: 'Rooms' }).getByText(/arrived while away/)).toBeVisible(); // it has arrived
  await expect(inRoom(page, 'arrived while away')).toHaveCount(0);
  await expect(shown).toBeInViewport();

  await bar.getByRole('button', { name: 'Jump to newest' }).click();
  await expect(bar).toHaveCount(0);
  await expect(messageTexts(page).last()).toHaveText('arrived while away');
  await expect(inRoom(page, /^later 216$/)).toBeVisible();
  await expect(inRoom(page, old)).toHaveCount(0);
});
