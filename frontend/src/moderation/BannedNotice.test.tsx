import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChatController } from '../chat/ChatController';
import { ChatStore } from '../chat/ChatStore';
import { ChatContext } from '../chat/useChat';
import { I18nProvider } from '../i18n/I18n';
import { BannedNotice } from './BannedNotice';
import { formatInstant } from './moderation';

function show() {
  const store = new ChatStore();
  render(
    <I18nProvider initial="en">
      <ChatContext.Provider value={{ store } as unknown as ChatController}>
        <BannedNotice />
      </ChatContext.Provider>
    </I18nProvider>,
  );
  return store;
}

describe('BannedNotice', () => {
  it('says which room, why and until when, and stays until dismissed', async () => {
    const user = userEvent.setup();
    const store = show();
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => store.addBanNotice({ roomId: 'r1', roomName: 'general', reason: 'spam links', until: '2026-12-09T10:00:00Z' }));
    const notice = screen.getByRole('alert');
    expect(notice).toHaveTextContent('You were banned from #general');
    expect(notice).toHaveTextContent('Reason: spam links');
    expect(notice).toHaveTextContent(`The ban lasts until ${formatInstant('2026-12-09T10:00:00Z', 'en')}.`);
    await user.click(document.body); // a click elsewhere does not take it away
    expect(screen.getByRole('alert')).toBeInTheDocument();
    await user.click(within(notice).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(store.getState().banNotices).toEqual([]);
  });

  it('a permanent ban without a reason says just that; several bans are shown one after the other', async () => {
    const user = userEvent.setup();
    const store = show();
    act(() => {
      store.addBanNotice({ roomId: 'r1', roomName: 'general' });
      store.addBanNotice({ roomId: 'r2', roomName: 'random', reason: 'flooding' });
    });
    expect(screen.getByRole('alert')).toHaveTextContent(/^You were banned from #general$/);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('alert')).toHaveTextContent('You were banned from #randomReason: flooding');
  });
});
