import { useState } from 'react';
import { Alert, Button, Chip, CircularProgress, List, ListItem, ListItemText, Stack } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import type { DataRequest, DataRequestState } from '../api/types';
import { saveBlob } from '../files/download';
import { formatFileSize } from '../files/fileSize';
import { useI18n } from '../i18n/I18n';
import { formatInstant } from '../moderation/moderation';
import { downloadRefusalText, shownState, stateLabel } from './requests';

const STATE_COLORS: Record<DataRequestState, 'default' | 'info' | 'success' | 'error'> = {
  pending: 'info',
  ready: 'success',
  failed: 'error',
  expired: 'default',
  done: 'success',
};

/**
 * Data requests, newest first: what (with `showKind`), their state, when asked for, and for a
 * ready export its size, until when it can be had and a Download button (the archive is fetched
 * with the token, then saved under the server's name for it). An archive gone meanwhile (410)
 * turns the request expired through `onChanged`.
 */
export function DataRequestList({ requests, download, onChanged, showKind = false, label }: {
  requests: DataRequest[];
  download: (request: DataRequest) => Promise<{ blob: Blob; filename: string }>;
  onChanged: (request: DataRequest) => void;
  showKind?: boolean;
  label: string;
}) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  async function save(request: DataRequest) {
    setBusy(request.id);
    setError(undefined);
    try {
      const { blob, filename } = await download(request);
      saveBlob(blob, filename);
    } catch (err) {
      setError(downloadRefusalText(err, t));
      if ((err as { status?: number }).status === 410) onChanged({ ...request, state: 'expired' });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Stack spacing={1}>
      {error && (
        <Alert severity="error" onClose={() => setError(undefined)}>
          {error}
        </Alert>
      )}
      <List dense disablePadding aria-label={label}>
        {requests.map((request) => {
          const state = shownState(request);
          const requested = formatInstant(request.requestedAt, locale);
          const details = [
            t('requestedAt', { time: requested }),
            state === 'ready' && request.size !== undefined ? formatFileSize(request.size, locale) : undefined,
            state === 'ready' && request.expiresAt ? t('availableUntil', { time: formatInstant(request.expiresAt, locale) }) : undefined,
            state === 'failed' && request.kind === 'export' ? t('exportFailedHelp') : undefined,
          ].filter(Boolean);
          return (
            <ListItem
              key={request.id}
              divider
              data-testid="data-request"
              data-state={state}
              secondaryAction={
                state === 'ready' && request.kind === 'export' ? (
                  <Button
                    size="small"
                    variant="outlined"
                    startIcon={busy === request.id ? <CircularProgress size={16} /> : <DownloadIcon />}
                    disabled={busy === request.id}
                    onClick={() => void save(request)}
                    aria-label={t('downloadExportOf', { time: requested })}
                  >
                    {t('download')}
                  </Button>
                ) : undefined
              }
              sx={{ pr: state === 'ready' ? 16 : 2 }}
            >
              <ListItemText
                primary={
                  <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }} component="span">
                    {showKind && <span>{t(request.kind === 'erasure' ? 'kindErasure' : 'kindExport')}</span>}
                    <Chip
                      size="small"
                      variant="outlined"
                      color={STATE_COLORS[state]}
                      label={t(stateLabel(request, state))}
                      icon={state === 'pending' ? <CircularProgress size={12} aria-hidden /> : undefined}
                      component="span"
                    />
                  </Stack>
                }
                secondary={details.join(' · ')}
                slotProps={{ primary: { component: 'span' } }}
              />
            </ListItem>
          );
        })}
      </List>
    </Stack>
  );
}
