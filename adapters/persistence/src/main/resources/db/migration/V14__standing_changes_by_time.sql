-- The back office's overview lists the tier drops of the last 24 hours, newest first: without an
-- index that read scanned the whole outbox (a week of changes by default). Times only grow, so the
-- index is appended to at its end.
CREATE INDEX ix_standing_changes_created ON standing_changes (created_at, change_id);
