import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileInfo, Message } from '../api/types';
import type { ChatController } from '../chat/ChatController';
import { ChatStore } from '../chat/ChatStore';
import { MessageItem } from '../chat/MessageItem';
import { ChatContext } from '../chat/useChat';
import { I18nProvider } from '../i18n/I18n';
import { fitWithin, MessageAttachments } from './MessageAttachments';

const photo: FileInfo = {
  id: 'p1',
  name: 'beach.jpg',
  contentType: 'image/jpeg',
  size: 2_400_000,
  width: 1600,
  height: 1200,
  url: '/api/v1/chat/files/p1',
  thumbnailUrl: '/api/v1/chat/files/p1/thumbnail',
};
const notes: FileInfo = { id: 'n1', name: 'notes.txt', contentType: 'text/plain', size: 1300, url: '/api/v1/chat/files/n1' };

function show(ui: React.ReactNode, file = vi.fn(async (url: string) => new Blob([url]))) {
  const store = new ChatStore();
  store.setMe({ id: 'me', username: 'me', name: 'Me' });
  const controller = { store, file } as unknown as ChatController;
  const { unmount } = render(
    <I18nProvider initial="en">
      <ChatContext.Provider value={controller}>{ui}</ChatContext.Provider>
    </I18nProvider>,
  );
  return { file, unmount };
}

describe('fitWithin', () => {
  it('scales down to 360 either side keeping the aspect ratio, never up', () => {
    expect(fitWithin(1600, 1200)).toEqual({ width: 360, height: 270 });
    expect(fitWithin(300, 1200)).toEqual({ width: 90, height: 360 });
    expect(fitWithin(100, 50)).toEqual({ width: 100, height: 50 });
    expect(fitWithin(undefined, 50)).toBeUndefined();
  });
});

describe('MessageAttachments', () => {
  const urls = new Map<string, Blob>();
  beforeEach(() => {
    urls.clear();
    let n = 0;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      const href = `blob:test/${++n}`;
      urls.set(href, blob);
      return href;
    });
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    delete (URL as { createObjectURL?: unknown }).createObjectURL;
    delete (URL as { revokeObjectURL?: unknown }).revokeObjectURL;
    vi.restoreAllMocks();
  });

  it('shows an image from its thumbnail, fetched with the token, and revokes the object URL when gone', async () => {
    const { file, unmount } = show(<MessageAttachments files={[photo]} />);
    const preview = await screen.findByAltText('beach.jpg');
    expect(file).toHaveBeenCalledWith('/api/v1/chat/files/p1/thumbnail');
    expect(file).not.toHaveBeenCalledWith('/api/v1/chat/files/p1');
    expect(preview.getAttribute('src')).toMatch(/^blob:test\//);
    expect(screen.getByRole('button', { name: 'Open image beach.jpg' })).toContainElement(preview);
    const href = preview.getAttribute('src')!;
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    unmount();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith(href);
  });

  it('an image without a thumbnail shows the file itself', async () => {
    const { file } = show(<MessageAttachments files={[{ ...photo, thumbnailUrl: undefined }]} />);
    await screen.findByAltText('beach.jpg');
    expect(file).toHaveBeenCalledWith('/api/v1/chat/files/p1');
  });

  it('opens the full image in a lightbox with a download button; Escape closes it', async () => {
    const user = userEvent.setup();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { file } = show(<MessageAttachments files={[photo]} />);
    await user.click(await screen.findByRole('button', { name: 'Open image beach.jpg' }));
    const dialog = await screen.findByRole('dialog', { name: 'beach.jpg' });
    const full = await within(dialog).findByAltText('beach.jpg');
    expect(file).toHaveBeenCalledWith('/api/v1/chat/files/p1');
    expect(await (urls.get(full.getAttribute('src')!) as Blob).text()).toBe('/api/v1/chat/files/p1');

    await user.click(within(dialog).getByRole('button', { name: 'Download beach.jpg' }));
    expect(click).toHaveBeenCalledOnce();
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('beach.jpg');

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows any other file as a card with its name and size that downloads it under its name', async () => {
    const user = userEvent.setup();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { file } = show(<MessageAttachments files={[notes]} />);
    const card = screen.getByRole('button', { name: 'Download notes.txt (1.3 KB)' });
    expect(card).toHaveTextContent('notes.txt');
    expect(card).toHaveTextContent('1.3 KB');
    expect(file).not.toHaveBeenCalled(); // nothing fetched until asked
    await user.click(card);
    await waitFor(() => expect(click).toHaveBeenCalledOnce());
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('notes.txt');
    expect(await urls.get(link.getAttribute('href')!)!.text()).toBe('/api/v1/chat/files/n1');
  });

  it('says so when a download fails', async () => {
    const user = userEvent.setup();
    show(<MessageAttachments files={[notes]} />, vi.fn(async () => Promise.reject(new Error('404'))));
    await user.click(screen.getByRole('button', { name: /^Download notes\.txt/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The download failed.');
  });
});

describe('MessageItem with files', () => {
  const base: Message = { id: 'm1', roomId: 'r1', seq: 3, senderId: 'u2', senderName: 'ana', text: '', createdAt: '2026-01-05T10:00:00Z' };
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:test');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    delete (URL as { createObjectURL?: unknown }).createObjectURL;
    delete (URL as { revokeObjectURL?: unknown }).revokeObjectURL;
  });

  it('puts the files under the text, and a message of files only shows no empty text', async () => {
    show(<MessageItem message={{ ...base, attachments: [photo, notes] }} sender="ana" text="" at={base.createdAt} own={false} />);
    expect(screen.queryByTestId('message-text')).toBeNull();
    const list = screen.getByRole('list', { name: 'Attachments' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(await within(list).findByAltText('beach.jpg')).toBeInTheDocument();
    expect(within(list).getByRole('button', { name: /notes\.txt/ })).toBeInTheDocument();
  });

  it('a deleted message shows no files', () => {
    show(<MessageItem message={{ ...base, deleted: true, attachments: [notes] }} sender="ana" text="" at={base.createdAt} own={false} />);
    expect(screen.queryByRole('list', { name: 'Attachments' })).toBeNull();
    expect(screen.getByTestId('message-deleted')).toBeInTheDocument();
  });
});
