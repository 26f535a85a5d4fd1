import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { createRoom, openRoomList, send, signIn, twoUsersInOneRoom } from './helpers';

// The browser's notifications, recorded: the permission is granted, and what would be shown is kept.
async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const shown: Array<{ title: string; body: string }> = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body ?? '' });
      }
      close() {}
    }
    (window as unknown as { Notification: unknown }).Notification = RecordedNotification;
  });
}

function shownNotifications(page: Page) {
  return page.evaluate(() => (window as unknown as { shownNotifications: Array<{ title: string; body: string }> }).shownNotifications);
}

function roomInList(page: Page, room: string) {
  return page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: new RegExp(`^${room}( |$)`) });
}

async function openRoom(page: Page, room: string): Promise<void> {
  await openRoomList(page);
  await roomInList(page, room).click();
  await expect(page.getByRole('heading', { level: 1, name: room })).toBeVisible();
}

async function chooseNotifications(page: Page, level: string): Promise<void> {
  await page.getByRole('button', { name: 'Notifications' }).click();
  await page.getByRole('menuitemradio', { name: level }).click();
  await expect(page.getByRole('menu')).toHaveCount(0);
}

test('a mention picked from the suggestions badges the room of the person named, notifies as their setting says, and the setting follows them to another device', async ({
  browser,
}) => {
  const { a, b, pageA, pageB, nameB, room } = await twoUsersInOneRoom(browser);
  await b.close();
  // Bia again, on a browser that records notifications
  const bia = await browser.newContext();
  await recordNotifications(bia);
  const biaPage = await bia.newPage();
  await signIn(biaPage, nameB);
  await openRoom(biaPage, room);
  await chooseNotifications(biaPage, 'Only mentions of me');
  const elsewhere = `${room}x`;
  await createRoom(biaPage, elsewhere);

  // Ana types @ and the start of Bia's name; the suggestion completes it
  const composer = pageA.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill(`look @${nameB.slice(0, 4)}`);
  const suggestions = pageA.getByRole('listbox', { name: 'People to mention' });
  await expect(suggestions.getByRole('option', { name: `@${nameB}` })).toBeVisible();
  await composer.press('Enter');
  await expect(composer).toHaveValue(`look @${nameB} `);
  await composer.pressSequentially('at this');
  await pageA.getByRole('button', { name: 'Send' }).click();
  await send(pageA, 'nothing for Bia here');

  // Bia, in another room: a mention badge on the room, one notification (the other message is not a mention)
  await openRoomList(biaPage);
  await expect(roomInList(biaPage, room).getByLabel('1 unread mentions of you')).toBeVisible();
  await expect.poll(() => shownNotifications(biaPage)).toHaveLength(1);
  expect((await shownNotifications(biaPage))[0].body).toContain(`look @${nameB} at this`);

  // opening the room shows the mention marked, and reading it clears the badge
  await openRoom(biaPage, room);
  const mention = biaPage.getByTestId('message').filter({ hasText: 'at this' }).locator('[data-mentions-me]');
  await expect(mention).toHaveAttribute('aria-description', 'Mentions you');
  await expect(biaPage.getByTestId('message').filter({ hasText: 'nothing for Bia' }).locator('[data-mentions-me]')).toHaveCount(0);
  await openRoomList(biaPage);
  await expect(roomInList(biaPage, room).getByTestId('mention-badge')).toHaveCount(0);

  // nothing at all: no notification even for a mention
  await chooseNotifications(biaPage, 'Nothing');
  await openRoom(biaPage, elsewhere);
  await send(pageA, `@${nameB} are you there?`);
  await expect(roomInList(biaPage, room).getByLabel('1 unread mentions of you')).toBeVisible();
  expect(await shownNotifications(biaPage)).toHaveLength(1);

  // the setting is the server's: Bia's other device shows it
  const phone = await browser.newContext();
  const phonePage = await phone.newPage();
  await signIn(phonePage, nameB);
  await openRoom(phonePage, room);
  await phonePage.getByRole('button', { name: 'Notifications' }).click();
  await expect(phonePage.getByRole('menuitemradio', { name: 'Nothing' })).toHaveAttribute('aria-checked', 'true');
  await expect(phonePage.getByRole('menuitemradio', { name: 'All messages' })).toHaveAttribute('aria-checked', 'false');

  await a.close();
  await bia.close();
  await phone.close();
});
