import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack } from '@mui/material';
import { useT } from '../i18n/I18n';
import { problemText } from './moderation';

/**
 * A confirmation with its own error line: a refusal (problem+json detail) keeps the dialog open.
 * `disabled`: the confirming button waits (e.g. for a name typed in `children`).
 */
export function ConfirmDialog({ title, body, confirm, onConfirm, onClose, children, disabled = false }: {
  title: string;
  body: string;
  confirm: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  children?: ReactNode;
  disabled?: boolean;
}) {
  const t = useT();
  const titleId = useId();
  const bodyId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (disabled || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(problemText(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby={titleId} aria-describedby={bodyId}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            {error && <Alert severity="error">{error}</Alert>}
            <DialogContentText id={bodyId}>{body}</DialogContentText>
            {children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="submit" color="error" variant="contained" disabled={busy || disabled}>
            {confirm}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
