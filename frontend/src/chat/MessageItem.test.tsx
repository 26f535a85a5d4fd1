import { createTheme, ThemeProvider } from '@mui/material';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Message } from '../api/types';
import { I18nProvider } from '../i18n/I18n';
import type { Locale } from '../i18n/messages';
import type { ChatController } from './ChatController';
import { ChatStore } from './ChatStore';
import { MessageItem } from './MessageItem';
import { ChatContext } from './useChat';

const message: Message = { id: 'm1', roomId: 'r1', seq: 7, senderId: 'u2', senderName: 'ana', text: 'shipped!', createdAt: '2026-01-05T10:00:00Z' };

/** Someone else's message, over a controller that records reactions, in the given language and theme mode. */
function show(locale: Locale = 'en', mode: 'light' | 'dark' = 'light') {
  const react = vi.fn(async () => undefined);
  const controller = { store: new ChatStore(), react } as unknown as ChatController;
  render(
    <ThemeProvider theme={createTheme({ palette: { mode } })}>
      <I18nProvider initial={locale}>
        <ChatContext.Provider value={controller}>
          <MessageItem message={message} sender="ana" text={message.text} at={message.createdAt} own={false} />
        </ChatContext.Provider>
      </I18nProvider>
    </ThemeProvider>,
  );
  return react;
}

type User = ReturnType<typeof userEvent.setup>;

/** Opens the full picker through the quick menu; resolves once it has loaded (its search box is there). */
async function openAllEmoji(user: User, words = { react: 'Add reaction', more: 'More emoji…', all: 'All emoji', search: 'Search emoji' }) {
  await user.click(screen.getByRole('button', { name: words.react }));
  await user.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: words.more }));
  const dialog = await screen.findByRole('dialog', { name: words.all });
  const search = await within(dialog).findByRole('textbox', { name: words.search }, { timeout: 5000 });
  return { dialog, search };
}

/**
 * Types a search and waits for the picker's announcement of its results. jsdom has no layout, so
 * the picker does not virtualize and renders all ~1900 emoji: filtering them takes a while here.
 */
async function search(user: User, dialog: HTMLElement, input: HTMLElement, words: string, announced: RegExp) {
  await user.type(input, words);
  await within(dialog).findByText(announced, undefined, { timeout: 10_000 });
}

// Slow for a unit test (see search above), hence the longer timeout.
describe('MessageItem reactions', { timeout: 30_000 }, () => {
  it('reacts with one of the common emoji from the quick menu, which also offers more', async () => {
    const user = userEvent.setup();
    const react = show();
    await user.click(screen.getByRole('button', { name: 'Add reaction' }));
    const menu = screen.getByRole('menu', { name: 'Choose an emoji' });
    expect(within(menu).getByRole('menuitem', { name: 'More emoji…' })).toBeInTheDocument();
    await user.click(within(menu).getByRole('menuitem', { name: '🎉' }));
    expect(react).toHaveBeenCalledWith('r1', 7, '🎉', true);
  });

  it('finds any emoji by a word in the full picker, reacts with it and closes', async () => {
    const user = userEvent.setup();
    const react = show();
    const { dialog, search: input } = await openAllEmoji(user);
    expect(screen.queryByRole('menu')).toBeNull(); // the quick menu gave way
    await waitFor(() => expect(input).toHaveFocus()); // type straight away
    expect(within(dialog).getByRole('tab', { name: 'Food & Drink' })).toBeInTheDocument();

    await search(user, dialog, input, 'pizza', /emoji found/);
    const found = within(dialog).getAllByRole('gridcell');
    expect(found.map((cell) => cell.getAttribute('aria-label'))).toContain('pizza');
    expect(found.length).toBeLessThan(10); // filtered, not the whole set
    await user.click(within(dialog).getByRole('gridcell', { name: 'pizza' }));
    expect(react).toHaveBeenCalledWith('r1', 7, '🍕', true);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'All emoji' })).toBeNull());
  });

  it('reacts with the skin tone chosen in the full picker', async () => {
    const user = userEvent.setup();
    const react = show();
    const { dialog, search: input } = await openAllEmoji(user);
    await user.click(within(dialog).getByRole('button', { name: 'Default skin tone' })); // opens the tones
    await user.click(within(dialog).getByRole('button', { name: 'Medium-dark skin tone' }));
    await search(user, dialog, input, 'thumbs up', /emoji found/);
    await user.click(within(dialog).getByRole('gridcell', { name: 'thumbs up' }));
    expect(react).toHaveBeenCalledWith('r1', 7, '👍🏾', true);
  });

  it('speaks Portuguese, searches Portuguese names and follows the dark theme', async () => {
    const user = userEvent.setup();
    const react = show('pt-BR', 'dark');
    const { dialog, search: input } = await openAllEmoji(user, { react: 'Adicionar reação', more: 'Mais emojis…', all: 'Todos os emojis', search: 'Buscar emoji' });
    expect(dialog.querySelector('[data-epr-part="root"]')).toHaveClass('epr-dark-theme');
    await search(user, dialog, input, 'foguete', /encontrado/);
    await user.click(within(dialog).getByRole('gridcell', { name: 'foguete' }));
    expect(react).toHaveBeenCalledWith('r1', 7, '🚀', true);
  });
});

