import { Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import type { UsageReport } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { bucketLabel, TABLE_CAPTIONS } from './usage';

/** Every bucket of the report with all its numbers: the chart's data as text. */
export function UsageTable({ report }: { report: UsageReport }) {
  const { t, locale } = useI18n();
  const n = (value: number) => value.toLocaleString(locale);
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 420 }}>
      <Table size="small" stickyHeader>
        <caption style={{ captionSide: 'top' }}>{t(TABLE_CAPTIONS[report.bucket])}</caption>
        <TableHead>
          <TableRow>
            <TableCell scope="col">{t('periodStart')}</TableCell>
            <TableCell scope="col" align="right">{t('messages')}</TableCell>
            <TableCell scope="col" align="right">{t('activeUsers')}</TableCell>
            <TableCell scope="col" align="right">{t('newUsers')}</TableCell>
            <TableCell scope="col" align="right">{t('roomsCreated')}</TableCell>
            <TableCell scope="col" align="right">{t('activeRooms')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.rows.map((row) => (
            <TableRow key={row.start}>
              <TableCell component="th" scope="row">
                <time dateTime={row.start}>{bucketLabel(row.start, report.bucket, locale, t)}</time>
              </TableCell>
              <TableCell align="right">{n(row.messages)}</TableCell>
              <TableCell align="right">{n(row.activeUsers)}</TableCell>
              <TableCell align="right">{n(row.newUsers)}</TableCell>
              <TableCell align="right">{n(row.roomsCreated)}</TableCell>
              <TableCell align="right">{n(row.activeRooms)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
