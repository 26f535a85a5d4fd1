-- Search newest first without sorting every match: the newest messages are read in order until
-- a page of matches is found, so a common word costs no more than a rare one. A few rooms are
-- each read newest first and merged; many rooms are read all together newest first, keeping the
-- caller's. The word indexes stay for words too rare to be found that way.
CREATE INDEX message_search_room_newest_idx ON message_search (room_id, sent_at DESC, seq DESC);
CREATE INDEX message_search_newest_idx ON message_search (sent_at DESC, room_id DESC, seq DESC);
