import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ChatController } from './ChatController';
import type { ChatState } from './ChatStore';

export const ChatContext = createContext<ChatController | null>(null);

export function useChatController(): ChatController {
  const c = useContext(ChatContext);
  if (!c) throw new Error('useChatController outside ChatContext');
  return c;
}

/** Subscribes to a slice of the chat state (the selector must return a stable value for the same state). */
export function useChat<T>(select: (state: ChatState) => T): T {
  const c = useChatController();
  return useSyncExternalStore(c.store.subscribe, () => select(c.store.getState()));
}
