import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FileInfo, Room } from '../api/types';
import { ChatArea } from '../chat/ChatArea';
import type { ChatController } from '../chat/ChatController';
import { ChatStore } from '../chat/ChatStore';
import { ChatContext } from '../chat/useChat';
import { I18nProvider } from '../i18n/I18n';

function show(room: Partial<Room> = {}) {
  const store = new ChatStore();
  store.setMe({ id: 'me', username: 'me', name: 'Me' });
  store.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true, ...room }]);
  store.setActive('r1');
  const upload = vi.fn(() => ({ done: new Promise<FileInfo>(() => undefined), abort: vi.fn() }));
  const controller = { store, upload, send: vi.fn(), typing: vi.fn(), loadOlder: vi.fn(async () => undefined) } as unknown as ChatController;
  render(
    <I18nProvider initial="en">
      <ChatContext.Provider value={controller}>
        <ChatArea />
      </ChatContext.Provider>
    </I18nProvider>,
  );
  return { upload, area: screen.getByTestId('chat-area') };
}

const files = (...list: File[]) => ({ dataTransfer: { types: ['Files'], files: list, dropEffect: 'none' } });

describe('dropping files on the chat area', () => {
  it('shows the drop overlay while files are over it, and uploads what is dropped for the next message', () => {
    const { upload, area } = show();
    const report = new File(['%PDF'], 'report.pdf', { type: 'application/pdf' });
    fireEvent.dragEnter(area, files(report));
    expect(screen.getByTestId('drop-overlay')).toHaveTextContent('Drop files to upload');
    // crossing into a child and back out of it keeps the overlay
    fireEvent.dragEnter(screen.getByRole('log'), files(report));
    fireEvent.dragLeave(screen.getByRole('log'), files(report));
    expect(screen.getByTestId('drop-overlay')).toBeInTheDocument();
    fireEvent.dragLeave(area, files(report));
    expect(screen.queryByTestId('drop-overlay')).toBeNull();

    fireEvent.dragEnter(area, files(report));
    const drop = fireEvent.drop(area, files(report));
    expect(drop).toBe(false); // handled: the browser does not open the file
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    expect(upload).toHaveBeenCalledWith('r1', report, expect.any(Function));
    expect(screen.getByTestId('upload')).toHaveTextContent('report.pdf');
  });

  it('ignores drags of text (a selection, a link)', () => {
    const text = { dataTransfer: { types: ['text/plain'], files: [] } };
    const first = show();
    fireEvent.dragEnter(first.area, text);
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
  });

  it('takes no files in a room the user has not joined', () => {
    const { upload, area } = show({ joined: false });
    const report = new File(['x'], 'report.pdf', { type: 'application/pdf' });
    fireEvent.dragEnter(area, files(report));
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    fireEvent.drop(area, files(report));
    expect(upload).not.toHaveBeenCalled();
  });
});
