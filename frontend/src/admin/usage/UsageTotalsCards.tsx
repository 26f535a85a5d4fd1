import { useId } from 'react';
import { Box, Paper, Typography } from '@mui/material';
import type { UsageRow } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { usageTotals, type UsageTotals } from './usage';

const TOTALS: Array<{ key: keyof UsageTotals; label: MessageKey }> = [
  { key: 'messages', label: 'messages' },
  { key: 'newUsers', label: 'newUsers' },
  { key: 'roomsCreated', label: 'roomsCreated' },
];

/** The range's totals (messages, new users, rooms created), as a list of terms and numbers. */
export function UsageTotalsCards({ rows }: { rows: UsageRow[] }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const totals = usageTotals(rows);
  return (
    <section aria-labelledby={headingId}>
      <Typography id={headingId} variant="subtitle1" component="h3" sx={{ fontWeight: 500, mb: 1 }}>
        {t('usageTotals')}
      </Typography>
      <Box component="dl" sx={{ m: 0, display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))' }}>
        {TOTALS.map(({ key, label }) => (
          <Paper key={key} variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column-reverse' }}>
            {/* the number shows above its name, but is read after it */}
            <Typography component="dt" variant="body2" color="text.secondary">
              {t(label)}
            </Typography>
            <Typography component="dd" variant="h5" sx={{ m: 0 }} data-testid={`total-${key}`}>
              {totals[key].toLocaleString(locale)}
            </Typography>
          </Paper>
        ))}
      </Box>
    </section>
  );
}
