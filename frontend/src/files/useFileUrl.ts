import { useEffect, useState } from 'react';
import { useChatController } from '../chat/useChat';

/** An object URL for a Blob (or a local File) while it is shown; revoked when it is not. */
export function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<{ blob: Blob; href: string }>();
  useEffect(() => {
    if (!blob) return;
    const href = URL.createObjectURL(blob);
    setUrl({ blob, href });
    return () => URL.revokeObjectURL(href);
  }, [blob]);
  // never the URL of a Blob shown before (it is revoked)
  return url && url.blob === blob ? url.href : undefined;
}

/** A file of the server (it needs the bearer token): fetched as a Blob, recent ones from the controller's cache. */
export function useFileBlob(url: string | undefined): { blob?: Blob; failed: boolean } {
  const controller = useChatController();
  const [state, setState] = useState<{ url: string; blob?: Blob; failed: boolean }>();
  useEffect(() => {
    if (!url) return;
    let current = true;
    controller.file(url).then(
      (blob) => current && setState({ url, blob, failed: false }),
      () => current && setState({ url, failed: true }),
    );
    return () => {
      current = false;
    };
  }, [controller, url]);
  return state && state.url === url ? state : { failed: false };
}

/** A server file as an object URL for an <img> (which cannot send the token itself). */
export function useFileUrl(url: string | undefined): { src?: string; failed: boolean } {
  const { blob, failed } = useFileBlob(url);
  return { src: useObjectUrl(blob), failed };
}
