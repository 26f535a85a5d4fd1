// Erasing one's account needs a recent sign-in. Signing in again leaves the app for Keycloak and
// comes back to a fresh page: what the user was doing is remembered here (sessionStorage: this tab
// only, no token), so the erasure's confirmation opens again once they are back. It still has to
// be confirmed: nothing is erased on the way back.

const KEY = 'blau.privacy.erase';
/** A sign-in that took longer than this was not for the erasure any more. */
const LASTS_MS = 15 * 60_000;

/** Remembers that this user went to sign in again to erase their account. */
export function rememberEraseIntent(userId: string, now: number = Date.now()): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ userId, at: now }));
  } catch {
    // no storage: the user opens the dialog again themselves
  }
}

/** Whether this user, back from signing in again, was about to erase their account. */
export function hasEraseIntent(userId: string | undefined, now: number = Date.now()): boolean {
  if (!userId) return false;
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { userId?: unknown; at?: unknown } | null;
    return !!saved && saved.userId === userId && typeof saved.at === 'number' && now >= saved.at && now - saved.at < LASTS_MS;
  } catch {
    return false;
  }
}

export function forgetEraseIntent(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing to forget
  }
}
