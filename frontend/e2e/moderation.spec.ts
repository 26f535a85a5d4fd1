import { expect, test } from '@playwright/test';
import { createRoom, openRoomList, register, send, twoUsersInOneRoom, uniqueName, userWithToken } from './helpers';

test('the owner bans a member with a reason: they are told why, the room leaves their list, and joining it again is refused', async ({ browser }) => {
  const { a, b, pageA, pageB, nameB, room } = await twoUsersInOneRoom(browser);
  // the chat server names people by display name, or by username when it has none yet
  const bia = new RegExp(`^Actions for (Bia ${nameB.slice(-4)}|${nameB})$`);
  await send(pageB, 'hello, I am new here');
  await expect(pageB.getByRole('heading', { level: 1, name: room })).toBeVisible();

  // the owner bans Bia from her entry in the member list, with a reason, for a day
  const members = pageA.getByTestId('members');
  await members.getByRole('button', { name: bia }).click();
  await pageA.getByRole('menu').getByRole('menuitem', { name: 'Ban' }).click();
  const dialog = pageA.getByRole('dialog', { name: /^Ban .+\?$/ });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('posting spam links');
  await dialog.getByRole('radio', { name: '1 day' }).check();
  await dialog.getByRole('button', { name: 'Ban' }).click();
  await expect(dialog).toBeHidden();
  await expect(members.getByRole('button', { name: bia })).toHaveCount(0);

  // Bia is told, with the reason; the room is gone from her list and her screen
  const notice = pageB.getByTestId('banned-notice');
  await expect(notice).toContainText(`You were banned from #${room}`);
  await expect(notice).toContainText('Reason: posting spam links');
  await expect(notice).toContainText('The ban lasts until');
  await openRoomList(pageB);
  await expect(pageB.getByRole('navigation', { name: 'Rooms' }).getByText(room, { exact: true })).toHaveCount(0);
  await expect(pageB.getByRole('heading', { level: 1, name: room })).toHaveCount(0);
  await notice.getByRole('button', { name: 'Close' }).click();
  await expect(notice).toBeHidden();

  // joining it again through browse rooms is refused, and says why
  await pageB.getByRole('button', { name: 'Browse rooms' }).click();
  const browse = pageB.getByRole('dialog', { name: 'Browse rooms' });
  await browse.getByLabel('Search public rooms').fill(room);
  await expect(browse.getByRole('listitem')).toHaveCount(1); // the search answered (see joinRoom)
  await browse.getByRole('button', { name: `Join ${room}` }).click();
  await expect(browse.getByRole('alert')).toContainText('You are banned from this room.');
  await expect(pageB.getByRole('textbox', { name: 'Message', exact: true })).toHaveCount(0);

  await a.close();
  await b.close();
});

test('the owner makes a private room public only after being told its whole history becomes readable', async ({ page, request }) => {
  const owner = uniqueName('ana');
  const room = uniqueName('secret');
  await register(page, owner);
  await createRoom(page, room, 'Private');
  await send(page, 'said while the room was private');
  // someone else, over the API: finds the room among the public ones only once it is public
  const other = await userWithToken(request, 'bia');
  const publicRooms = async () => {
    const answer = await request.get(`/api/v1/chat/rooms/public?q=${encodeURIComponent(room)}`, { headers: other.headers });
    expect(answer.ok()).toBe(true);
    return ((await answer.json()) as { rooms: Array<{ name: string }> }).rooms.map((r) => r.name);
  };

  await page.getByRole('button', { name: 'Room settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Room settings' });
  await expect(settings.getByRole('radio', { name: 'Private' })).toBeChecked();
  await settings.getByRole('radio', { name: 'Public' }).check();
  await settings.getByRole('button', { name: 'Save' }).click();

  const confirm = page.getByRole('dialog', { name: 'Make this room public?' });
  await expect(confirm).toContainText(
    'The whole history of the room, every message sent in it so far, becomes readable by everyone who can find the room.',
  );
  expect(await publicRooms()).toEqual([]); // nothing applied while the question is open

  await confirm.getByRole('button', { name: 'Make public' }).click();
  await expect(confirm).toBeHidden();
  await expect(settings).toBeHidden();
  await expect.poll(publicRooms).toEqual([room]);
});
