-- New rows reach a GIN index through its pending list, which every search reads whole until it
-- is merged into the index. With PostgreSQL's defaults (4 MB, merged by a vacuum that an
-- insert-only table gets after ~20 % new rows) a rare word's search in a few rooms took 160 ms
-- over 1,000,000 messages instead of 3 ms. A smaller list, merged by the inserts themselves,
-- and a vacuum every few thousand new rows keep it short.
ALTER INDEX message_search_room_trgm_idx SET (gin_pending_list_limit = 512);
ALTER INDEX message_search_room_tsv_idx SET (gin_pending_list_limit = 512);
ALTER TABLE message_search SET (autovacuum_vacuum_insert_threshold = 5000, autovacuum_vacuum_insert_scale_factor = 0);
