import { useEffect, useState } from 'react';
import { Alert, Box, CircularProgress, Stack, Typography } from '@mui/material';
import type { AdminApi } from '../../api/adminApi';
import type { UsageBucket, UsageReport } from '../../api/types';
import { useT } from '../../i18n/I18n';
import { problemText } from '../../moderation/moderation';
import { UsageChart } from './UsageChart';
import { UsageRangePicker } from './UsageRangePicker';
import { UsageTable } from './UsageTable';
import { UsageTotalsCards } from './UsageTotalsCards';
import { usageRange, type UsageDays } from './usage';

/** How the service is used: the last 7, 30 or 90 days by day, week or month, as a chart, totals and a table. */
export function UsageOverview({ api }: { api: AdminApi }) {
  const t = useT();
  const [days, setDays] = useState<UsageDays>(30);
  const [bucket, setBucket] = useState<UsageBucket>('day');
  const [report, setReport] = useState<UsageReport>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    const { from, to } = usageRange(days);
    setLoading(true);
    api
      .usage(from, to, bucket)
      .then((r) => {
        if (!current) return; // the answer to a range no longer asked for
        setReport(r);
        setError(undefined);
      })
      .catch((err: unknown) => {
        if (!current) return;
        setReport(undefined); // not the numbers of another range under this one's name
        setError(problemText(err, t));
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [api, days, bucket, t]);

  return (
    <Stack spacing={3}>
      <Typography variant="h6" component="h2">
        {t('usage')}
      </Typography>
      <UsageRangePicker days={days} bucket={bucket} onDays={setDays} onBucket={setBucket} />
      {error && <Alert severity="error">{error}</Alert>}
      {loading && !report && (
        <Box role="status" aria-label={t('loading')}>
          <CircularProgress size={24} />
        </Box>
      )}
      {report && (
        <Stack spacing={3} aria-busy={loading}>
          <UsageTotalsCards rows={report.rows} />
          <UsageChart report={report} />
          <UsageTable report={report} />
        </Stack>
      )}
    </Stack>
  );
}
