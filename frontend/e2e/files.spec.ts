import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createRoom, messageTexts, register, twoUsersInOneRoom, uniqueName } from './helpers';

/** A 48 × 32 PNG (blue, a white diagonal): small, but a real image the server can measure and thumbnail. */
const PNG = {
  name: 'stripe.png',
  width: 48,
  height: 32,
  base64:
    'iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAAtUlEQVR42s2XSw6AIAwF5xIe0Xt6MzRxQ4Ign7aPBhdAm0wmioWUxXFe8kEqYjsgLRPPkyohA3rHJkzkkx1UUS5pmfhcFaqisSdhor0dr4qepEgmOvPCVDGUHcDEaIG3KubK/JiYrnRSxWK9ORPrkm1VYfUyWjFh+MWaqML8ZFtkwuP4X1GF329yjgnXXmJCFQE91xATMY1pvyoiG/geJoJvOb+qkNwGG0waoIYqGVANSwxUMt05V/Nup4cfDwAAAABJRU5ErkJggg==',
};

/** Records what the page's Content-Security-Policy blocks (images shown from object URLs need blob:). */
function cspViolations(...pages: Page[]): string[] {
  const seen: string[] = [];
  for (const p of pages) {
    p.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) seen.push(m.text());
    });
  }
  return seen;
}

/** The room's messages (not the thread panel's or the pins'). */
function log(page: Page) {
  return page.getByRole('log', { name: 'Messages' });
}

/** A chosen file's chip above the message box. */
function chip(page: Page, name: string) {
  return page.getByTestId('upload').filter({ hasText: name });
}

/** The image has been fetched (with the token) and decoded: really there, not a broken icon; `width`: its own. */
async function expectLoaded(image: Locator, width?: number) {
  await expect(image).toHaveAttribute('src', /^blob:/);
  const naturalWidth = () => image.evaluate((el) => ((el as HTMLImageElement).complete ? (el as HTMLImageElement).naturalWidth : 0));
  await expect.poll(naturalWidth).toBeGreaterThan(0);
  if (width !== undefined) expect(await naturalWidth()).toBe(width);
}

test('a picture dropped on the chat area is sent; both people see it inline and open it large', async ({ browser }) => {
  const { a, b, pageA, pageB } = await twoUsersInOneRoom(browser);
  const blocked = cspViolations(pageA, pageB);

  // a drag of a file over the room shows where it may go; the drop uploads it at once
  const area = pageA.getByTestId('chat-area');
  const dataTransfer = await pageA.evaluateHandle(({ base64, name }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const files = new DataTransfer();
    files.items.add(new File([bytes], name, { type: 'image/png' }));
    return files;
  }, PNG);
  await area.dispatchEvent('dragenter', { dataTransfer });
  await area.dispatchEvent('dragover', { dataTransfer });
  await expect(pageA.getByText('Drop files to upload')).toBeVisible();
  await area.dispatchEvent('drop', { dataTransfer });
  await expect(pageA.getByTestId('drop-overlay')).toHaveCount(0);
  await expect(chip(pageA, PNG.name)).toHaveAttribute('data-state', 'done');
  await expectLoaded(chip(pageA, PNG.name).locator('img'), PNG.width); // the local file, previewed

  // a file alone is a message: no text needed
  await pageA.getByRole('button', { name: 'Send' }).click();
  await expect(chip(pageA, PNG.name)).toHaveCount(0);
  await expect(pageA.locator('[data-testid=message][data-delivery=sent]')).toHaveCount(1);

  for (const page of [pageA, pageB]) {
    const preview = log(page).getByTestId('message').last().getByRole('button', { name: `Open image ${PNG.name}` });
    await expect(preview).toBeVisible();
    const image = preview.locator('img');
    await expect(image).toHaveAttribute('alt', PNG.name);
    await expectLoaded(image);
    // small images are shown at their own size (the box is reserved from the width and height the server measured)
    const box = await preview.boundingBox();
    expect(Math.round(box!.width)).toBe(PNG.width);
    expect(Math.round(box!.height)).toBe(PNG.height);
    await expect(messageTexts(page)).toHaveCount(0); // no empty text above it
  }

  // the other person opens it: the whole image, named, with a download button; Escape closes it
  await log(pageB).getByRole('button', { name: `Open image ${PNG.name}` }).click();
  const lightbox = pageB.getByRole('dialog', { name: PNG.name });
  await expect(lightbox).toBeVisible();
  await expectLoaded(lightbox.getByRole('img', { name: PNG.name }), PNG.width);
  await expect(lightbox.getByRole('button', { name: `Download ${PNG.name}` })).toBeVisible();
  const download = pageB.waitForEvent('download');
  await lightbox.getByRole('button', { name: `Download ${PNG.name}` }).click();
  expect((await download).suggestedFilename()).toBe(PNG.name);
  await pageB.keyboard.press('Escape');
  await expect(lightbox).toHaveCount(0);

  expect(blocked).toEqual([]);
  await a.close();
  await b.close();
});

test('a screenshot pasted into the message box goes with the text', async ({ page }) => {
  const blocked = cspViolations(page);
  await register(page, uniqueName('paste'));
  await createRoom(page, uniqueName('pasted'));
  const box = page.getByRole('textbox', { name: 'Message', exact: true });
  await box.fill('this is what I see');
  // what the browser hands a page when an image is on the clipboard (a screenshot has no file name of its own)
  await box.evaluate((el, base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const clipboard = new DataTransfer();
    clipboard.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
  }, PNG.base64);
  await expect(box).toHaveValue('this is what I see'); // the picture went to the chips, not into the text
  await expect(chip(page, 'image.png')).toHaveAttribute('data-state', 'done');
  await box.press('Enter');
  await expect(chip(page, 'image.png')).toHaveCount(0);

  const sent = log(page).locator('[data-testid=message][data-delivery=sent]');
  await expect(sent).toHaveCount(1);
  await expect(sent.getByTestId('message-text')).toHaveText('this is what I see');
  await expectLoaded(sent.getByRole('button', { name: 'Open image image.png' }).locator('img'));
  expect(blocked).toEqual([]);
});

test('a text file chosen with the paperclip is sent, and the other person downloads it as it was', async ({ browser }) => {
  const { a, b, pageA, pageB } = await twoUsersInOneRoom(browser);
  const content = `Minutes of ${new Date().toISOString()}\n- ship files in messages\n- ação: revisar\n`;
  const size = Buffer.byteLength(content);

  const chooser = pageA.waitForEvent('filechooser');
  await pageA.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles({ name: 'minutes.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
  await expect(chip(pageA, 'minutes.txt')).toContainText(`${size} B`);
  await expect(chip(pageA, 'minutes.txt')).toHaveAttribute('data-state', 'done');
  await pageA.getByRole('textbox', { name: 'Message', exact: true }).fill('the minutes');
  await pageA.getByRole('button', { name: 'Send' }).click();
  await expect(pageA.locator('[data-testid=message][data-delivery=sent]')).toHaveCount(1);

  const message = log(pageB).getByTestId('message').filter({ hasText: 'the minutes' });
  const card = message.getByRole('button', { name: `Download minutes.txt (${size} B)` });
  await expect(card).toBeVisible();
  const download = pageB.waitForEvent('download');
  await card.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('minutes.txt');
  expect(await readFile(await file.path(), 'utf8')).toBe(content);

  await a.close();
  await b.close();
});
