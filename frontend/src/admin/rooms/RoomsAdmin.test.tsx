import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AdminApi } from '../../api/adminApi';
import { ApiError } from '../../api/http';
import type { AdminRoom, AdminRoomsPage } from '../../api/types';
import { I18nProvider } from '../../i18n/I18n';
import type { Locale } from '../../i18n/messages';
import { formatInstant } from '../../moderation/moderation';
import { RoomsAdmin } from './RoomsAdmin';

const room = (n: number, visibility: AdminRoom['visibility'] = 'public'): AdminRoom => ({
  id: `r${n}`,
  name: `team ${n}`,
  visibility,
  ownerId: `owner-${n}`,
  createdAt: '2026-11-02T10:00:00Z',
  memberCount: n * 1000,
});

/** A server holding these rooms, answering searches (part of the name) two at a time, with a cursor. */
function serverWith(all: AdminRoom[]) {
  const api = {
    rooms: vi.fn(async (q: string, after?: string): Promise<AdminRoomsPage> => {
      const matching = all.filter((r) => r.name.includes(q));
      const start = after ? matching.findIndex((r) => r.id === after) + 1 : 0;
      const page = matching.slice(start, start + 2);
      return { rooms: page, next: start + 2 < matching.length ? page[page.length - 1].id : null };
    }),
    deleteRoom: vi.fn(async (_id: string) => undefined),
  };
  return { api, asAdminApi: api as unknown as AdminApi };
}

function show(api: AdminApi, locale: Locale = 'en') {
  render(
    <I18nProvider initial={locale}>
      <RoomsAdmin api={api} />
    </I18nProvider>,
  );
}

const names = () => screen.queryAllByRole('rowheader').map((h) => h.firstChild?.textContent);

describe('RoomsAdmin', () => {
  it('lists name, visibility, owner, members and creation, and loads more by cursor', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([room(1), room(2, 'private'), room(3)]);
    show(asAdminApi);
    const table = await screen.findByRole('table', { name: 'Rooms' });
    expect(api.rooms).toHaveBeenCalledExactlyOnceWith('');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Room name', 'Visibility', 'Owner', 'Members', 'Created', 'Actions']);
    const cells = [...screen.getByRole('rowheader', { name: 'team 2' }).closest('tr')!.querySelectorAll('th, td')].slice(0, 5).map((c) => c.textContent);
    expect(cells).toEqual(['team 2', 'Private', 'owner-2', '2,000', formatInstant('2026-11-02T10:00:00Z', 'en')]);
    expect(names()).toEqual(['team 1', 'team 2']);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(names()).toEqual(['team 1', 'team 2', 'team 3']));
    expect(api.rooms).toHaveBeenLastCalledWith('', 'r2');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull(); // no next: the last page
  });

  it('searches by name once the typing stops', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([room(1), room(12), room(2)]);
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Rooms' });
    await user.type(screen.getByRole('searchbox', { name: 'Search rooms by name' }), '12');
    await waitFor(() => expect(names()).toEqual(['team 12']));
    expect(api.rooms.mock.calls.map((c) => c[0])).toEqual(['', '12']);
    await user.type(screen.getByRole('searchbox'), '3');
    expect(await screen.findByText('No rooms match “123”')).toBeInTheDocument();
  });

  it('deletes a room only after saying every message and file in it goes too', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([room(1), room(2)]);
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Rooms' });

    await user.click(screen.getByRole('button', { name: 'Delete the room team 1' }));
    let dialog = screen.getByRole('dialog', { name: 'Delete the room team 1?' });
    expect(dialog).toHaveAccessibleDescription(
      'Every message and file in it is deleted too, for everyone, and its members lose the room at once. This cannot be undone.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.deleteRoom).not.toHaveBeenCalled();
    expect(names()).toEqual(['team 1', 'team 2']);

    await user.click(screen.getByRole('button', { name: 'Delete the room team 1' }));
    dialog = screen.getByRole('dialog', { name: 'Delete the room team 1?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete room' }));
    expect(api.deleteRoom).toHaveBeenCalledExactlyOnceWith('r1');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(names()).toEqual(['team 2']);
  });

  it('keeps the room and the dialog, with the server’s words, when the delete is refused', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith([room(1)]);
    api.deleteRoom.mockRejectedValueOnce(new ApiError(404, { type: 'https://blau.dev/problems/room-not-found', detail: 'No such room.' }));
    show(asAdminApi);
    await screen.findByRole('table', { name: 'Rooms' });
    await user.click(screen.getByRole('button', { name: 'Delete the room team 1' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the room team 1?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete room' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('No such room.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(names()).toEqual(['team 1']);
  });

  it('says when there are no rooms, in Portuguese too', async () => {
    const { asAdminApi } = serverWith([]);
    show(asAdminApi, 'pt-BR');
    expect(await screen.findByText('Ainda não há salas.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
