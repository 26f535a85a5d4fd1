import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import type { AdminApi } from '../../api/adminApi';
import type { AuditVerification } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { useAdminRun } from '../useAdminRun';

/** Checks the audit log's hash chain and says the outcome: intact with its record count, or where it breaks and why. */
export function AuditVerify({ api }: { api: AdminApi }) {
  const { t, locale } = useI18n();
  const { busy, result, error, run: verify } = useAdminRun<AuditVerification>(() => api.verifyAudit());

  const count = (n: number) => n.toLocaleString(locale);
  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <Button variant="outlined" onClick={() => void verify()} disabled={busy}>
        {t('verifyChain')}
      </Button>
      {result?.valid === true && (
        <Alert severity="success" data-testid="chain-result">
          {t('chainValid', { count: count(result.records) })}
        </Alert>
      )}
      {result?.valid === false && (
        <Alert severity="error" variant="filled" data-testid="chain-result">
          <AlertTitle>{t('chainBroken', { id: String(result.firstBroken) })}</AlertTitle>
          <div>{result.reason}</div>
          <div>{t('chainChecked', { count: count(result.records) })}</div>
        </Alert>
      )}
      {error && <Alert severity="error">{error}</Alert>}
    </Stack>
  );
}
