import type { ReactNode } from 'react';
import { AdminRoute } from './AdminRoute';
import { adminSectionOf, usePathname } from './route';

/** The administration at its addresses (for administrators; anyone else is told no), else the screen given: the chat. */
export function AdminSwitch({ children }: { children: ReactNode }) {
  const section = adminSectionOf(usePathname());
  return section ? <AdminRoute section={section} /> : <>{children}</>;
}
