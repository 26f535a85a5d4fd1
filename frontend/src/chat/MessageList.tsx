import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Box, Button, CircularProgress, Divider, Stack, Typography } from '@mui/material';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import { useI18n } from '../i18n/I18n';
import { displayName } from './ChatStore';
import { MessageItem } from './MessageItem';
import { buildTimeline, dateLabel } from './timeline';
import { useChat, useChatController } from './useChat';
import type { Message } from '../api/types';

const NEAR_TOP_PX = 120;
const NEAR_BOTTOM_PX = 160;

const noNotices: never[] = [];

/**
 * The room's history: older pages load when scrolled near the top; new messages keep it at the
 * bottom. After a jump to an old message (jump.ts) it shows a detached run of older history
 * instead, paged on request, until "Jump to newest"; the message jumped to is scrolled into view
 * and highlighted.
 */
interface ListProps {
  roomId: string;
  onReply?: (message: Message) => void;
  onOpenThread?: (message: Message) => void;
}

export function MessageList({ roomId, onReply, onOpenThread }: ListProps) {
  const { t, locale } = useI18n();
  const controller = useChatController();
  const timeline = useChat((s) => s.timelines[roomId]);
  const detached = useChat((s) => (s.detached?.roomId === roomId ? s.detached : undefined));
  const focus = useChat((s) => (s.focus?.roomId === roomId ? s.focus : undefined));
  const liveNotices = useChat((s) => s.notices[roomId] ?? noNotices);
  const livePending = useChat((s) => s.pending[roomId] ?? noNotices);
  // a detached run is older history: the notices and messages on their way belong to the live end
  const notices = detached ? noNotices : liveNotices;
  const pending = detached ? noNotices : livePending;
  const me = useChat((s) => s.me);
  const role = useChat((s) => s.rooms[roomId]?.role);
  const moderates = role === 'owner' || role === 'moderator';
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const anchor = useRef<{ height: number; top: number; firstSeq?: number } | null>(null);
  const shownFocus = useRef<number | undefined>(undefined);
  const wasDetached = useRef<{ first?: number } | undefined>(undefined);
  const messages = detached ? detached.messages : (timeline?.messages ?? noNotices);
  const hasMore = detached ? detached.hasOlder : (timeline?.hasMore ?? true);
  const items = useMemo(() => buildTimeline(messages, notices, pending, hasMore), [messages, notices, pending, hasMore]);

  // keep the view where it was when an older page is put above it
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (detached) {
      stickToBottom.current = false;
      wasDetached.current = { first: detached.messages[0]?.seq };
    } else if (wasDetached.current) {
      // the detached run joined the live timeline (its messages are still here: stay), or the
      // user went back to the newest messages, or the run never came (go to the bottom)
      const { first } = wasDetached.current;
      wasDetached.current = undefined;
      if (first === undefined || !messages.some((m) => m.seq === first)) stickToBottom.current = true;
    }
    const a = anchor.current;
    if (a && a.firstSeq !== messages[0]?.seq) {
      el.scrollTop = el.scrollHeight - a.height + a.top;
      anchor.current = null;
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    // the message jumped to, once it is on screen: into view, highlighted, and focused for screen readers
    if (focus && shownFocus.current !== focus.key) {
      const target = el.querySelector<HTMLElement>(`[data-seq="${focus.seq}"]`);
      if (target) {
        shownFocus.current = focus.key;
        stickToBottom.current = false;
        anchor.current = null;
        target.scrollIntoView?.({ block: 'center' });
        target.focus({ preventScroll: true });
      }
    }
  }, [items, messages, detached, focus]);

  useEffect(() => {
    stickToBottom.current = true;
  }, [roomId]);

  // the list gets shorter when the composer grows (files chosen, a reply, more lines): the newest stay in view
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stickToBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // a short first page may not fill the screen: keep loading until it scrolls or history ends
  useEffect(() => {
    const el = scroller.current;
    if (el && !detached && timeline?.loaded && timeline.hasMore && !timeline.loading && el.scrollHeight <= el.clientHeight) {
      void controller.loadOlder(roomId);
    }
  }, [timeline, controller, roomId, detached]);

  function onScroll() {
    const el = scroller.current;
    if (!el || detached) return; // a detached run pages on request only
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (el.scrollTop < NEAR_TOP_PX && timeline?.hasMore && !timeline.loading) {
      anchor.current = { height: el.scrollHeight, top: el.scrollTop, firstSeq: messages[0]?.seq };
      void controller.loadOlder(roomId);
    }
  }

  function olderDetached() {
    const el = scroller.current;
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop, firstSeq: messages[0]?.seq };
    void controller.loadOlderDetached(roomId);
  }

  const loading = detached ? detached.loading : timeline?.loading;

  return (
    <>
      <Box
        ref={scroller}
        onScroll={onScroll}
        tabIndex={0}
        role="log"
        aria-label={t('messages')}
        aria-busy={loading || undefined}
        sx={{ flex: 1, overflowY: 'auto', py: 1, '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 } }}
      >
        {loading && (
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'center', p: 1 }} role="status">
            <CircularProgress size={18} aria-hidden />
            <Typography variant="body2" color="text.secondary">
              {t(detached ? 'loadingMessages' : 'loadingOlder')}
            </Typography>
          </Stack>
        )}
        {detached && detached.hasOlder && !detached.loading && (
          <Stack sx={{ alignItems: 'center', p: 1 }}>
            <Button size="small" onClick={olderDetached}>
              {t('showOlder')}
            </Button>
          </Stack>
        )}
        {(detached ? !detached.hasOlder && !detached.loading : timeline?.loaded && !timeline.hasMore) && (
          <Typography variant="body2" color="text.secondary" sx={{ textAlign: 'center', p: 2 }}>
            {t('beginning')}
          </Typography>
        )}
        <Box component="ul" sx={{ m: 0, p: 0 }}>
          {items.map((item) => {
            switch (item.kind) {
              case 'date':
                return (
                  <Box component="li" key={item.key} sx={{ listStyle: 'none', px: 2, py: 1 }}>
                    <Divider>
                      <Typography variant="caption" color="text.secondary">
                        {dateLabel(item.date, locale, t('today'), t('yesterday'))}
                      </Typography>
                    </Divider>
                  </Box>
                );
              case 'notice':
                return (
                  <Box component="li" key={item.key} sx={{ listStyle: 'none', textAlign: 'center', py: 0.5 }}>
                    <Typography variant="caption" color="text.secondary" data-testid="notice">
                      {t(item.notice.kind === 'joined' ? 'userJoined' : 'userLeft', { name: displayName(item.notice.user) })}
                    </Typography>
                  </Box>
                );
              case 'pending':
                return (
                  <MessageItem
                    key={item.key}
                    sender={me?.name ?? ''}
                    text={item.pending.text}
                    attachments={item.pending.attachments}
                    at={item.pending.createdAt}
                    own
                    delivery={item.pending.status}
                    error={item.pending.error}
                    onRetry={() => controller.retry(roomId, item.pending.clientMsgId)}
                  />
                );
              case 'message': {
                const own = item.message.senderId === me?.id;
                return (
                  <MessageItem
                    key={item.key}
                    message={item.message}
                    sender={item.message.senderName ?? ''}
                    text={item.message.text}
                    at={item.message.createdAt}
                    own={own}
                    delivery={own ? 'sent' : undefined}
                    moderates={moderates}
                    onReply={onReply}
                    onOpenThread={onOpenThread}
                    focused={focus?.seq === item.message.seq}
                  />
                );
              }
            }
          })}
        </Box>
        {detached && detached.hasNewer && !detached.loading && (
          <Stack sx={{ alignItems: 'center', p: 1 }}>
            <Button size="small" onClick={() => void controller.loadNewerDetached(roomId)}>
              {t('showNewer')}
            </Button>
          </Stack>
        )}
      </Box>
      {detached && (
        <Stack
          direction="row"
          spacing={1}
          data-testid="detached-bar"
          sx={{ alignItems: 'center', px: 2, py: 0.5, borderTop: 1, borderColor: 'divider', bgcolor: 'action.hover' }}
        >
          <Typography variant="body2" sx={{ flex: 1 }}>
            {t('viewingOlder')}
          </Typography>
          <Button
            size="small"
            variant="contained"
            startIcon={<ArrowDownwardIcon />}
            onClick={() => {
              stickToBottom.current = true;
              controller.showNewest();
            }}
          >
            {t('jumpToNewest')}
          </Button>
        </Stack>
      )}
    </>
  );
}
