import { useCallback, useEffect, useState } from 'react';
import type { DataRequest } from '../api/types';
import { useT } from '../i18n/I18n';
import { problemText } from '../moderation/moderation';
import { POLL_MS, transient, withRequest } from './requests';

/**
 * Data requests on screen: loaded once, then, while one is pending, asked about again every two
 * seconds (`poll`, given the pending one's id: that request as it is now, or the whole list) until
 * none is, or the component goes. A refusal stops the asking and is shown; a lost connection or a
 * busy server is only asked through again.
 */
export function useDataRequests(load: () => Promise<DataRequest[]>, poll: (pendingId: string) => Promise<DataRequest | DataRequest[]>) {
  const t = useT();
  const [requests, setRequests] = useState<DataRequest[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    load()
      .then((list) => live && setRequests(list))
      .catch((err: unknown) => live && setError(problemText(err, t)));
    return () => {
      live = false;
    };
  }, [load, t]);

  const pending = requests?.find((r) => r.state === 'pending');
  const pendingId = pending?.id;
  useEffect(() => {
    if (!pendingId || error) return;
    let live = true;
    let asking = false; // a slow answer is waited for, not asked over
    const timer = setInterval(() => {
      if (asking) return;
      asking = true;
      poll(pendingId)
        .then((update) => live && setRequests((list) => (Array.isArray(update) ? update : withRequest(list, update))))
        .catch((err: unknown) => live && !transient(err) && setError(problemText(err, t)))
        .finally(() => (asking = false));
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [pendingId, error, poll, t]);

  /** A request just made or changed: in its place in the list, else first. */
  const put = useCallback((request: DataRequest) => setRequests((list) => withRequest(list, request)), []);

  return { requests, pending, error, setError, put };
}
