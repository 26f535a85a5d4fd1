import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/I18n';
import { formatInstant } from '../moderation/moderation';
import type { ChatController } from './ChatController';
import { ChatStore } from './ChatStore';
import { Composer } from './Composer';
import { ChatContext } from './useChat';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const inMinutes = (n: number) => new Date(NOW + n * 60_000).toISOString();

/** A composer over a real store; send adds a pending message as the controller does and answers its id. */
function show(mutedUntil?: string) {
  const store = new ChatStore();
  store.setMe({ id: 'me', username: 'me', name: 'Me' });
  store.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true, mutedUntil }]);
  let next = 0;
  const send = vi.fn((roomId: string, text: string) => {
    const clientMsgId = `c${++next}`;
    store.addPending({ clientMsgId, roomId, text, status: 'sending', createdAt: new Date().toISOString() });
    return clientMsgId;
  });
  const discard = vi.fn((roomId: string, clientMsgId: string) => store.removePending(roomId, clientMsgId));
  const controller = { store, send, discard, upload: vi.fn(), typing: vi.fn() } as unknown as ChatController;
  render(
    <I18nProvider initial="en">
      <ChatContext.Provider value={controller}>
        <Composer roomId="r1" />
      </ChatContext.Provider>
    </I18nProvider>,
  );
  return { store, send, discard };
}

const box = () => screen.getByRole('textbox', { name: 'Message' });
const sendButton = () => screen.getByRole('button', { name: 'Send' });
const note = () => screen.queryByTestId('muted-note');

function type(text: string) {
  fireEvent.change(box(), { target: { value: text } });
}

describe('Composer of a muted user', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('is off with a note saying until when, and comes back on by itself when the mute ends', () => {
    const until = inMinutes(15);
    show(until);
    expect(note()).toHaveTextContent(`You are muted in this room until ${formatInstant(until, 'en')}`);
    expect(box()).toBeDisabled();
    expect(sendButton()).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Attach files' })).toBeDisabled();

    act(() => vi.advanceTimersByTime(15 * 60_000 - 1));
    expect(box()).toBeDisabled();
    act(() => vi.advanceTimersByTime(1));
    expect(note()).toBeNull();
    expect(box()).toBeEnabled();
    type('back');
    expect(sendButton()).toBeEnabled();
  });

  it('a mute that already ended does not hold the box', () => {
    show(inMinutes(-1));
    expect(note()).toBeNull();
    expect(box()).toBeEnabled();
  });

  it('a muted frame turns it off keeping the draft; unmuted turns it on again before the end', () => {
    const { store, send } = show();
    type('half a thought');
    act(() => store.setMutedUntil('r1', inMinutes(60)));
    expect(box()).toBeDisabled();
    expect(box()).toHaveValue('half a thought');
    fireEvent.submit(box().closest('form')!);
    expect(send).not.toHaveBeenCalled();

    act(() => store.setMutedUntil('r1', undefined));
    expect(note()).toBeNull();
    expect(box()).toBeEnabled();
    expect(box()).toHaveValue('half a thought');
  });

  it('waits out a mute longer than one timer can: still muted after 25 days, free after 30', () => {
    // browsers fire a timer of more than 2^31-1 ms at once (fake timers do not): it must never be asked for
    const timers = vi.spyOn(globalThis, 'setTimeout');
    show(inMinutes(30 * 24 * 60));
    expect(Math.max(...timers.mock.calls.map((c) => Number(c[1] ?? 0)))).toBeLessThanOrEqual(2 ** 31 - 1);
    act(() => vi.advanceTimersByTime(25 * 24 * 3_600_000));
    expect(box()).toBeDisabled();
    act(() => vi.advanceTimersByTime(5 * 24 * 3_600_000));
    expect(box()).toBeEnabled();
    timers.mockRestore();
  });

  it('a send refused as muted puts the text back in the box with the server’s reason, not in the list', () => {
    const { store, send, discard } = show();
    type('hello there');
    fireEvent.click(sendButton());
    expect(send).toHaveBeenCalledWith('r1', 'hello there', undefined, []);
    expect(box()).toHaveValue('');
    act(() => store.setPendingStatus('r1', 'c1', 'failed', 'You are muted in this room.', 'muted'));
    expect(box()).toHaveValue('hello there');
    expect(screen.getByTestId('send-refused')).toHaveTextContent('You are muted in this room.');
    expect(discard).toHaveBeenCalledWith('r1', 'c1');
    expect(store.getState().pending.r1).toEqual([]);

    // the room's details then tell until when: the note takes over
    act(() => store.setMutedUntil('r1', inMinutes(60)));
    expect(screen.queryByTestId('send-refused')).toBeNull();
    expect(note()).toBeInTheDocument();
    expect(box()).toHaveValue('hello there');
  });

  it('leaves other failures, and messages it did not send, in the list', () => {
    const { store, discard } = show();
    type('one');
    fireEvent.click(sendButton());
    act(() => store.setPendingStatus('r1', 'c1', 'failed', 'Slow down.', 'rate-limited'));
    act(() => store.addPending({ clientMsgId: 'elsewhere', roomId: 'r1', text: 'from the thread', status: 'failed', code: 'muted', createdAt: '' }));
    expect(box()).toHaveValue('');
    expect(discard).not.toHaveBeenCalled();
    expect(store.getState().pending.r1.map((p) => p.clientMsgId)).toEqual(['c1', 'elsewhere']);
  });
});
