import { useState, type FormEvent } from 'react';
import { Button, MenuItem, Stack, TextField } from '@mui/material';
import { useT } from '../../i18n/I18n';
import { AUDIT_ACTIONS, NO_FILTER, rangeIsValid, type AuditFilterForm } from './audit';

/** The audit log's filters: who acted (their id), what they did, and between which days; applied on submit. */
export function AuditFilters({ onApply }: { onApply: (form: AuditFilterForm) => void }) {
  const t = useT();
  const [form, setForm] = useState<AuditFilterForm>(NO_FILTER);
  const set = (field: keyof AuditFilterForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));
  const valid = rangeIsValid(form);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (valid) onApply(form);
  }

  function clear() {
    setForm(NO_FILTER);
    onApply(NO_FILTER);
  }

  return (
    <Stack component="form" onSubmit={submit} noValidate aria-label={t('filters')} direction={{ xs: 'column', md: 'row' }} spacing={1.5} sx={{ alignItems: { md: 'flex-start' } }}>
      <TextField label={t('actorId')} size="small" value={form.actor} onChange={set('actor')} slotProps={{ htmlInput: { maxLength: 64 } }} />
      <TextField select label={t('auditAction')} size="small" value={form.action} onChange={set('action')} sx={{ minWidth: 200 }}>
        <MenuItem value="">{t('anyAction')}</MenuItem>
        {AUDIT_ACTIONS.map((action) => (
          <MenuItem key={action} value={action}>
            {action}
          </MenuItem>
        ))}
      </TextField>
      <TextField label={t('fromDate')} type="date" size="small" value={form.from} onChange={set('from')} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField
        label={t('toDate')}
        type="date"
        size="small"
        value={form.to}
        onChange={set('to')}
        error={!valid}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: form.from || undefined } }}
      />
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="contained" disabled={!valid}>
          {t('applyFilters')}
        </Button>
        <Button onClick={clear}>{t('clearFilters')}</Button>
      </Stack>
    </Stack>
  );
}
