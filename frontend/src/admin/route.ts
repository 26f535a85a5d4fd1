// The administration's place in the address bar: /administration and one path per section, so a
// reload or a bookmark comes back to the same screen (the servers answer every such path with the
// app). Not /admin/…: the public site keeps that prefix for Keycloak's console and refuses it.
import { useSyncExternalStore } from 'react';
import type { Identity } from '../auth/AuthSession';

export const ADMIN_SECTIONS = ['overview', 'users', 'rooms', 'retention', 'audit'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export const ADMIN_PATH = '/administration';

/** Whether the signed-in user is an administrator: the realm role `admin` in their token. */
export function isAdmin(identity: Identity | undefined): boolean {
  return !!identity?.roles.includes('admin');
}

/** The path of a section of the administration (the overview is the panel's own path). */
export function adminPath(section: AdminSection = 'overview'): string {
  return section === 'overview' ? ADMIN_PATH : `${ADMIN_PATH}/${section}`;
}

/** The section a path shows; undefined outside the administration (an unknown section: the overview). */
export function adminSectionOf(pathname: string): AdminSection | undefined {
  const path = pathname.replace(/\/+$/, '');
  if (path !== ADMIN_PATH && !path.startsWith(`${ADMIN_PATH}/`)) return undefined;
  const section = path.slice(ADMIN_PATH.length + 1);
  return (ADMIN_SECTIONS as readonly string[]).includes(section) ? (section as AdminSection) : 'overview';
}

const NAVIGATED = 'blau:navigated';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATED, listener);
  };
}

/** The address bar's path, following navigate() and the browser's back and forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** Goes to a path of the app without reloading it (a new history entry, so Back returns). */
export function navigate(path: string): void {
  if (window.location.pathname === path) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/**
 * A link's click handled in the app: a plain click navigates without reloading; a click meant
 * for a new tab or window (a modifier key, another button) is left to the browser.
 */
export function followLink(event: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean; preventDefault(): void }, path: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(path);
}
