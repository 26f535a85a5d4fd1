import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { Ban, Mute, RetentionDays, Room, RoomRetention } from '../api/types';
import type { ChatController } from '../chat/ChatController';
import { ChatStore } from '../chat/ChatStore';
import { ChatContext } from '../chat/useChat';
import { I18nProvider } from '../i18n/I18n';
import type { Locale } from '../i18n/messages';
import { formatInstant } from './moderation';
import { RoomSettingsButton } from './RoomSettingsButton';

const room: Room = { id: 'r1', name: 'general', description: 'chat', visibility: 'private', joined: true, role: 'owner' };

const ban: Ban = { roomId: 'r1', userId: 'bia', username: 'bia', displayName: 'Bia', reason: 'spam', until: '2026-12-09T10:00:00Z', by: 'ana', at: '2026-12-02T10:00:00Z' };
const forever: Ban = { roomId: 'r1', userId: 'cy', username: 'cy', by: 'ana', at: '2026-12-02T10:00:00Z' };
const mute: Mute = { roomId: 'r1', userId: 'dan', username: 'dan', displayName: 'Dan', until: '2026-12-02T11:00:00Z', by: 'ana', at: '2026-12-02T10:00:00Z' };

function show(changes: Partial<Room> = {}, locale: Locale = 'en', retention: RoomRetention = { days: null, globalDays: 90, effectiveDays: 90 }) {
  let current = retention;
  const store = new ChatStore();
  store.setMe({ id: 'ana', username: 'ana', name: 'Ana' });
  store.setRooms([{ ...room, ...changes }]);
  const controller = {
    store,
    updateRoom: vi.fn(async (_id: string, c: Partial<Room>) => ({ ...room, ...changes, ...c })),
    bans: vi.fn(async () => [ban, forever]),
    mutes: vi.fn(async () => [mute]),
    unban: vi.fn(async () => undefined),
    unmute: vi.fn(async () => undefined),
    roomRetention: vi.fn(async (_id: string) => current),
    // the server's answer: the room's own, every room's, and the shorter of the two
    setRoomRetention: vi.fn(async (_id: string, days: RetentionDays): Promise<RoomRetention> => {
      const globalDays = current.globalDays ?? null;
      const effectiveDays = days === null ? globalDays : globalDays === null ? days : Math.min(days, globalDays);
      return (current = { days, globalDays, effectiveDays });
    }),
  };
  render(
    <I18nProvider initial={locale}>
      <ChatContext.Provider value={controller as unknown as ChatController}>
        <RoomSettingsButton roomId="r1" />
      </ChatContext.Provider>
    </I18nProvider>,
  );
  return controller;
}

type User = ReturnType<typeof userEvent.setup>;

async function openSettings(user: User) {
  await user.click(screen.getByRole('button', { name: 'Room settings' }));
  return screen.getByRole('dialog', { name: 'Room settings' });
}

describe('Room settings: who gets them', () => {
  it('the owner and moderators have the button, members and direct rooms not', () => {
    show({ role: 'moderator' });
    expect(screen.getByRole('button', { name: 'Room settings' })).toBeInTheDocument();
  });

  it.each([{ role: 'member' }, { visibility: 'direct' as const }, { joined: false }])('none for %o', (changes) => {
    show(changes);
    expect(screen.queryByRole('button', { name: 'Room settings' })).toBeNull();
  });
});

