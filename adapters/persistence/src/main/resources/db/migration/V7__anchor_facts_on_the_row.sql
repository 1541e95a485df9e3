-- The standing facts a capability check reads beyond the score, kept on the anchor's row as they
-- change, so that a write never re-reads the anchor's violations: how many counted violations
-- revoke selling, the live sessions holding a counted violation (newline-separated: session ids
-- hold no control characters), and when the latest counted violation was recorded (recovery counts
-- clean time from there, never from a backdated occurred_at).
ALTER TABLE anchors ADD COLUMN selling_revocations INT NOT NULL DEFAULT 0;
ALTER TABLE anchors ADD COLUMN violation_sessions TEXT NULL;
ALTER TABLE anchors ADD COLUMN clean_since BIGINT NULL;

UPDATE anchors SET
  selling_revocations = (SELECT COUNT(*) FROM violations v
                         WHERE v.anchor_id = anchors.anchor_id AND v.state = 'ACTIVE' AND v.revokes_selling = TRUE),
  clean_since = (SELECT MAX(v.recorded_at) FROM violations v
                 WHERE v.anchor_id = anchors.anchor_id AND v.state = 'ACTIVE'),
  violation_sessions = (SELECT GROUP_CONCAT(DISTINCT v.live_session_id ORDER BY v.live_session_id SEPARATOR '
') FROM violations v
                        WHERE v.anchor_id = anchors.anchor_id AND v.state = 'ACTIVE'
                          AND v.live_session_id IS NOT NULL);
