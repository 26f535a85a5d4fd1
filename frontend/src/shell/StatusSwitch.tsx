import { MenuItem, Select, Stack } from '@mui/material';
import type { ChosenStatus } from '../api/types';
import { PresenceDot } from '../chat/PresenceDot';
import { useChat, useChatController } from '../chat/useChat';
import { useT } from '../i18n/I18n';

const statuses: ChosenStatus[] = ['online', 'busy', 'away'];

/** The user's own status, announced to everyone sharing a room. */
export function StatusSwitch() {
  const t = useT();
  const controller = useChatController();
  const status = useChat((s) => s.myStatus);
  return (
    <Select
      size="small"
      variant="standard"
      disableUnderline
      value={status}
      onChange={(e) => controller.setStatus(e.target.value as ChosenStatus)}
      inputProps={{ 'aria-label': t('status') }}
      sx={{ color: 'inherit', '& .MuiSvgIcon-root': { color: 'inherit' } }}
      renderValue={(v) => (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <PresenceDot status={v} />
          <span>{t(v)}</span>
        </Stack>
      )}
    >
      {statuses.map((s) => (
        <MenuItem key={s} value={s}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <PresenceDot status={s} />
            <span>{t(s)}</span>
          </Stack>
        </MenuItem>
      ))}
    </Select>
  );
}
