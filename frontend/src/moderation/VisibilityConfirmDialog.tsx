import { useId } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import type { Visibility } from '../api/types';
import { useT } from '../i18n/I18n';

/** What changing a room's visibility does to who can read it, said before it is done. */
export function VisibilityConfirmDialog({ to, onConfirm, onCancel }: { to: Exclude<Visibility, 'direct'>; onConfirm: () => void; onCancel: () => void }) {
  const t = useT();
  const titleId = useId();
  const bodyId = useId();
  const toPublic = to === 'public';
  return (
    <Dialog open onClose={onCancel} maxWidth="xs" aria-labelledby={titleId} aria-describedby={bodyId}>
      <DialogTitle id={titleId}>{toPublic ? t('makePublicTitle') : t('makePrivateTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText id={bodyId}>{toPublic ? t('makePublicBody') : t('makePrivateBody')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{t('cancel')}</Button>
        <Button color="warning" variant="contained" onClick={onConfirm}>
          {toPublic ? t('makePublic') : t('makePrivate')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
