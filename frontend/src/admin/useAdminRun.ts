import { useState } from 'react';
import { useI18n } from '../i18n/I18n';
import { problemText } from '../moderation/moderation';

/**
 * An administrator's one-off action (verify the audit chain, apply the retention now): while it
 * runs it is busy, then it holds the outcome or the problem's text, whichever came last.
 */
export function useAdminRun<T>(action: () => Promise<T>) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<T>();
  const [error, setError] = useState<string>();

  async function run() {
    setBusy(true);
    setResult(undefined);
    setError(undefined);
    try {
      setResult(await action());
    } catch (err) {
      setError(problemText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return { busy, result, error, run };
}