describe('MessageItem of an erased account', () => {
  it('shows the server’s tombstone: “Deleted user” and the deleted-message line, with no text, files, reactions or actions', () => {
    const tombstone: Message = {
      ...message,
      senderId: 'u-gone',
      senderName: 'Deleted user',
      text: '',
      deleted: true,
      reactions: [{ emoji: '🎉', count: 1, userIds: ['u1'] }],
      replyCount: 2,
    };
    const controller = { store: new ChatStore(), react: vi.fn() } as unknown as ChatController;
    render(
      <I18nProvider initial="en">
        <ChatContext.Provider value={controller}>
          <MessageItem message={tombstone} sender={tombstone.senderName!} text={tombstone.text} at={tombstone.createdAt} own={false} onReply={vi.fn()} onOpenThread={vi.fn()} />
        </ChatContext.Provider>
      </I18nProvider>,
    );
    const item = screen.getByTestId('message');
    expect(item).toHaveTextContent('Deleted user');
    expect(screen.getByTestId('message-deleted')).toHaveTextContent('This message was deleted.');
    expect(screen.queryByTestId('reactions')).toBeNull();
    expect(screen.queryByTestId('open-thread')).toBeNull();
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(within(item).queryAllByRole('button')).toHaveLength(0);
  });

  it('names the erased author in the reader’s language, in a tombstone and in a reply quoting it', () => {
    const tombstone: Message = { ...message, senderId: 'u-gone', senderName: 'Deleted user', text: '', deleted: true };
    const reply: Message = { ...message, seq: 8, replyTo: { seq: 7, senderName: 'Deleted user', excerpt: '' } };
    const controller = { store: new ChatStore(), react: vi.fn() } as unknown as ChatController;
    render(
      <I18nProvider initial="pt-BR">
        <ChatContext.Provider value={controller}>
          <MessageItem message={tombstone} sender={tombstone.senderName!} text="" at={tombstone.createdAt} own={false} onReply={vi.fn()} onOpenThread={vi.fn()} />
          <MessageItem message={reply} sender="ana" text={reply.text} at={reply.createdAt} own={false} onReply={vi.fn()} onOpenThread={vi.fn()} />
        </ChatContext.Provider>
      </I18nProvider>,
    );
    const [erased, answer] = screen.getAllByTestId('message');
    expect(erased).toHaveTextContent('Usuário excluído');
    expect(erased).not.toHaveTextContent('Deleted user');
    expect(within(answer).getByTestId('reply-quote')).toHaveTextContent('Usuário excluído');
  });
});
