import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { Message, SearchPage, SearchParams, SearchResult } from '../api/types';
import type { ChatController } from '../chat/ChatController';
import { ChatStore } from '../chat/ChatStore';
import { ChatContext } from '../chat/useChat';
import { I18nProvider } from '../i18n/I18n';
import type { Locale } from '../i18n/messages';
import { SearchPanel } from './SearchPanel';

const result = (roomId: string, roomName: string, seq: number, text: string, highlights: Array<[number, number]>, senderName = 'Ana'): SearchResult => ({
  message: { id: `${roomId}-${seq}`, roomId, seq, senderId: 'u2', senderName, text, createdAt: '2026-03-04T10:15:00Z' } as Message,
  roomName,
  highlights,
});

/** A controller whose search answers the pages given, in turn; records what it was asked. */
function controllerAnswering(...answers: Array<SearchPage | Error>) {
  const asked: SearchParams[] = [];
  const search = vi.fn(async (params: SearchParams) => {
    asked.push(params);
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const jumpTo = vi.fn(async () => undefined);
  const store = new ChatStore();
  const controller = { store, search, jumpTo } as unknown as ChatController;
  return { controller, asked, jumpTo, store };
}

function show(controller: ChatController, q = 'acao', locale: Locale = 'en') {
  const onClose = vi.fn();
  render(
    <I18nProvider initial={locale}>
      <ChatContext.Provider value={controller}>
        <SearchPanel open request={{ q, key: 1 }} onClose={onClose} />
      </ChatContext.Provider>
    </I18nProvider>,
  );
  return onClose;
}

const text = 'Ação concluída no redeployed https://example.com/blau/pull/42';

// MUI's drawer and lists render slowly in jsdom while other files run alongside: room to spare
describe('SearchPanel', { timeout: 15_000 }, () => {
  it('shows results grouped by room, in the order they come, with exactly the highlighted ranges marked', async () => {
    const { controller, asked } = controllerAnswering({
      results: [
        result('r1', 'general', 9, text, [[0, 4], [20, 26]]),
        result('r2', 'random', 5, 'acao too', [[0, 4]], 'Bia'),
        result('r1', 'general', 3, 'older ação', [[6, 10]]),
      ],
      nextCursor: null,
    });
    show(controller);
    const panel = await screen.findByRole('dialog', { name: 'Search results' });
    expect(within(panel).getByRole('searchbox', { name: 'Search messages' })).toHaveValue('acao');
    expect(asked).toEqual([{ q: 'acao', sort: 'newest' }]);

    const groups = await within(panel).findAllByTestId('search-group');
    expect(groups.map((g) => within(g).getByRole('heading', { level: 3 }).textContent)).toEqual(['#general', '#random']);
    const general = within(panel).getByRole('list', { name: '#general' });
    const items = within(general).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-seq'))).toEqual(['9', '3']);

    const first = within(items[0]).getByTestId('search-result-text');
    expect(first.textContent).toBe(text); // every character once
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Ação', 'deploy']);
    expect(within(items[0]).getByText('Ana')).toBeInTheDocument();
    expect(items[0].querySelector('time')).toHaveAttribute('datetime', '2026-03-04T10:15:00Z');
    expect([...within(general).getAllByRole('listitem')[1].querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['ação']);
  });

  it('names a known room as the room list does', async () => {
    const { controller, store } = controllerAnswering({ results: [result('d1', 'Ana & Me', 1, 'deploy', [[0, 6]])], nextCursor: null });
    store.setMe({ id: 'me', username: 'me', name: 'Me' });
    store.setRooms([{ id: 'd1', name: 'Ana & Me', visibility: 'direct', joined: true }]);
    show(controller, 'deploy');
    expect(await screen.findByRole('heading', { level: 3, name: 'Ana' })).toBeInTheDocument();
  });

  it('keeps message text inert: markup in it is shown, never interpreted', async () => {
    const evil = '<img src=x onerror=alert(1)> <b>deploy</b>';
    const { controller } = controllerAnswering({ results: [result('r1', 'general', 1, evil, [[32, 38]])], nextCursor: null });
    show(controller, 'deploy');
    const shown = await screen.findByTestId('search-result-text');
    expect(shown.textContent).toBe(evil);
    expect(shown.querySelector('img, b')).toBeNull();
    expect(shown.querySelector('mark')?.textContent).toBe('deploy');
  });

  it('loads more while there is a next cursor, appending to the groups', async () => {
    const user = userEvent.setup();
    const { controller, asked } = controllerAnswering(
      { results: [result('r1', 'general', 9, 'deploy one', [[0, 6]])], nextCursor: 'c1' },
      {
        results: [result('r1', 'general', 9, 'deploy one', [[0, 6]]), result('r2', 'random', 8, 'deploy two', [[0, 6]]), result('r1', 'general', 7, 'deploy three', [[0, 6]])],
        nextCursor: null,
      }, // the first again: shown once
    );
    show(controller, 'deploy');
    await user.click(await screen.findByRole('button', { name: 'Load more results' }));
    await waitFor(() => expect(screen.getAllByTestId('search-result')).toHaveLength(3));
    expect(asked[1]).toEqual({ q: 'deploy', sort: 'newest', cursor: 'c1' });
    expect(within(screen.getByRole('list', { name: '#general' })).getAllByRole('listitem').map((li) => li.dataset.seq)).toEqual(['9', '7']);
    expect(screen.getByRole('list', { name: '#random' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more results' })).toBeNull();
  });

  it('says when nothing matches', async () => {
    const { controller } = controllerAnswering({ results: [], nextCursor: null });
    show(controller, 'zebra');
    expect(await screen.findByText('No messages match “zebra”')).toBeInTheDocument();
  });

  it("shows the server's reason for a query it refuses", async () => {
    const refused = new ApiError(400, { type: 'https://blau.example/problems/invalid-query', title: 'Invalid query', detail: 'A phrase is missing its closing quote.' });
    const { controller } = controllerAnswering(refused);
    show(controller, '"unclosed');
    expect(await screen.findByRole('alert')).toHaveTextContent('A phrase is missing its closing quote.');
  });

  it('asks again, most relevant first, when the sort is switched; a new query searches anew', async () => {
    const user = userEvent.setup();
    const { controller, asked } = controllerAnswering({ results: [result('r1', 'general', 9, 'deploy', [[0, 6]])], nextCursor: null });
    show(controller, 'deploy');
    await screen.findByTestId('search-result');
    await user.click(screen.getByRole('button', { name: 'Most relevant' }));
    await waitFor(() => expect(asked.at(-1)).toEqual({ q: 'deploy', sort: 'relevance' }));
    expect(screen.getByRole('button', { name: 'Most relevant' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(screen.getByRole('group', { name: 'Sort by' })).getAllByRole('button')).toHaveLength(2);

    const box = screen.getByRole('searchbox', { name: 'Search messages' });
    await user.clear(box);
    await user.type(box, 'pull/42{Enter}');
    await waitFor(() => expect(asked.at(-1)).toEqual({ q: 'pull/42', sort: 'relevance' }));
  });

  it('shows the chosen message in its room and closes', async () => {
    const user = userEvent.setup();
    const { controller, jumpTo } = controllerAnswering({ results: [result('r2', 'random', 42, 'deploy', [[0, 6]])], nextCursor: null });
    const onClose = show(controller, 'deploy');
    await user.click(await screen.findByRole('button', { name: /deploy/ }));
    expect(jumpTo).toHaveBeenCalledWith('r2', 42);
    expect(onClose).toHaveBeenCalled();
  });

  it('with a room open, “This room only” (off at first) keeps the search, its next queries and pages to that room', async () => {
    const user = userEvent.setup();
    const { controller, asked, store } = controllerAnswering({ results: [result('r1', 'general', 9, 'deploy', [[0, 6]])], nextCursor: 'c1' });
    store.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true }]);
    store.setActive('r1');
    show(controller, 'deploy');
    await screen.findByTestId('search-result');
    expect(asked).toEqual([{ q: 'deploy', sort: 'newest' }]); // every room the user reads
    expect(asked[0]).not.toHaveProperty('roomId');

    const only = screen.getByRole('button', { name: 'This room only' });
    expect(only).toHaveAttribute('aria-pressed', 'false');
    await user.click(only);
    expect(only).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(asked.at(-1)).toEqual({ q: 'deploy', sort: 'newest', roomId: 'r1' }));

    const box = screen.getByRole('searchbox', { name: 'Search messages' });
    await user.clear(box);
    await user.type(box, 'pull{Enter}');
    await waitFor(() => expect(asked.at(-1)).toEqual({ q: 'pull', sort: 'newest', roomId: 'r1' }));
    await user.click(await screen.findByRole('button', { name: 'Load more results' }));
    await waitFor(() => expect(asked.at(-1)).toEqual({ q: 'pull', sort: 'newest', roomId: 'r1', cursor: 'c1' }));

    await user.click(only);
    expect(only).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(asked.at(-1)).toEqual({ q: 'pull', sort: 'newest' }));
    expect(asked.at(-1)).not.toHaveProperty('roomId');
  });

  it('remembers “This room only” while the panel stays open, and starts without it when opened again', async () => {
    const user = userEvent.setup();
    const { controller, asked, store } = controllerAnswering({ results: [], nextCursor: null });
    store.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true }]);
    store.setActive('r1');
    const panel = (open: boolean, key = 1) => (
      <I18nProvider initial="en">
        <ChatContext.Provider value={controller}>
          <SearchPanel open={open} request={{ q: key === 1 ? 'deploy' : 'rollback', key }} onClose={() => undefined} />
        </ChatContext.Provider>
      </I18nProvider>
    );
    const { rerender } = render(panel(true));
    await user.click(await screen.findByRole('button', { name: 'This room only' }));
    await waitFor(() => expect(asked.at(-1)).toEqual({ q: 'deploy', sort: 'newest', roomId: 'r1' }));

    rerender(panel(false));
    rerender(panel(true, 2)); // a new search from the top bar
    expect(await screen.findByRole('button', { name: 'This room only' })).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(asked.at(-1)).toEqual({ q: 'rollback', sort: 'newest' }));
  });

  it('offers no “This room only” when no room is open', async () => {
    const { controller, store } = controllerAnswering({ results: [], nextCursor: null });
    store.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true }]);
    show(controller, 'zebra');
    await screen.findByText('No messages match “zebra”');
    expect(screen.queryByRole('button', { name: 'This room only' })).toBeNull();
  });

  it('refreshes the results, with the refresh button or by searching the same words again, finding messages sent since', async () => {
    const user = userEvent.setup();
    const { controller, asked } = controllerAnswering(
      { results: [result('r1', 'general', 9, 'deploy one', [[0, 6]])], nextCursor: null },
      { results: [result('r1', 'general', 10, 'deploy two', [[0, 6]]), result('r1', 'general', 9, 'deploy one', [[0, 6]])], nextCursor: null },
      {
        results: [result('r1', 'general', 11, 'deploy three', [[0, 6]]), result('r1', 'general', 10, 'deploy two', [[0, 6]]), result('r1', 'general', 9, 'deploy one', [[0, 6]])],
        nextCursor: null,
      },
    );
    show(controller, 'deploy');
    await waitFor(() => expect(screen.getAllByTestId('search-result')).toHaveLength(1));

    await user.click(screen.getByRole('button', { name: 'Refresh results' }));
    await waitFor(() => expect(screen.getAllByTestId('search-result').map((r) => r.dataset.seq)).toEqual(['10', '9']));
    expect(asked).toEqual([{ q: 'deploy', sort: 'newest' }, { q: 'deploy', sort: 'newest' }]);

    await user.type(screen.getByRole('searchbox', { name: 'Search messages' }), '{Enter}'); // the same words
    await waitFor(() => expect(screen.getAllByTestId('search-result').map((r) => r.dataset.seq)).toEqual(['11', '10', '9']));
    expect(asked).toHaveLength(3);
    expect(asked[2]).toEqual({ q: 'deploy', sort: 'newest' });
  });

  it('speaks Portuguese', async () => {
    const { controller } = controllerAnswering({ results: [], nextCursor: null });
    show(controller, 'zebra', 'pt-BR');
    expect(await screen.findByText('Nenhuma mensagem corresponde a “zebra”')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Resultados da busca' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mais relevantes' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Atualizar resultados' })).toBeInTheDocument();
  });

  it('names the room-only filter in Portuguese', async () => {
    const { controller, store } = controllerAnswering({ results: [], nextCursor: null });
    store.setRooms([{ id: 'r1', name: 'geral', visibility: 'public', joined: true }]);
    store.setActive('r1');
    show(controller, 'zebra', 'pt-BR');
    expect(await screen.findByRole('button', { name: 'Só esta sala' })).toHaveAttribute('aria-pressed', 'false');
  });
});
