import { expect, test, type Page } from '@playwright/test';
import { messageTexts, send, twoUsersInOneRoom } from './helpers';

/** The message on screen whose text (or deleted placeholder) matches. */
function message(page: Page, text: string | RegExp) {
  return page.getByTestId('message').filter({ hasText: text });
}

async function act(page: Page, text: string, action: string) {
  const item = message(page, text).last();
  await item.hover();
  await item.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: action }).click();
}

test('edit, react, reply in a thread and delete reach the other person live; Markdown renders, HTML and javascript: links stay inert', async ({
  browser,
}) => {
  const { a, b, pageA, pageB } = await twoUsersInOneRoom(browser);
  const dialogs: string[] = [];
  for (const p of [pageA, pageB]) p.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));

  // Markdown, rendered safely
  await send(pageA, '**bold** and `code` <img src=x onerror=alert(1)> [click me](javascript:alert(2)) [docs](https://example.org)');
  const formatted = message(pageB, 'and');
  await expect(formatted.locator('strong')).toHaveText('bold');
  await expect(formatted.locator('code')).toHaveText('code');
  await expect(formatted).toContainText('<img src=x onerror=alert(1)>');
  await expect(formatted.locator('img')).toHaveCount(0);
  await expect(formatted.getByText('click me')).toBeVisible();
  await expect(formatted.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(formatted.getByRole('link', { name: 'docs' })).toHaveAttribute('rel', 'noopener noreferrer');

  // edit in place: Enter saves; the other side sees the new text, marked as edited
  await send(pageA, 'helo wrld');
  await expect(message(pageB, 'helo wrld')).toBeVisible();
  await act(pageA, 'helo wrld', 'Edit');
  const editor = pageA.getByRole('textbox', { name: 'Edit message' });
  await editor.fill('hello world');
  await editor.press('Enter');
  await expect(message(pageB, 'hello world').getByTestId('edited')).toHaveText('(edited)');
  await expect(message(pageB, 'helo wrld')).toHaveCount(0);

  // react with the picker; the other side sees the chip and adds theirs with a click
  await act(pageB, 'hello world', 'Add reaction');
  await pageB.getByRole('menu', { name: 'Choose an emoji' }).getByRole('menuitem', { name: '🎉' }).click();
  const chipA = message(pageA, 'hello world').getByTestId('reactions').getByRole('button', { name: /^🎉 1/ });
  await expect(chipA).toHaveAttribute('aria-pressed', 'false');
  await chipA.click();
  await expect(message(pageB, 'hello world').getByTestId('reactions').getByRole('button', { name: /^🎉 2/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // the owner pins it; everyone finds it among the room's pins
  await act(pageA, 'hello world', 'Pin');
  await expect(message(pageB, 'hello world').getByRole('img', { name: 'Pinned' })).toBeVisible();
  await pageB.getByRole('button', { name: 'Pinned messages' }).click();
  await expect(pageB.getByTestId('pins').getByTestId('message-text')).toHaveText(['hello world']);
  await pageB.getByRole('dialog', { name: 'Pinned messages' }).getByRole('button', { name: 'Close' }).click();

  // reply: a quote in the timeline, a reply count on the root, the thread in a panel
  await act(pageB, 'hello world', 'Reply');
  await expect(pageB.getByTestId('replying-to')).toContainText('hello world');
  await send(pageB, 'an answer');
  await expect(message(pageA, 'an answer').getByTestId('reply-quote')).toContainText('hello world');
  await message(pageA, 'hello world').first().getByTestId('open-thread').click();
  const thread = pageA.getByTestId('thread');
  await expect(thread.getByTestId('message-text')).toHaveText(['hello world', 'an answer']);
  await pageA.getByRole('textbox', { name: 'Reply in thread' }).fill('answered in the thread');
  await pageA.getByRole('textbox', { name: 'Reply in thread' }).press('Enter');
  await expect(thread.getByTestId('message-text')).toHaveText(['hello world', 'an answer', 'answered in the thread']);
  await expect(message(pageB, 'hello world').first().getByTestId('open-thread')).toHaveText('2 replies');
  await pageA.getByRole('button', { name: 'Close' }).click();

  // delete, after confirming: a placeholder on both sides
  await act(pageA, 'an answer', 'Delete');
  await pageA.getByRole('dialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(pageB.getByTestId('message-deleted')).toHaveText('This message was deleted.');
  await expect(pageB.getByTestId('message-text').filter({ hasText: /^an answer$/ })).toHaveCount(0);

  expect(dialogs).toEqual([]);
  await a.close();
  await b.close();
});

test('edits, deletions, reactions and pins made while someone is offline reach them when they are back, each once', async ({ browser }) => {
  const { a, b, pageA, pageB } = await twoUsersInOneRoom(browser);
  for (const text of ['to be edited', 'to be deleted', 'to be reacted to']) await send(pageA, text);
  await expect(messageTexts(pageB)).toHaveText(['to be edited', 'to be deleted', 'to be reacted to']);

  await b.setOffline(true);
  await expect(pageB.getByText('Reconnecting…')).toBeVisible();

  await act(pageA, 'to be edited', 'Edit');
  const editor = pageA.getByRole('textbox', { name: 'Edit message' });
  await editor.fill('edited while you were away');
  await editor.press('Enter');
  await expect(message(pageA, 'edited while you were away').getByTestId('edited')).toBeVisible();
  await act(pageA, 'to be deleted', 'Delete');
  await pageA.getByRole('dialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(pageA.getByTestId('message-deleted')).toHaveCount(1);
  await act(pageA, 'to be reacted to', 'Add reaction');
  await pageA.getByRole('menu', { name: 'Choose an emoji' }).getByRole('menuitem', { name: '🚀' }).click();
  await expect(message(pageA, 'to be reacted to').getByTestId('reactions').getByRole('button', { name: /^🚀 1/ })).toBeVisible();
  // any emoji, found by a word in the full picker
  await act(pageA, 'to be reacted to', 'Add reaction');
  await pageA.getByRole('menu', { name: 'Choose an emoji' }).getByRole('menuitem', { name: 'More emoji…' }).click();
  const allEmoji = pageA.getByRole('dialog', { name: 'All emoji' });
  await allEmoji.getByRole('textbox', { name: 'Search emoji' }).fill('pizza');
  await allEmoji.getByRole('gridcell', { name: 'pizza' }).click();
  await expect(allEmoji).toHaveCount(0);
  await expect(message(pageA, 'to be reacted to').getByTestId('reactions').getByRole('button', { name: /^🍕 1/ })).toBeVisible();
  await act(pageA, 'to be reacted to', 'Pin');
  await expect(message(pageA, 'to be reacted to').getByRole('img', { name: 'Pinned' })).toBeVisible();

  // still away: none of it has reached B
  await expect(messageTexts(pageB)).toHaveText(['to be edited', 'to be deleted', 'to be reacted to']);

  await b.setOffline(false);
  await expect(pageB.getByText('Back online')).toBeVisible({ timeout: 30_000 });
  await expect(messageTexts(pageB)).toHaveText(['edited while you were away', 'to be reacted to']);
  await expect(message(pageB, 'edited while you were away').getByTestId('edited')).toHaveText('(edited)');
  await expect(pageB.getByTestId('message-deleted')).toHaveText(['This message was deleted.']);
  const chip = message(pageB, 'to be reacted to').getByTestId('reactions').getByRole('button', { name: /^🚀 1/ });
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  await expect(message(pageB, 'to be reacted to').getByTestId('reactions').getByRole('button', { name: /^🍕 1/ })).toBeVisible();
  await expect(message(pageB, 'to be reacted to').getByRole('img', { name: 'Pinned' })).toBeVisible();

  // and live again afterwards: B's own reaction reaches A
  await chip.click();
  await expect(message(pageA, 'to be reacted to').getByTestId('reactions').getByRole('button', { name: /^🚀 2/ })).toBeVisible();
  await a.close();
  await b.close();
});
