import { useId, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  DialogActions,
  DialogContent,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import { ApiError } from '../api/http';
import type { RoomChanges, Visibility } from '../api/types';
import { useChat, useChatController } from '../chat/useChat';
import { useT } from '../i18n/I18n';
import { problemText } from './moderation';
import { VisibilityConfirmDialog } from './VisibilityConfirmDialog';

type RoomVisibility = Exclude<Visibility, 'direct'>;

/**
 * A room's name, description and visibility. Only what changed is sent; visibility only by the
 * owner (the server refuses it from a moderator), and only after saying what it does to who can read.
 */
export function RoomDetailsForm({ roomId, onDone }: { roomId: string; onDone: () => void }) {
  const t = useT();
  const controller = useChatController();
  const room = useChat((s) => s.rooms[roomId]);
  const owner = room?.role === 'owner';
  const [name, setName] = useState(room?.name ?? '');
  const [description, setDescription] = useState(room?.description ?? '');
  const [visibility, setVisibility] = useState<RoomVisibility>(room?.visibility === 'private' ? 'private' : 'public');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: Record<string, string>; general?: string }>({});
  const labelId = useId();

  const changes: RoomChanges = {};
  if (room && name.trim() !== room.name) changes.name = name.trim();
  if (room && description.trim() !== (room.description ?? '')) changes.description = description.trim();
  if (room && owner && visibility !== room.visibility) changes.visibility = visibility;
  const changed = Object.keys(changes).length > 0;

  async function save() {
    setConfirming(false);
    setBusy(true);
    setError({});
    try {
      await controller.updateRoom(roomId, changes);
      onDone();
    } catch (err) {
      const fields = err instanceof ApiError ? err.problem.errors : undefined;
      if (fields?.length) setError({ field: Object.fromEntries(fields.map((x) => [x.field, x.message])) });
      else setError({ general: problemText(err, t) });
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!changed || !name.trim()) return;
    if (changes.visibility) setConfirming(true);
    else void save();
  }

  return (
    <>
    <form onSubmit={submit} noValidate>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error.general && <Alert severity="error">{error.general}</Alert>}
          <TextField
            label={t('roomName')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            error={!!error.field?.name}
            helperText={error.field?.name}
          />
          <TextField
            label={t('description')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            multiline
            maxRows={4}
            error={!!error.field?.description}
            helperText={error.field?.description}
          />
          <FormControl disabled={!owner}>
            <FormLabel id={labelId}>{t('visibility')}</FormLabel>
            <RadioGroup row aria-labelledby={labelId} value={visibility} onChange={(e) => setVisibility(e.target.value as RoomVisibility)}>
              <FormControlLabel value="public" control={<Radio />} label={t('public')} />
              <FormControlLabel value="private" control={<Radio />} label={t('private')} />
            </RadioGroup>
            {!owner && <FormHelperText>{t('visibilityOwnerOnly')}</FormHelperText>}
          </FormControl>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onDone}>{t('cancel')}</Button>
        <Button type="submit" variant="contained" disabled={busy || !changed || !name.trim()}>
          {t('save')}
        </Button>
      </DialogActions>
    </form>
    {confirming && changes.visibility && (
      <VisibilityConfirmDialog to={changes.visibility} onConfirm={() => void save()} onCancel={() => setConfirming(false)} />
    )}
    </>
  );
}
