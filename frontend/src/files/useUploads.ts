import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FileInfo } from '../api/types';
import { ApiError } from '../api/http';
import { UploadCancelled, uploadLimitOf, type Upload } from '../api/upload';
import { FileRefusal, MAX_ATTACHMENTS } from './uploadError';
import { knownUploadLimit, learnUploadLimit } from './uploadLimit';

export type UploadState = 'uploading' | 'done' | 'failed';

/** A file chosen for the next message, on its way or uploaded. */
export interface ChosenFile {
  key: string;
  file: File;
  state: UploadState;
  /** share sent, 0 to 1 */
  progress: number;
  /** the server's record, once uploaded */
  info?: FileInfo;
  /** why it failed (an ApiError, a FileRefusal…): put into words when shown, in the UI's language */
  error?: unknown;
}

export type UploadFn = (file: File, onProgress: (fraction: number) => void) => Upload<FileInfo>;

let nextKey = 0;

/**
 * The files chosen for the next message: each uploads as soon as it is chosen; removing one
 * aborts its upload (an uploaded one is just forgotten: the server expires unsent uploads).
 * Uploads still running when the composer goes away are aborted. A file larger than the limit
 * a refusal has said (uploadLimit.ts) is refused without being sent.
 */
export function useUploads(upload: UploadFn) {
  const [items, setItems] = useState<ChosenFile[]>([]);
  // the list as of now, for callbacks that run between renders (progress, answers)
  const current = useRef<ChosenFile[]>([]);
  const running = useRef(new Map<string, Upload<FileInfo>>());

  const update = useCallback((change: (list: ChosenFile[]) => ChosenFile[]) => {
    current.current = change(current.current);
    setItems(current.current);
  }, []);
  const patch = useCallback(
    (key: string, fields: Partial<ChosenFile>) => update((list) => list.map((i) => (i.key === key ? { ...i, ...fields } : i))),
    [update],
  );

  useEffect(() => {
    const uploads = running.current;
    return () => {
      for (const u of uploads.values()) u.abort();
      uploads.clear();
    };
  }, []);

  const add = useCallback(
    (files: File[]) => {
      let room = MAX_ATTACHMENTS - current.current.filter((i) => i.state !== 'failed').length;
      const added: ChosenFile[] = [];
      const limit = knownUploadLimit();
      for (const file of files) {
        const key = `upload-${++nextKey}`;
        if (limit !== undefined && file.size > limit) {
          added.push({ key, file, state: 'failed', progress: 0, error: new FileRefusal('too-large', limit) });
          continue;
        }
        if (file.size === 0 || room <= 0) {
          const reason = file.size === 0 ? 'empty' : 'too-many';
          added.push({ key, file, state: 'failed', progress: 0, error: new FileRefusal(reason) });
          continue;
        }
        room--;
        const sending = upload(file, (progress) => patch(key, { progress }));
        running.current.set(key, sending);
        sending.done.then(
          (info) => patch(key, { state: 'done', progress: 1, info }),
          (error: unknown) => {
            if (error instanceof UploadCancelled) return;
            if (error instanceof ApiError && error.status === 413) learnUploadLimit(uploadLimitOf(error.problem));
            patch(key, { state: 'failed', error });
          },
        ).finally(() => running.current.delete(key));
        added.push({ key, file, state: 'uploading', progress: 0 });
      }
      update((list) => [...list, ...added]);
    },
    [upload, patch, update],
  );

  const remove = useCallback(
    (key: string) => {
      running.current.get(key)?.abort();
      running.current.delete(key);
      update((list) => list.filter((i) => i.key !== key));
    },
    [update],
  );

  /** After sending: the chips go (nothing is running then: sending waits for the uploads). */
  const clear = useCallback(() => {
    for (const u of running.current.values()) u.abort();
    running.current.clear();
    update(() => []);
  }, [update]);

  const uploading = items.some((i) => i.state === 'uploading');
  const uploaded = useMemo(() => items.flatMap((i) => (i.state === 'done' && i.info ? [i.info] : [])), [items]);
  return { items, add, remove, clear, uploading, uploaded };
}
