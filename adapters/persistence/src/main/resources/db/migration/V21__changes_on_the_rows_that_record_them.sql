-- The ledger is the log: a change of an anchor's standing is kept, with its feed position, on the row
-- that records it (the violation, or the ledger entry of any other change), not copied to an outbox
-- row of its own. A violation writes two rows (itself and, when it deducts, its ledger entry), where it
-- wrote three. Columns are NULL on rows whose change left every capability check as it was: those
-- are not in the feed.
--
-- A violation's change is the violation_id, its anchor's sequence the violation's ledger_seq, its
-- new score score_after and its time recorded_at; a ledger entry's change has an id of its own, its
-- sequence is seq, its new score score_after and its time recorded_at.
ALTER TABLE violations ADD COLUMN feed_position BIGINT NULL;
ALTER TABLE violations ADD COLUMN old_score INT NULL;
ALTER TABLE violations ADD COLUMN old_tier VARCHAR(24) NULL;
ALTER TABLE violations ADD COLUMN new_tier VARCHAR(24) NULL;
ALTER TABLE violations ADD COLUMN denied_capabilities VARCHAR(300) NULL;
CREATE UNIQUE INDEX ux_violations_feed ON violations (feed_position);

ALTER TABLE score_events ADD COLUMN change_id VARCHAR(32) NULL;
ALTER TABLE score_events ADD COLUMN cause VARCHAR(32) NULL;
ALTER TABLE score_events ADD COLUMN feed_position BIGINT NULL;
ALTER TABLE score_events ADD COLUMN old_score INT NULL;
ALTER TABLE score_events ADD COLUMN old_tier VARCHAR(24) NULL;
ALTER TABLE score_events ADD COLUMN new_tier VARCHAR(24) NULL;
ALTER TABLE score_events ADD COLUMN denied_capabilities VARCHAR(300) NULL;
CREATE UNIQUE INDEX ux_score_events_feed ON score_events (feed_position);

-- standing_changes keeps the changes written before this version (and, during a rolling upgrade, by
-- instances of the earlier version, which position them from the same counter) until the feed's
-- retention prunes them; nothing new is written to it.
--
-- Every change in the feed, wherever it is kept, in the outbox's form: for operators and audits.
-- The service reads each table through its own position index instead.
CREATE VIEW standing_change_log AS
  SELECT change_id, anchor_id, anchor_seq, old_score, new_score, old_tier, new_tier, denied_capabilities,
         cause, violation_id, created_at, feed_position
    FROM standing_changes
  UNION ALL
  SELECT violation_id, anchor_id, ledger_seq, old_score, score_after, old_tier, new_tier, denied_capabilities,
         'VIOLATION_RECORDED', violation_id, recorded_at, feed_position
    FROM violations WHERE feed_position IS NOT NULL
  UNION ALL
  SELECT change_id, anchor_id, seq, old_score, score_after, old_tier, new_tier, denied_capabilities,
         cause, violation_id, recorded_at, feed_position
    FROM score_events WHERE feed_position IS NOT NULL;
