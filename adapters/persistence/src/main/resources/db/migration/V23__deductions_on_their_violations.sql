-- A violation that deducts is its own ledger entry: the DEDUCTION at its ledger_seq, of -points, to
-- score_after, at recorded_at, by its caller. It writes one row where it wrote two (itself and a
-- score_events row repeating those facts). Entries of every other kind stay in score_events, and
-- so do the deductions of violations recorded before this version: their rows say FALSE here, and
-- nothing is moved, so the upgrade rewrites no history. An anchor's ledger is the union of its
-- score_events rows and its violations that say TRUE, by sequence.
ALTER TABLE violations ADD COLUMN is_ledger_entry BOOLEAN NOT NULL DEFAULT FALSE;

-- A page of the ledger, its newest entries and its tail after a point read violations by sequence.
CREATE INDEX ix_violations_ledger ON violations (anchor_id, ledger_seq);

-- Every anchor's ledger, wherever each entry is kept, in score_events' form: for operators and
-- audits. The service reads each table through its own index instead.
CREATE VIEW anchor_ledger AS
  SELECT anchor_id, seq, kind, delta, score_after, violation_id, reason, recorded_at, actor
    FROM score_events
  UNION ALL
  SELECT anchor_id, ledger_seq, 'DEDUCTION', -points, score_after, violation_id, NULL, recorded_at, caller
    FROM violations WHERE is_ledger_entry = TRUE;
