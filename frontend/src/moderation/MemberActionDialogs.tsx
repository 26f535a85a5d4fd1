import { useId, useState } from 'react';
import { FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, TextField } from '@mui/material';
import type { Member } from '../api/types';
import { displayName } from '../chat/ChatStore';
import { useChatController } from '../chat/useChat';
import { useT } from '../i18n/I18n';
import { ConfirmDialog } from './ConfirmDialog';
import { BAN_DURATIONS, MAX_BAN_REASON, MUTE_DURATIONS, untilAfter, type Duration } from './moderation';

interface ActionProps {
  roomId: string;
  member: Member;
  onClose: () => void;
}

/** The durations offered, as radio buttons under a label. */
function DurationChoice({ options, value, onChange }: { options: Duration[]; value: Duration; onChange: (d: Duration) => void }) {
  const t = useT();
  const labelId = useId();
  return (
    <FormControl>
      <FormLabel id={labelId}>{t('duration')}</FormLabel>
      <RadioGroup
        aria-labelledby={labelId}
        value={value.label}
        onChange={(e) => onChange(options.find((o) => o.label === e.target.value) ?? value)}
      >
        {options.map((o) => (
          <FormControlLabel key={o.label} value={o.label} control={<Radio />} label={t(o.label)} />
        ))}
      </RadioGroup>
    </FormControl>
  );
}

export function RemoveMemberDialog({ roomId, member, onClose }: ActionProps) {
  const t = useT();
  const controller = useChatController();
  const name = displayName(member);
  return (
    <ConfirmDialog
      title={t('removeTitle', { name })}
      body={t('removeBody')}
      confirm={t('removeMember')}
      onConfirm={() => controller.removeMember(roomId, member.id)}
      onClose={onClose}
    />
  );
}

export function MuteMemberDialog({ roomId, member, onClose }: ActionProps) {
  const t = useT();
  const controller = useChatController();
  const [duration, setDuration] = useState(MUTE_DURATIONS[1]);
  const name = displayName(member);
  return (
    <ConfirmDialog
      title={t('muteTitle', { name })}
      body={t('muteBody')}
      confirm={t('muteMember')}
      // the end is counted from the moment of confirming, not of opening the dialog
      onConfirm={() => controller.mute(roomId, member.id, untilAfter(duration)!)}
      onClose={onClose}
    >
      <DurationChoice options={MUTE_DURATIONS} value={duration} onChange={setDuration} />
    </ConfirmDialog>
  );
}

export function BanMemberDialog({ roomId, member, onClose }: ActionProps) {
  const t = useT();
  const controller = useChatController();
  const [duration, setDuration] = useState(BAN_DURATIONS[1]);
  const [reason, setReason] = useState('');
  const name = displayName(member);
  return (
    <ConfirmDialog
      title={t('banTitle', { name })}
      body={t('banBody')}
      confirm={t('banMember')}
      onConfirm={() => controller.ban(roomId, member.id, reason.trim() || undefined, untilAfter(duration))}
      onClose={onClose}
    >
      <TextField
        label={t('banReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value.slice(0, MAX_BAN_REASON))}
        multiline
        minRows={2}
        helperText={t('banReasonHelp', { count: reason.length, max: MAX_BAN_REASON })}
        slotProps={{ htmlInput: { maxLength: MAX_BAN_REASON } }}
      />
      <DurationChoice options={BAN_DURATIONS} value={duration} onChange={setDuration} />
    </ConfirmDialog>
  );
}
