import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../api/types';
import { I18nProvider } from '../i18n/I18n';
import type { ChatController } from './ChatController';
import { ChatStore } from './ChatStore';
import { MessageList } from './MessageList';
import { ChatContext } from './useChat';

const msg = (seq: number): Message => ({ id: `m${seq}`, roomId: 'r1', seq, senderId: 'u2', senderName: 'Ana', text: `message ${seq}`, createdAt: new Date(Date.UTC(2026, 0, 5, 10, 0, seq)).toISOString() });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => msg(from + i));

function show() {
  const store = new ChatStore();
  store.setMe({ id: 'me', username: 'me', name: 'Me' });
  store.addHistory('r1', range(291, 300), true); // a short live run and window: rendering is slow in jsdom
  const controller = {
    store,
    loadOlder: vi.fn(async () => undefined),
    loadOlderDetached: vi.fn(async () => undefined),
    loadNewerDetached: vi.fn(async () => undefined),
    showNewest: vi.fn(() => {
      store.setDetached(undefined);
      store.setFocus(undefined);
    }),
  };
  render(
    <I18nProvider initial="en">
      <ChatContext.Provider value={controller as unknown as ChatController}>
        <MessageList roomId="r1" />
      </ChatContext.Provider>
    </I18nProvider>,
  );
  return { store, controller };
}

const shownSeqs = () => screen.getAllByTestId('message').map((li) => Number(li.dataset.seq));

describe('MessageList after a jump', { timeout: 20_000 }, () => {
  const scrolled: Element[] = [];
  beforeEach(() => {
    scrolled.length = 0;
    // jsdom has no layout: record what was scrolled into view
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
  });
  afterEach(() => {
    delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
  });

  it('scrolls to the message jumped to in the live timeline, highlights and focuses it', () => {
    const { store } = show();
    act(() => store.setFocus({ roomId: 'r1', seq: 295, key: 1 }));
    const target = screen.getAllByTestId('message').find((li) => li.dataset.seq === '295')!;
    expect(target).toHaveAttribute('data-focused', 'true');
    expect(scrolled).toEqual([target]);
    expect(target).toHaveFocus();
    expect(screen.queryByTestId('detached-bar')).toBeNull();
  });

  it('shows a detached run of older history with its own paging, live messages kept for the live timeline', async () => {
    const user = userEvent.setup();
    const { store, controller } = show();
    controller.loadOlder.mockClear(); // jsdom's first page never fills the screen: it asked for more
    act(() => {
      store.setDetached({ roomId: 'r1', messages: range(95, 104), hasOlder: true, hasNewer: true, loading: false });
      store.setFocus({ roomId: 'r1', seq: 100, key: 2 });
    });
    expect(shownSeqs()).toEqual(range(95, 104).map((m) => m.seq));
    const target = screen.getAllByTestId('message').find((li) => li.dataset.seq === '100')!;
    expect(target).toHaveAttribute('data-focused', 'true');
    expect(scrolled).toEqual([target]);
    expect(screen.queryByText('This is the beginning of the room.')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Show older messages' }));
    expect(controller.loadOlderDetached).toHaveBeenCalledWith('r1');
    await user.click(screen.getByRole('button', { name: 'Show newer messages' }));
    expect(controller.loadNewerDetached).toHaveBeenCalledWith('r1');
    expect(controller.loadOlder).not.toHaveBeenCalled(); // the live timeline is not paged meanwhile

    act(() => store.addMessage(msg(301), true));
    expect(shownSeqs()).not.toContain(301);

    const bar = screen.getByTestId('detached-bar');
    expect(bar).toHaveTextContent('You are viewing older messages.');
    await user.click(within(bar).getByRole('button', { name: 'Jump to newest' }));
    expect(controller.showNewest).toHaveBeenCalled();
    expect(shownSeqs()).toEqual(range(291, 301).map((m) => m.seq));
    expect(screen.queryByTestId('detached-bar')).toBeNull();
    expect(document.querySelector('[data-focused]')).toBeNull();
  });

  it('says where the room begins in a detached run that reaches it', () => {
    const { store } = show();
    act(() => store.setDetached({ roomId: 'r1', messages: range(1, 10), hasOlder: false, hasNewer: true, loading: false }));
    expect(screen.getByText('This is the beginning of the room.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show older messages' })).toBeNull();
  });
});
