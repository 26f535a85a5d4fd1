import { useEffect, useState } from 'react';
import { ChatApi } from '../api/chatApi';
import type { Profile } from '../api/types';
import { AdminSwitch } from '../admin/AdminSwitch';
import { useAuth } from '../auth/AuthProvider';
import { AppShell } from '../shell/AppShell';
import { ChatController } from './ChatController';
import { ChatContext } from './useChat';

/**
 * One controller (store + live connection) per signed-in user, stopped on sign-out. It keeps
 * running while the administration is open, so the chat is as it was when the user comes back.
 */
export function ChatScreen() {
  const auth = useAuth();
  const identity = auth.identity!;
  const [controller] = useState(
    () =>
      new ChatController(new ChatApi(auth.http), { id: identity.id, username: identity.username, name: identity.name }, undefined, {
        freshToken: (validAfter, refused) => auth.session.freshToken(validAfter, refused),
        // signed out elsewhere or disabled: back to the sign-in page, which says why
        ended: (reason) => void auth.signOut(reason),
      }),
  );
  useEffect(() => {
    void controller.start().catch(() => controller.realtime.start());
    // the display name as the chat knows it (the token may carry only the username)
    auth.http
      .get<Profile>('/api/v1/auth/profile')
      .then((p) => controller.store.setMe({ id: identity.id, username: p.username, name: p.displayName || p.username }))
      .catch(() => undefined);
    return () => controller.stop();
  }, [controller, auth.http, identity.id]);
  return (
    <ChatContext.Provider value={controller}>
      <AdminSwitch>
        <AppShell />
      </AdminSwitch>
    </ChatContext.Provider>
  );
}
