import { useCallback, useId, useState } from 'react';
import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import type { PrivacyApi } from '../api/privacyApi';
import { useI18n } from '../i18n/I18n';
import { DataRequestList } from './DataRequestList';
import { exportRefusalText } from './requests';
import { useDataRequests } from './useDataRequests';

/**
 * "Your data": asks for a copy of the user's data (one at a time: while one is being prepared it
 * is followed, every two seconds, until it is ready), and lists the recent ones to download.
 */
export function ExportPanel({ api }: { api: PrivacyApi }) {
  const { t, locale } = useI18n();
  const load = useCallback(() => api.exports(), [api]);
  const poll = useCallback((id: string) => api.export(id), [api]);
  const { requests, pending, error: listError, put } = useDataRequests(load, poll);
  const [asking, setAsking] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const headingId = useId();
  const listHeadingId = useId();

  async function ask() {
    setAsking(true);
    setRefusal(undefined);
    try {
      put(await api.requestExport());
    } catch (err) {
      setRefusal(exportRefusalText(err, t, locale));
    } finally {
      setAsking(false);
    }
  }

  return (
    <Stack component="section" spacing={2} aria-labelledby={headingId}>
      <Typography id={headingId} variant="h6" component="h3">
        {t('yourData')}
      </Typography>
      <Typography variant="body2">{t('exportIntro')}</Typography>
      <Box>
        <Button variant="contained" startIcon={<DownloadIcon />} onClick={() => void ask()} disabled={asking || !!pending}>
          {t('downloadMyData')}
        </Button>
      </Box>
      {refusal && (
        <Alert severity="warning" onClose={() => setRefusal(undefined)}>
          {refusal}
        </Alert>
      )}
      {pending && (
        <Typography role="status" variant="body2" color="text.secondary">
          {t('exportStillPreparing')}
        </Typography>
      )}
      {listError && <Alert severity="error">{listError}</Alert>}
      <Typography id={listHeadingId} variant="subtitle2" component="h4">
        {t('recentExports')}
      </Typography>
      {!requests && !listError && (
        <Box role="status" aria-label={t('loading')}>
          <CircularProgress size={24} />
        </Box>
      )}
      {requests?.length === 0 && <Typography color="text.secondary">{t('noExports')}</Typography>}
      {!!requests?.length && <DataRequestList requests={requests} download={(r) => api.download(r)} onChanged={put} label={t('recentExports')} />}
    </Stack>
  );
}
