import { useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Radio, RadioGroup, Stack, TextField, FormLabel, FormControl } from '@mui/material';
import { ApiError } from '../api/http';
import { useT } from '../i18n/I18n';
import { useChatController } from '../chat/useChat';

export function CreateRoomDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const t = useT();
  const controller = useChatController();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');
  const [error, setError] = useState<{ field?: Record<string, string>; general?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError({});
    try {
      const room = await controller.createRoom(name.trim(), visibility, description.trim());
      setName('');
      setDescription('');
      onClose();
      onCreated(room.id);
    } catch (err) {
      if (err instanceof ApiError && err.problem.errors?.length) {
        setError({ field: Object.fromEntries(err.problem.errors.map((x) => [x.field, x.message])) });
      } else setError({ general: err instanceof ApiError ? err.message : t('somethingWrong') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="create-room-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="create-room-title">{t('newRoom')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error.general && <Alert severity="error">{error.general}</Alert>}
            <TextField
              label={t('roomName')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              autoFocus
              error={!!error.field?.name}
              helperText={error.field?.name}
            />
            <TextField
              label={t('description')}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              error={!!error.field?.description}
              helperText={error.field?.description}
            />
            <FormControl>
              <FormLabel id="visibility-label">{t('visibility')}</FormLabel>
              <RadioGroup row aria-labelledby="visibility-label" value={visibility} onChange={(e) => setVisibility(e.target.value as 'public' | 'private')}>
                <FormControlLabel value="public" control={<Radio />} label={t('public')} />
                <FormControlLabel value="private" control={<Radio />} label={t('private')} />
              </RadioGroup>
            </FormControl>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy || !name.trim()}>
            {t('create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
