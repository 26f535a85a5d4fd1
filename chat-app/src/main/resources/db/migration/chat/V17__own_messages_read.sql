-- A member's own message now reads the room for them up to it (the server moves their read
-- mark as they send), so a room's unread count is its last seq less the member's read mark,
-- with no message read to count it. The marks of messages sent before this version are moved
-- here, from the search projection, which knows who sent what (message_search_sender_idx).
UPDATE room_member m SET last_read_seq = own.seq
FROM (SELECT room_id, sender_id, max(seq) AS seq FROM message_search GROUP BY room_id, sender_id) own
WHERE m.room_id = own.room_id AND m.user_id = own.sender_id AND m.last_read_seq < own.seq;

-- mentions at or below a read mark are read: the table keeps the unread ones only
DELETE FROM mention n USING room_member m
WHERE n.room_id = m.room_id AND n.user_id = m.user_id AND n.seq <= m.last_read_seq;
