import { useState } from 'react';
import { IconButton, Menu, MenuItem } from '@mui/material';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import type { Member } from '../api/types';
import { displayName } from '../chat/ChatStore';
import { useT } from '../i18n/I18n';
import { BanMemberDialog, MuteMemberDialog, RemoveMemberDialog } from './MemberActionDialogs';

type Action = 'remove' | 'mute' | 'ban';

/** A member's menu for the room's owner and moderators: remove, mute, ban, each confirmed in a dialog. */
export function MemberActions({ roomId, member }: { roomId: string; member: Member }) {
  const t = useT();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const choose = (a: Action) => {
    setAnchor(null);
    setAction(a);
  };
  const close = () => setAction(null);
  return (
    <>
      <IconButton
        edge="end"
        size="small"
        aria-label={t('memberActions', { name: displayName(member) })}
        aria-haspopup="menu"
        aria-expanded={anchor ? true : undefined}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => choose('remove')}>{t('removeMember')}</MenuItem>
        <MenuItem onClick={() => choose('mute')}>{t('muteMember')}</MenuItem>
        <MenuItem onClick={() => choose('ban')}>{t('banMember')}</MenuItem>
      </Menu>
      {action === 'remove' && <RemoveMemberDialog roomId={roomId} member={member} onClose={close} />}
      {action === 'mute' && <MuteMemberDialog roomId={roomId} member={member} onClose={close} />}
      {action === 'ban' && <BanMemberDialog roomId={roomId} member={member} onClose={close} />}
    </>
  );
}
