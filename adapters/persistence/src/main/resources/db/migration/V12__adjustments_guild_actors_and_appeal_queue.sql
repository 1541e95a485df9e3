-- The reason an admin gave for a manual ADJUSTMENT of a score; NULL for every other kind of entry.
ALTER TABLE score_events ADD COLUMN reason VARCHAR(500) NULL;

-- Who caused each entry of a guild's ledger, as score_events keeps it for anchors. Entries written
-- before this column existed did not keep it: they read as the empty actor.
ALTER TABLE guild_events ADD COLUMN actor VARCHAR(128) NOT NULL DEFAULT '';

-- ListAppeals pages oldest filed first, over every anchor or one state (the queue of PENDING appeals);
-- one anchor's appeals are read by the primary key's anchor_id prefix.
CREATE INDEX ix_appeals_state_filed ON appeals (state, filed_at, anchor_id, violation_id);
CREATE INDEX ix_appeals_filed ON appeals (filed_at, anchor_id, violation_id);
