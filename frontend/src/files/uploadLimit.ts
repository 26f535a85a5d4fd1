// The largest file the server takes. The client's settings (/config.json) do not say it, so it
// is learnt from the first refusal of a file too large (a 413 says the limit); from then on a
// larger file is refused before a byte of it is sent. Kept for the page's life only: a reload
// asks the server again, so a limit changed on the server is never held against anyone for long.

let learnt: number | undefined;

/** The limit the server last said, if it has said one since the page loaded. */
export function knownUploadLimit(): number | undefined {
  return learnt;
}

/** Remembers the limit a refusal said (nothing when it said none). */
export function learnUploadLimit(bytes: number | undefined): void {
  if (bytes !== undefined && Number.isSafeInteger(bytes) && bytes > 0) learnt = bytes;
}

/** Forgets it (tests start from a page that has learnt nothing). */
export function forgetUploadLimit(): void {
  learnt = undefined;
}
