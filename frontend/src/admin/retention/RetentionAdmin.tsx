import { useEffect, useId, useState } from 'react';
import { Alert, Box, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import type { AdminApi } from '../../api/adminApi';
import type { RetentionDays, RetentionSweep } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { problemText } from '../../moderation/moderation';
import { daysOf, periodText } from '../../moderation/retention';
import { RetentionForm } from '../../moderation/RetentionForm';
import { useAdminRun } from '../useAdminRun';

/**
 * Every room's retention: a number of days or for good, a shorter one saved only after a
 * confirmation that older messages are deleted for good; and "Apply now", which runs a sweep at
 * once and says what it expired.
 */
export function RetentionAdmin({ api }: { api: AdminApi }) {
  const { t, locale } = useI18n();
  const [saved, setSaved] = useState<RetentionDays>();
  const [error, setError] = useState<string>();
  const headingId = useId();
  const applyId = useId();

  useEffect(() => {
    let current = true;
    api
      .retention()
      .then((r) => current && setSaved(daysOf(r.days)))
      .catch((err: unknown) => current && setError(problemText(err, t)));
    return () => {
      current = false;
    };
  }, [api, t]);

  async function save(days: RetentionDays): Promise<RetentionDays> {
    const r = await api.setRetention(days);
    const now = r ? daysOf(r.days) : days; // absent: null, as the server leaves it out
    setSaved(now);
    return now;
  }

  return (
    <Stack spacing={3} component="section" aria-labelledby={headingId}>
      <Stack spacing={1}>
        <Typography id={headingId} variant="h6" component="h2">
          {t('messageRetention')}
        </Typography>
        <Typography color="text.secondary">{t('retentionAdminIntro')}</Typography>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {!error && saved === undefined && (
        <Box role="status" aria-label={t('loading')}>
          <CircularProgress size={24} />
        </Box>
      )}
      {saved !== undefined && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Stack spacing={2}>
            <Box component="dl" sx={{ m: 0, display: 'flex', gap: 1 }} data-testid="retention-in-effect">
              <Typography component="dt" color="text.secondary">
                {t('retentionInEffect')}:
              </Typography>
              <Typography component="dd" sx={{ m: 0, fontWeight: 500 }}>
                {periodText(saved, t, locale)}
              </Typography>
            </Box>
            <RetentionForm
              saved={saved}
              noneLabel={t('keepForGood')}
              confirmBody={(p) => t('shortenRetentionBodyWorkspace', { period: p })}
              onSave={save}
            />
          </Stack>
        </Paper>
      )}
      <ApplyNow api={api} describedBy={applyId} />
    </Stack>
  );
}

/** Runs one sweep now and says what it expired. */
function ApplyNow({ api, describedBy }: { api: AdminApi; describedBy: string }) {
  const { t, locale } = useI18n();
  const { busy, result: outcome, error, run: apply } = useAdminRun<RetentionSweep>(() => api.sweepRetention());

  const count = (n: number) => n.toLocaleString(locale);
  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <Typography id={describedBy} variant="body2" color="text.secondary">
        {t('applyRetentionHelp')}
      </Typography>
      <Button
        variant="outlined"
        onClick={() => void apply()}
        disabled={busy}
        aria-describedby={describedBy}
        startIcon={busy ? <CircularProgress size={16} aria-hidden /> : undefined}
      >
        {t('applyRetentionNow')}
      </Button>
      {outcome && (
        <Alert severity="success" role="status" data-testid="sweep-outcome">
          {outcome.messages > 0 || outcome.rooms > 0
            ? t('retentionSwept', { messages: count(outcome.messages), rooms: count(outcome.rooms) })
            : t('retentionSweptNothing')}
        </Alert>
      )}
      {error && <Alert severity="error">{error}</Alert>}
    </Stack>
  );
}
