import { Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useId } from 'react';
import type { UsageBucket } from '../../api/types';
import { useT } from '../../i18n/I18n';
import { BUCKET_NAMES, DAYS_NAMES, USAGE_BUCKETS, USAGE_DAYS, type UsageDays } from './usage';

/** The report's range (the last 7, 30 or 90 days) and its buckets (day, week, month). */
export function UsageRangePicker({ days, bucket, onDays, onBucket }: {
  days: UsageDays;
  bucket: UsageBucket;
  onDays: (days: UsageDays) => void;
  onBucket: (bucket: UsageBucket) => void;
}) {
  const t = useT();
  const periodId = useId();
  const bucketId = useId();
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, flexWrap: 'wrap' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography id={periodId} variant="body2" color="text.secondary">
          {t('usagePeriod')}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={days}
          onChange={(_, next: UsageDays | null) => next && onDays(next)}
          aria-labelledby={periodId}
        >
          {USAGE_DAYS.map((d) => (
            <ToggleButton key={d} value={d}>
              {t(DAYS_NAMES[d])}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography id={bucketId} variant="body2" color="text.secondary">
          {t('usageBucket')}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={bucket}
          onChange={(_, next: UsageBucket | null) => next && onBucket(next)}
          aria-labelledby={bucketId}
        >
          {USAGE_BUCKETS.map((b) => (
            <ToggleButton key={b} value={b}>
              {t(BUCKET_NAMES[b])}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
    </Stack>
  );
}
