-- Public rooms are browsed a page at a time in name order and searched by any part of the
-- name: a keyset index for the pages, a trigram index (pg_trgm) for substring search.
-- Rooms created per owner in the last hour are counted for the creation limit.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX room_public_name_idx ON room (lower(name), id) WHERE visibility = 'public';
CREATE INDEX room_public_name_trgm_idx ON room USING gin (lower(name) public.gin_trgm_ops) WHERE visibility = 'public';
CREATE INDEX room_owner_created_idx ON room (owner_id, created_at);
