import { useId, useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { ApiError } from '../api/http';
import type { RetentionDays } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { ConfirmDialog } from './ConfirmDialog';
import { problemText } from './moderation';
import { deletesMore, effectiveDays, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, parseDays, periodText } from './retention';

type Mode = 'none' | 'days';

interface Props {
  /** the saved value (null: none of its own) */
  saved: RetentionDays;
  /** what null means here: "Keep for good", "Follow the workspace" */
  noneLabel: string;
  /** the other retention that applies with this one (a room's: every room's), to tell whether a change deletes messages */
  other?: RetentionDays;
  /** what the confirmation says before messages are deleted, for the period that will apply */
  confirmBody: (period: string) => string;
  /** saves, answering the value now saved; a refusal (problem+json) is shown */
  onSave: (days: RetentionDays) => Promise<RetentionDays>;
}

/**
 * How long messages are kept: for good (or as something else says: `noneLabel`) or a number of
 * days. A change that makes messages go sooner than now is saved only after a confirmation that
 * says older messages are deleted for good.
 */
export function RetentionForm({ saved, noneLabel, other = null, confirmBody, onSave }: Props) {
  const { t, locale } = useI18n();
  const [mode, setMode] = useState<Mode>(saved === null ? 'none' : 'days');
  const [text, setText] = useState(saved === null ? '' : String(saved));
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<number>();
  const [error, setError] = useState<{ field?: string; general?: string }>({});
  const [done, setDone] = useState(false);
  const labelId = useId();

  const days = parseDays(text);
  const next: RetentionDays | undefined = mode === 'none' ? null : days;
  const invalid = mode === 'days' && days === undefined;
  const changed = next !== undefined && next !== saved;

  async function save(value: RetentionDays) {
    const now = await onSave(value);
    setMode(now === null ? 'none' : 'days');
    setText(now === null ? '' : String(now));
    setDone(true);
  }

  async function saveNow(value: RetentionDays) {
    setBusy(true);
    try {
      await save(value);
    } catch (err) {
      const field = err instanceof ApiError ? err.fieldError('days') : undefined;
      setError(field ? { field } : { general: problemText(err, t) });
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setError({});
    setDone(false);
    if (!changed || next === undefined) return;
    const after = effectiveDays(other, next);
    if (deletesMore(effectiveDays(other, saved), after)) setConfirming(after!);
    else void saveNow(next);
  }

  const range = { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS.toLocaleString(locale) };
  const fieldError = error.field ?? (invalid && text.trim() ? t('retentionDaysInvalid', range) : undefined);
  return (
    <Box component="form" onSubmit={submit} noValidate>
      <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
        {error.general && (
          <Alert severity="error" sx={{ alignSelf: 'stretch' }}>
            {error.general}
          </Alert>
        )}
        <FormControl>
          <FormLabel id={labelId}>{t('keepMessages')}</FormLabel>
          <RadioGroup
            aria-labelledby={labelId}
            value={mode}
            onChange={(e) => {
              setMode(e.target.value as Mode);
              setDone(false);
            }}
          >
            <FormControlLabel value="none" control={<Radio />} label={noneLabel} />
            <FormControlLabel value="days" control={<Radio />} label={t('retentionForDays')} />
          </RadioGroup>
        </FormControl>
        <TextField
          type="number"
          label={t('retentionDays')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError({});
            setDone(false);
          }}
          disabled={mode !== 'days'}
          error={mode === 'days' && !!fieldError}
          helperText={(mode === 'days' && fieldError) || t('retentionDaysHelp', range)}
          size="small"
          slotProps={{ htmlInput: { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS, step: 1, inputMode: 'numeric' } }}
          sx={{ width: 240 }}
        />
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Button type="submit" variant="contained" disabled={busy || !changed}>
            {t('save')}
          </Button>
          {done && (
            <Typography role="status" color="success.main" variant="body2">
              {t('retentionSaved')}
            </Typography>
          )}
        </Stack>
      </Stack>
      {confirming !== undefined && next !== undefined && (
        <ConfirmDialog
          title={t('shortenRetentionTitle', { period: periodText(confirming, t, locale) })}
          body={confirmBody(periodText(confirming, t, locale))}
          confirm={t('shortenRetention')}
          onConfirm={() => save(next)}
          onClose={() => setConfirming(undefined)}
        />
      )}
    </Box>
  );
}
