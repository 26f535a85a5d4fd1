import { Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import type { AuditRecord } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { formatInstant } from '../../moderation/moderation';
import { summarizeDetails } from './audit';

const mono = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

/** Audit records, newest first: when, who, what, on what, and the details on one line. */
export function AuditTable({ records, labelledBy }: { records: AuditRecord[]; labelledBy: string }) {
  const { t, locale } = useI18n();
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-labelledby={labelledBy}>
        <TableHead>
          <TableRow>
            <TableCell scope="col">{t('auditTime')}</TableCell>
            <TableCell scope="col">{t('auditActor')}</TableCell>
            <TableCell scope="col">{t('auditAction')}</TableCell>
            <TableCell scope="col">{t('auditTarget')}</TableCell>
            <TableCell scope="col">{t('auditDetails')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {records.map((record) => (
            <TableRow key={record.id} data-testid="audit-row">
              <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                <time dateTime={record.at}>{formatInstant(record.at, locale)}</time>
              </TableCell>
              <TableCell sx={mono}>{record.actorId}</TableCell>
              <TableCell sx={mono}>{record.action}</TableCell>
              <TableCell sx={mono}>{record.target}</TableCell>
              <TableCell title={JSON.stringify(record.details ?? {})}>{summarizeDetails(record.details)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
