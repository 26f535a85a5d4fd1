import { useId, useMemo, useState } from 'react';
import { Box, Button, Dialog, DialogContent, DialogTitle, Divider, IconButton, Stack, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import DeleteForeverIcon from '@mui/icons-material/DeleteForeverOutlined';
import { PrivacyApi } from '../api/privacyApi';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18n';
import { EraseAccountDialog } from './EraseAccountDialog';
import { ExportPanel } from './ExportPanel';

/**
 * "Privacy and data": the user's own copy of their data, and, in a danger zone, deleting their
 * account. `resumeErase`: back from signing in again for it, the erasure's confirmation is open.
 */
export function PrivacyDialog({ onClose, resumeErase = false }: { onClose: () => void; resumeErase?: boolean }) {
  const t = useT();
  const { http } = useAuth();
  const api = useMemo(() => new PrivacyApi(http), [http]);
  const [erasing, setErasing] = useState(resumeErase);
  const titleId = useId();
  const dangerId = useId();

  return (
    <>
      <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
        <DialogTitle id={titleId} sx={{ pr: 6 }}>
          {t('privacyAndData')}
          <IconButton aria-label={t('close')} onClick={onClose} sx={{ position: 'absolute', right: 8, top: 8 }}>
            <CloseIcon />
          </IconButton>
        </DialogTitle>
        <DialogContent dividers>
          <Stack spacing={3}>
            <ExportPanel api={api} />
            <Divider />
            <Box
              component="section"
              aria-labelledby={dangerId}
              sx={{ border: 1, borderColor: 'error.main', borderRadius: 1, p: 2 }}
            >
              <Stack spacing={1.5}>
                <Typography id={dangerId} variant="h6" component="h3" color="error">
                  {t('deleteMyAccount')}
                </Typography>
                <Typography variant="body2">{t('deleteAccountIntro')}</Typography>
                <Box>
                  <Button color="error" variant="outlined" startIcon={<DeleteForeverIcon />} onClick={() => setErasing(true)}>
                    {t('deleteMyAccount')}
                  </Button>
                </Box>
              </Stack>
            </Box>
          </Stack>
        </DialogContent>
      </Dialog>
      {erasing && <EraseAccountDialog api={api} onClose={() => setErasing(false)} />}
    </>
  );
}
