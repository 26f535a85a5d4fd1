-- A member's many rooms are now searched room by room on message_search_room_newest_idx, as a
-- few rooms are: reading the whole server's newest messages and keeping the member's read every
-- other room's messages too. Nothing reads the server-wide order any more, and every message
-- indexed paid for it.
DROP INDEX IF EXISTS message_search_newest_idx;
