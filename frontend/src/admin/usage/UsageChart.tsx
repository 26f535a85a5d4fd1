import { useId } from 'react';
import { Box, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import type { UsageReport } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { CHART_TITLES, chartData, formatDay, lastDayBefore } from './usage';

/**
 * Messages and active users per bucket, as bars. A figure named by its caption and described by
 * what it shows; the same numbers are in the table next to it for screen readers.
 */
export function UsageChart({ report }: { report: UsageReport }) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const descId = useId();
  const data = chartData(report.rows, report.bucket, locale);
  const description = t('chartDescription', {
    count: report.rows.length,
    from: formatDay(report.from, locale),
    to: formatDay(lastDayBefore(report.to), locale),
  });
  return (
    <Box component="figure" aria-labelledby={titleId} aria-describedby={descId} sx={{ m: 0 }} data-testid="usage-chart">
      <Box component="figcaption">
        <Typography id={titleId} variant="subtitle1" component="span" sx={{ display: 'block', fontWeight: 500 }}>
          {t(CHART_TITLES[report.bucket])}
        </Typography>
        <Typography id={descId} variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
          {description}
        </Typography>
      </Box>
      <BarChart
        height={300}
        xAxis={[{ scaleType: 'band', data: data.labels }]}
        series={[
          { id: 'messages', label: t('messages'), data: data.messages },
          { id: 'activeUsers', label: t('activeUsers'), data: data.activeUsers },
        ]}
      />
    </Box>
  );
}
