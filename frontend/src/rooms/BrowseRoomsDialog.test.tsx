import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BrowseRoomsDialog } from './BrowseRoomsDialog';
import { ChatContext } from '../chat/useChat';
import { I18nProvider } from '../i18n/I18n';
import type { ChatController } from '../chat/ChatController';
import type { PublicRoomsPage, Room } from '../api/types';
import { ApiError } from '../api/http';

const room = (n: number, joined = false): Room => ({ id: `r${n}`, name: `team ${n}`, visibility: 'public', memberCount: n, joined });

/** A controller whose public rooms are `all`, served two at a time like the server's pages. */
function controllerOver(all: Room[]) {
  const asked: { query: string; after?: string }[] = [];
  const controller = {
    browsePublicRooms: vi.fn(async (query: string, after?: string): Promise<PublicRoomsPage> => {
      asked.push({ query, after });
      const matching = all.filter((r) => r.name.includes(query.trim()));
      const start = after ? matching.findIndex((r) => r.id === after) + 1 : 0;
      const page = matching.slice(start, start + 2);
      return { rooms: page, next: start + 2 < matching.length ? page[page.length - 1].id : null };
    }),
    join: vi.fn(async () => undefined),
  };
  return { controller: controller as unknown as ChatController, asked, join: controller.join };
}

function show(controller: ChatController, onOpen = vi.fn()) {
  render(
    <I18nProvider initial="en">
      <ChatContext.Provider value={controller}>
        <BrowseRoomsDialog open onClose={() => undefined} onOpen={onOpen} />
      </ChatContext.Provider>
    </I18nProvider>,
  );
  return onOpen;
}

describe('BrowseRoomsDialog', () => {
  it('loads public rooms a page at a time, searches by part of the name, and joins or opens', async () => {
    const user = userEvent.setup();
    const { controller, asked, join } = controllerOver([room(1), room(2, true), room(3), room(12), room(21)]);
    const onOpen = show(controller);

    expect(await screen.findByText('team 1')).toBeInTheDocument();
    expect(screen.getByText('team 2')).toBeInTheDocument();
    expect(screen.queryByText('team 3')).toBeNull(); // not asked for yet
    await user.click(screen.getByRole('button', { name: 'Show more rooms' }));
    expect(await screen.findByText('team 3')).toBeInTheDocument();
    expect(asked[asked.length - 1]).toEqual({ query: '', after: 'r2' });

    await user.type(screen.getByLabelText('Search public rooms'), '2');
    await waitFor(() => expect(screen.queryByText('team 1')).toBeNull());
    expect(screen.getByText('team 12')).toBeInTheDocument();
    expect(asked.filter((a) => a.query === '2')).toHaveLength(1); // one search for the typing, not one per key

    await user.click(screen.getByRole('button', { name: 'Open team 2' })); // already a member
    expect(join).not.toHaveBeenCalled();
    expect(onOpen).toHaveBeenCalledWith('r2');
  });

  it('says so when nothing matches', async () => {
    const user = userEvent.setup();
    const { controller, join } = controllerOver([room(1)]);
    show(controller);
    await user.click(await screen.findByRole('button', { name: 'Join team 1' }));
    expect(join).toHaveBeenCalledWith('r1');
    await user.type(screen.getByLabelText('Search public rooms'), 'zebra');
    expect(await screen.findByText('No public room matches “zebra”')).toBeInTheDocument();
  });

  it('says so when the user is banned from the room they try to join, with the server’s until when', async () => {
    const user = userEvent.setup();
    const { controller, join } = controllerOver([room(1)]);
    join.mockRejectedValueOnce(new ApiError(403, { type: 'https://blau.dev/problems/banned', detail: 'Banned until 2026-12-09 10:00 UTC.' }));
    const onOpen = show(controller);
    await user.click(await screen.findByRole('button', { name: 'Join team 1' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You are banned from this room. Banned until 2026-12-09 10:00 UTC.');
    expect(onOpen).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Join team 1' })).toBeEnabled(); // the dialog stays usable
  });
});
