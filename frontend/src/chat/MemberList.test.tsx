import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { Member, Room } from '../api/types';
import { I18nProvider } from '../i18n/I18n';
import type { ChatController } from './ChatController';
import { ChatStore } from './ChatStore';
import { MemberList } from './MemberList';
import { ChatContext } from './useChat';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const HOUR = 3_600_000;

const members: Member[] = [
  { id: 'ana', username: 'ana', displayName: 'Ana', role: 'owner' },
  { id: 'mo', username: 'mo', displayName: 'Mo', role: 'moderator' },
  { id: 'max', username: 'max', displayName: 'Max', role: 'moderator' },
  { id: 'bia', username: 'bia', displayName: 'Bia', role: 'member' },
  { id: 'cy', username: 'cy', displayName: 'Cy' }, // no role given: a plain member
];

/** The member list of a room as the user `meId` sees it, over a controller that records moderation calls. */
function show(meId: string, room: Partial<Room> = {}) {
  const store = new ChatStore();
  store.setMe({ id: meId, username: meId, name: meId });
  const role = members.find((m) => m.id === meId)?.role ?? 'member';
  store.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true, role, members, ...room }]);
  const controller = {
    store,
    removeMember: vi.fn(async () => undefined),
    mute: vi.fn(async () => ({})),
    ban: vi.fn(async () => ({})),
    leave: vi.fn(),
  };
  render(
    <I18nProvider initial="en">
      <ChatContext.Provider value={controller as unknown as ChatController}>
        <MemberList roomId="r1" />
      </ChatContext.Provider>
    </I18nProvider>,
  );
  return controller;
}

/** The members whose action menu the viewer is offered. */
const withActions = () =>
  screen
    .queryAllByRole('button', { name: /^Actions for / })
    .map((b) => b.getAttribute('aria-label')!.replace('Actions for ', ''))
    .sort();

async function choose(user: ReturnType<typeof userEvent.setup>, name: string, action: 'Remove' | 'Mute' | 'Ban') {
  await user.click(screen.getByRole('button', { name: `Actions for ${name}` }));
  await user.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: action }));
}

describe('MemberList moderation menus', () => {
  it('the owner may act on moderators and members, never on themselves', () => {
    show('ana');
    expect(withActions()).toEqual(['Bia', 'Cy', 'Max', 'Mo']);
  });

  it('a moderator only on plain members: not on the owner, another moderator or themselves', () => {
    show('mo');
    expect(withActions()).toEqual(['Bia', 'Cy']);
  });

  it('a member on nobody', () => {
    show('bia');
    expect(withActions()).toEqual([]);
  });

  it('nobody in a direct room or one the owner has not joined', () => {
    show('ana', { visibility: 'direct' });
    expect(withActions()).toEqual([]);
    cleanup();
    show('ana', { joined: false });
    expect(withActions()).toEqual([]);
  });
});

describe('MemberList moderation dialogs', () => {
  beforeEach(() => {
    // only the clock: the durations count from now
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('bans with a reason for the duration chosen, after a confirmation naming the member', async () => {
    const user = userEvent.setup();
    const controller = show('ana');
    await choose(user, 'Bia', 'Ban');
    const dialog = screen.getByRole('dialog', { name: 'Ban Bia?' });
    expect(controller.ban).not.toHaveBeenCalled();
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), '  spam links  ');
    await user.click(within(dialog).getByRole('radio', { name: '1 week' }));
    await user.click(within(dialog).getByRole('button', { name: 'Ban' }));
    expect(controller.ban).toHaveBeenCalledWith('r1', 'bia', 'spam links', new Date(NOW + 7 * 24 * HOUR).toISOString());
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers 1 hour, 1 day, 1 week and permanent; a permanent ban without a reason sends neither', async () => {
    const user = userEvent.setup();
    const controller = show('ana');
    await choose(user, 'Max', 'Ban');
    const dialog = screen.getByRole('dialog', { name: 'Ban Max?' });
    expect(within(dialog).getAllByRole('radio').map((r) => r.closest('label')!.textContent)).toEqual(['1 hour', '1 day', '1 week', 'Permanent']);
    await user.click(within(dialog).getByRole('radio', { name: 'Permanent' }));
    await user.click(within(dialog).getByRole('button', { name: 'Ban' }));
    expect(controller.ban).toHaveBeenCalledWith('r1', 'max', undefined, undefined);
  });

  it('keeps a reason to 500 characters and counts them', async () => {
    const user = userEvent.setup();
    show('ana');
    await choose(user, 'Bia', 'Ban');
    const reason = within(screen.getByRole('dialog')).getByRole('textbox', { name: 'Reason' });
    fireEvent.change(reason, { target: { value: 'x'.repeat(600) } });
    expect(reason).toHaveValue('x'.repeat(500));
    expect(screen.getByText(/500\/500/)).toBeInTheDocument();
  });

  it('shows the server’s detail when a ban is refused, and stays open; cancel bans nobody', async () => {
    const user = userEvent.setup();
    const controller = show('mo');
    controller.ban.mockRejectedValueOnce(new ApiError(409, { type: 'https://blau.dev/problems/owner', detail: 'Nobody bans the owner.' }));
    await choose(user, 'Bia', 'Ban');
    const dialog = screen.getByRole('dialog', { name: 'Ban Bia?' });
    await user.click(within(dialog).getByRole('button', { name: 'Ban' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Nobody bans the owner.');
    expect(within(dialog).getByRole('button', { name: 'Ban' })).toBeEnabled(); // may be tried again
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(controller.ban).toHaveBeenCalledTimes(1);
  });

  it('mutes for 15 minutes, 1 hour, 1 day or 1 week', async () => {
    const user = userEvent.setup();
    const controller = show('mo');
    await choose(user, 'Cy', 'Mute');
    const dialog = screen.getByRole('dialog', { name: 'Mute Cy?' });
    expect(within(dialog).getAllByRole('radio').map((r) => r.closest('label')!.textContent)).toEqual(['15 minutes', '1 hour', '1 day', '1 week']);
    await user.click(within(dialog).getByRole('radio', { name: '15 minutes' }));
    await user.click(within(dialog).getByRole('button', { name: 'Mute' }));
    expect(controller.mute).toHaveBeenCalledWith('r1', 'cy', new Date(NOW + 15 * 60_000).toISOString());
  });

  it('removes a member after a confirmation, and says why not when refused', async () => {
    const user = userEvent.setup();
    const controller = show('ana');
    controller.removeMember.mockRejectedValueOnce(new ApiError(403, { detail: 'You no longer moderate this room.' }));
    await choose(user, 'Bia', 'Remove');
    const dialog = screen.getByRole('dialog', { name: 'Remove Bia from the room?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('You no longer moderate this room.');
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(controller.removeMember).toHaveBeenCalledTimes(2);
    expect(controller.removeMember).toHaveBeenLastCalledWith('r1', 'bia');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