describe('Room settings: details', () => {
  it('a moderator renames and describes the room; the visibility is shown but not theirs to change', async () => {
    const user = userEvent.setup();
    const controller = show({ role: 'moderator' });
    const dialog = await openSettings(user);
    const visibility = within(dialog).getByRole('radiogroup', { name: 'Visibility' });
    expect(within(visibility).getByRole('radio', { name: 'Private' })).toBeChecked();
    for (const radio of within(visibility).getAllByRole('radio')) expect(radio).toBeDisabled();
    expect(dialog).toHaveTextContent('Only the owner can change who can see the room.');
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled(); // nothing changed yet

    await user.clear(within(dialog).getByRole('textbox', { name: 'Room name' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Room name' }), 'ops');
    await user.clear(within(dialog).getByRole('textbox', { name: 'Description' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    // only what changed, never the visibility
    expect(controller.updateRoom).toHaveBeenCalledExactlyOnceWith('r1', { name: 'ops', description: '' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('the owner making a private room public is told first that the whole history becomes readable, and only then is it saved', async () => {
    const user = userEvent.setup();
    const controller = show();
    const dialog = await openSettings(user);
    await user.click(within(dialog).getByRole('radio', { name: 'Public' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    const confirm = screen.getByRole('dialog', { name: 'Make this room public?' });
    expect(confirm).toHaveTextContent('The whole history of the room, every message sent in it so far, becomes readable by everyone who can find the room.');
    expect(controller.updateRoom).not.toHaveBeenCalled();

    await user.click(within(confirm).getByRole('button', { name: 'Make public' }));
    expect(controller.updateRoom).toHaveBeenCalledExactlyOnceWith('r1', { visibility: 'public' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('cancelling the confirmation saves nothing and leaves the settings open', async () => {
    const user = userEvent.setup();
    const controller = show();
    const dialog = await openSettings(user);
    await user.click(within(dialog).getByRole('radio', { name: 'Public' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Make this room public?' })).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog', { name: 'Make this room public?' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Room settings' })).toBeInTheDocument();
    expect(controller.updateRoom).not.toHaveBeenCalled();
  });

  it('making a public room private says that non-members lose access, in Portuguese too', async () => {
    const user = userEvent.setup();
    const controller = show({ visibility: 'public' }, 'pt-BR');
    await user.click(screen.getByRole('button', { name: 'Configurações da sala' }));
    const dialog = screen.getByRole('dialog', { name: 'Configurações da sala' });
    await user.click(within(dialog).getByRole('radio', { name: 'Privada' }));
    await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    const confirm = screen.getByRole('dialog', { name: 'Tornar esta sala privada?' });
    expect(confirm).toHaveTextContent('Quem não é membro perde o acesso à sala e ao seu histórico.');
    await user.click(within(confirm).getByRole('button', { name: 'Tornar privada' }));
    expect(controller.updateRoom).toHaveBeenCalledWith('r1', { visibility: 'private' });
  });

  it('shows a refusal in the dialog, which stays open', async () => {
    const user = userEvent.setup();
    const controller = show();
    controller.updateRoom.mockRejectedValueOnce(
      new ApiError(403, { type: 'https://blau.dev/problems/not-the-owner', detail: 'Only the owner changes who can see the room.' }),
    );
    const dialog = await openSettings(user);
    await user.click(within(dialog).getByRole('radio', { name: 'Public' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Make this room public?' })).getByRole('button', { name: 'Make public' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Only the owner changes who can see the room.');
    expect(screen.getByRole('dialog', { name: 'Room settings' })).toBeInTheDocument();
  });

  it('shows the server’s word on a field next to it', async () => {
    const user = userEvent.setup();
    const controller = show();
    controller.updateRoom.mockRejectedValueOnce(new ApiError(400, { errors: [{ field: 'name', message: 'That name is taken.' }] }));
    const dialog = await openSettings(user);
    await user.type(within(dialog).getByRole('textbox', { name: 'Room name' }), '2');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('That name is taken.')).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Room name' })).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('Room settings: banned and muted', () => {
  it('lists active bans (reason, until when or permanent) and mutes, and lifts them', async () => {
    const user = userEvent.setup();
    const controller = show({ role: 'moderator' });
    const dialog = await openSettings(user);
    await user.click(within(dialog).getByRole('tab', { name: 'Banned and muted' }));
    const bans = await within(dialog).findByRole('list', { name: 'Banned' });
    const mutes = within(dialog).getByRole('list', { name: 'Muted' });
    expect(within(bans).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining(`Bia (@bia)spam · until ${formatInstant(ban.until!, 'en')}`),
      expect.stringContaining('cy (@cy)Permanent'),
    ]);
    expect(mutes).toHaveTextContent(`Dan (@dan)until ${formatInstant(mute.until, 'en')}`);

    await user.click(within(bans).getByRole('button', { name: 'Lift the ban on Bia' }));
    expect(controller.unban).toHaveBeenCalledWith('r1', 'bia');
    expect(within(bans).queryByText(/Bia/)).toBeNull();
    expect(within(bans).getAllByRole('listitem')).toHaveLength(1);

    await user.click(within(mutes).getByRole('button', { name: 'Lift the mute on Dan' }));
    expect(controller.unmute).toHaveBeenCalledWith('r1', 'dan');
    expect(within(dialog).getByText('Nobody is muted.')).toBeInTheDocument();
  });

  it('keeps a restriction the server would not lift, saying why', async () => {
    const user = userEvent.setup();
    const controller = show();
    controller.unban.mockRejectedValueOnce(new ApiError(403, { detail: 'You no longer moderate this room.' }));
    const dialog = await openSettings(user);
    await user.click(within(dialog).getByRole('tab', { name: 'Banned and muted' }));
    const bans = await within(dialog).findByRole('list', { name: 'Banned' });
    await user.click(within(bans).getByRole('button', { name: 'Lift the ban on Bia' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('You no longer moderate this room.');
    expect(within(bans).getAllByRole('listitem')).toHaveLength(2);
  });
});

// MUI's forms render slowly in jsdom while other files run alongside: room to spare
describe('Room settings: message retention', { timeout: 20_000 }, () => {
  async function openRetention(user: User) {
    const dialog = await openSettings(user);
    await user.click(within(dialog).getByRole('tab', { name: 'Message retention' }));
    await within(dialog).findByTestId('retention-values');
    return dialog;
  }
  /** The terms and values shown, as "term: value". */
  const values = (dialog: HTMLElement) => {
    const dl = within(dialog).getByTestId('retention-values');
    const terms = [...dl.querySelectorAll('dt')].map((dt) => dt.textContent);
    const shown = [...dl.querySelectorAll('dd')].map((dd) => dd.textContent);
    return terms.map((term, i) => `${term}: ${shown[i]}`);
  };

  it('the owner sees the workspace’s and the one in effect, and follows the workspace or sets days', async () => {
    const user = userEvent.setup();
    const controller = show();
    const dialog = await openRetention(user);
    expect(controller.roomRetention).toHaveBeenCalledExactlyOnceWith('r1');
    expect(values(dialog)).toEqual(['Workspace setting: 90 days', 'In effect in this room: 90 days']);
    const keep = within(dialog).getByRole('radiogroup', { name: 'Keep messages' });
    expect(within(keep).getByRole('radio', { name: 'Follow the workspace' })).toBeChecked();
    expect(within(dialog).getByRole('spinbutton', { name: 'Days' })).toBeDisabled();

    // longer than the workspace's: nothing goes sooner than now, so no confirmation
    await user.click(within(keep).getByRole('radio', { name: 'For a number of days' }));
    await user.type(within(dialog).getByRole('spinbutton', { name: 'Days' }), '365');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(screen.queryByRole('dialog', { name: /Delete messages/ })).toBeNull();
    expect(controller.setRoomRetention).toHaveBeenCalledExactlyOnceWith('r1', 365);
    expect(await within(dialog).findByText('Saved.')).toBeInTheDocument();
    expect(values(dialog)).toEqual(['Workspace setting: 90 days', 'In effect in this room: 90 days']);

    // back to the workspace's
    await user.click(within(keep).getByRole('radio', { name: 'Follow the workspace' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(controller.setRoomRetention).toHaveBeenLastCalledWith('r1', null));
  });

  it('the owner shortening what is in effect is told first that older messages are deleted for good, and only then is it saved', async () => {
    const user = userEvent.setup();
    const controller = show();
    const dialog = await openRetention(user);
    await user.click(within(dialog).getByRole('radio', { name: 'For a number of days' }));
    await user.type(within(dialog).getByRole('spinbutton', { name: 'Days' }), '14');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    let confirm = screen.getByRole('dialog', { name: 'Delete messages older than 14 days?' });
    expect(confirm).toHaveAccessibleDescription(
      'Messages in this room older than 14 days will be deleted for good: their text and files are gone, and in their place the room shows “This message was deleted.” This cannot be undone.',
    );
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Delete messages/ })).toBeNull());
    expect(controller.setRoomRetention).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    confirm = screen.getByRole('dialog', { name: 'Delete messages older than 14 days?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete older messages' }));
    expect(controller.setRoomRetention).toHaveBeenCalledExactlyOnceWith('r1', 14);
    await waitFor(() => expect(values(dialog)).toEqual(['Workspace setting: 90 days', 'In effect in this room: 14 days']));
  });

  it('a room keeping messages for good asks before its first limit, with the workspace keeping them for good too', async () => {
    const user = userEvent.setup();
    const controller = show({}, 'en', {}); // nothing set anywhere: every value left out
    const dialog = await openRetention(user);
    expect(values(dialog)).toEqual(['Workspace setting: Kept for good', 'In effect in this room: Kept for good']);
    await user.click(within(dialog).getByRole('radio', { name: 'For a number of days' }));
    await user.type(within(dialog).getByRole('spinbutton', { name: 'Days' }), '3650');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Delete messages older than 3,650 days?' })).getByRole('button', { name: 'Delete older messages' }));
    expect(controller.setRoomRetention).toHaveBeenCalledWith('r1', 3650);
  });

  it('a moderator sees the room’s, the workspace’s and the one in effect, but cannot change them', async () => {
    const user = userEvent.setup();
    const controller = show({ role: 'moderator' }, 'en', { days: 30, globalDays: null, effectiveDays: 30 });
    const dialog = await openRetention(user);
    expect(values(dialog)).toEqual(['This room’s setting: 30 days', 'Workspace setting: Kept for good', 'In effect in this room: 30 days']);
    expect(dialog).toHaveTextContent('Only the room’s owner can change how long its messages are kept.');
    expect(within(dialog).queryByRole('radiogroup', { name: 'Keep messages' })).toBeNull();
    expect(within(dialog).queryByRole('spinbutton')).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Save' })).toBeNull();
    expect(controller.setRoomRetention).not.toHaveBeenCalled();
  });

  it('shows the owner a refusal inside the confirmation, which stays open, and changes nothing', async () => {
    const user = userEvent.setup();
    const controller = show();
    controller.setRoomRetention.mockRejectedValueOnce(
      new ApiError(403, { type: 'https://blau.dev/problems/not-the-owner', detail: 'Only the room’s owner sets how long its messages are kept.' }),
    );
    const dialog = await openRetention(user);
    await user.click(within(dialog).getByRole('radio', { name: 'For a number of days' }));
    await user.type(within(dialog).getByRole('spinbutton', { name: 'Days' }), '7');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete messages older than 7 days?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete older messages' }));
    expect(await within(confirm).findByRole('alert')).toHaveTextContent('Only the room’s owner sets how long its messages are kept.');
    expect(values(dialog)).toEqual(['Workspace setting: 90 days', 'In effect in this room: 90 days']);
  });

  it('says it in Portuguese, a moderator’s view included', async () => {
    const user = userEvent.setup();
    show({ role: 'moderator' }, 'pt-BR', { days: null, globalDays: 1, effectiveDays: 1 });
    await user.click(screen.getByRole('button', { name: 'Configurações da sala' }));
    const dialog = screen.getByRole('dialog', { name: 'Configurações da sala' });
    await user.click(within(dialog).getByRole('tab', { name: 'Retenção de mensagens' }));
    await within(dialog).findByTestId('retention-values');
    expect(values(dialog)).toEqual(['Configuração desta sala: Segue o espaço de trabalho', 'Configuração do espaço de trabalho: 1 dia', 'Em vigor nesta sala: 1 dia']);
    expect(dialog).toHaveTextContent('Só o dono da sala pode mudar por quanto tempo as mensagens dela são guardadas.');
  });
});
