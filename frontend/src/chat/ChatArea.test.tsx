import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import { I18nProvider } from '../i18n/I18n';
import { ChatArea } from './ChatArea';
import type { ChatController } from './ChatController';
import { ChatStore } from './ChatStore';
import { ChatContext } from './useChat';

describe('ChatArea of a public room not joined', () => {
  it('says so when joining is refused because the user is banned', async () => {
    const user = userEvent.setup();
    const store = new ChatStore();
    store.setMe({ id: 'me', username: 'me', name: 'Me' });
    store.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: false }]);
    store.addHistory('r1', [], false);
    store.setActive('r1');
    const join = vi.fn().mockRejectedValueOnce(new ApiError(403, { type: 'https://blau.dev/problems/banned', detail: 'Banned for good.' }));
    const controller = { store, join, loadOlder: vi.fn(async () => undefined) };
    render(
      <I18nProvider initial="en">
        <ChatContext.Provider value={controller as unknown as ChatController}>
          <ChatArea />
        </ChatContext.Provider>
      </I18nProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(join).toHaveBeenCalledWith('r1');
    expect(await screen.findByRole('alert')).toHaveTextContent('You are banned from this room. Banned for good.');
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
  });
});
