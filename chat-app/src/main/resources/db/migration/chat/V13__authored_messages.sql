-- A person's own messages, found by author: the export of their data and the erasure of their
-- account walk them room by room, in seq order, from this index alone.
CREATE INDEX message_search_sender_idx ON message_search (sender_id, room_id, seq);

-- an erased account: its names are gone, the id stays so its messages keep their author
ALTER TABLE chat_user ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;
