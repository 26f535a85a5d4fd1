import { useCallback, useId } from 'react';
import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, Stack, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import type { AdminApi } from '../../api/adminApi';
import type { AdminUser, DataRequest } from '../../api/types';
import { useT } from '../../i18n/I18n';
import { DataRequestList } from '../../privacy/DataRequestList';
import { useDataRequests } from '../../privacy/useDataRequests';

/**
 * A user's data requests (exports and erasures), newest first, followed while one is pending;
 * a ready export can be downloaded here too. `made`: the export just asked for (shown even if the
 * list does not have it yet); `refusal`: why one was not.
 */
export function UserDataRequests({ api, user, made, refusal, onClose }: {
  api: AdminApi;
  user: AdminUser;
  made?: DataRequest;
  refusal?: string;
  onClose: () => void;
}) {
  const t = useT();
  const titleId = useId();
  const load = useCallback(
    () => api.dataRequests(user.id).then((list) => (made && !list.some((r) => r.id === made.id) ? [made, ...list] : list)),
    [api, user.id, made],
  );
  const poll = useCallback(() => api.dataRequests(user.id), [api, user.id]);
  const { requests, error, put } = useDataRequests(load, poll);
  const label = t('dataRequestsOf', { name: user.username });

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <DialogTitle id={titleId} sx={{ pr: 6 }}>
        {t('dataRequestsTitle', { name: user.username })}
        <IconButton aria-label={t('close')} onClick={onClose} sx={{ position: 'absolute', right: 8, top: 8 }}>
          <CloseIcon />
        </IconButton>
      </DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2}>
          {refusal && <Alert severity="warning">{refusal}</Alert>}
          {error && <Alert severity="error">{error}</Alert>}
          {!requests && !error && (
            <Box role="status" aria-label={t('loading')}>
              <CircularProgress size={24} />
            </Box>
          )}
          {requests?.length === 0 && <Typography color="text.secondary">{t('noDataRequests')}</Typography>}
          {!!requests?.length && <DataRequestList requests={requests} download={(r) => api.downloadExport(r)} onChanged={put} showKind label={label} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
