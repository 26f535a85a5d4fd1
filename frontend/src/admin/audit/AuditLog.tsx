import { useEffect, useId, useState } from 'react';
import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import type { AdminApi } from '../../api/adminApi';
import type { AuditFilter, AuditRecord } from '../../api/types';
import { saveBlob } from '../../files/download';
import { useT } from '../../i18n/I18n';
import { problemText } from '../../moderation/moderation';
import { auditFilter, csvFileName, type AuditFilterForm } from './audit';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { AuditVerify } from './AuditVerify';

/** The audit log: filtered, newest first, a page at a time ("Load more"); exported as CSV; its chain verified. */
export function AuditLog({ api }: { api: AdminApi }) {
  const t = useT();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [records, setRecords] = useState<AuditRecord[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [exporting, setExporting] = useState(false);
  const headingId = useId();

  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .audit(filter)
      .then((page) => {
        if (!current) return; // the answer to filters no longer applied
        setRecords(page.records);
        setCursor(page.nextCursor ?? null);
        setError(undefined);
      })
      .catch((err: unknown) => {
        if (!current) return;
        setRecords(undefined);
        setError(problemText(err, t));
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [api, filter, t]);

  async function more() {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await api.audit(filter, cursor);
      setRecords((shown = []) => [...shown, ...page.records.filter((r) => !shown.some((s) => s.id === r.id))]);
      setCursor(page.nextCursor ?? null);
    } catch (err) {
      setError(problemText(err, t));
    } finally {
      setLoading(false);
    }
  }

  async function exportCsv() {
    setExporting(true);
    setError(undefined);
    try {
      saveBlob(await api.auditCsv(filter), csvFileName());
    } catch (err) {
      setError(problemText(err, t));
    } finally {
      setExporting(false);
    }
  }

  return (
    <Stack spacing={2}>
      <Typography id={headingId} variant="h6" component="h2">
        {t('auditLog')}
      </Typography>
      <AuditFilters onApply={(form: AuditFilterForm) => setFilter(auditFilter(form))} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Button variant="outlined" startIcon={<DownloadIcon />} onClick={() => void exportCsv()} disabled={exporting}>
          {t('exportCsv')}
        </Button>
        <AuditVerify api={api} />
      </Stack>
      {error && (
        <Alert severity="error" onClose={() => setError(undefined)}>
          {error}
        </Alert>
      )}
      {records && records.length > 0 && (
        <Box aria-busy={loading}>
          <AuditTable records={records} labelledBy={headingId} />
        </Box>
      )}
      {records?.length === 0 && !loading && <Typography color="text.secondary">{t('noAuditRecords')}</Typography>}
      {loading && (
        <Box role="status" aria-label={t('loading')}>
          <CircularProgress size={24} />
        </Box>
      )}
      {cursor && !loading && (
        <Box>
          <Button variant="outlined" onClick={() => void more()}>
            {t('loadMore')}
          </Button>
        </Box>
      )}
    </Stack>
  );
}
