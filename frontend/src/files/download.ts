import { useState } from 'react';
import type { FileInfo } from '../api/types';
import { useChatController } from '../chat/useChat';

/** Hands a Blob to the browser as a download named `name` (an <a download> clicked). */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // some browsers read the URL after click() returns: revoked a little later
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Downloads a message's file: fetched with the token (a plain link would go without it), then saved. */
export function useDownload(file: FileInfo) {
  const controller = useChatController();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  async function download() {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      saveBlob(await controller.file(file.url), file.name);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }
  return { download, busy, failed };
}
