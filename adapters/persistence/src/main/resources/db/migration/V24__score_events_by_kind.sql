-- A policy's simulation replays only the ledger entries no policy prices (recoveries and adjustments),
-- a few among every anchor's entries: along this index a range of anchors reads those alone, with the
-- columns a replay takes, where before it read every entry of the range (half the rows MariaDB read in
-- a simulation; see PERFORMANCE.md, benchmark 13). Entries are appended, never updated.
CREATE INDEX ix_score_events_kind ON score_events (kind, anchor_id, seq, recorded_at, delta);
