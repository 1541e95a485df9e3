-- The live sessions an anchor's counted violations hold stay bounded however many sessions it has
-- had: a session is held until its income is settled (held_until, the policy's settlement window
-- after its latest counted violation), and the anchor's row keeps only the few held longest
-- (held_sessions: "<held_until> <session id>" lines; session ids hold no control characters). The
-- others are pushed off to anchor_sessions, written with the row under the anchor's lock, and
-- sessions_spilled_until says until when one of those may still be held. violation_sessions, which
-- grew with every session an anchor ever had, goes.
CREATE TABLE anchor_sessions (
  anchor_id        VARCHAR(64)   NOT NULL,
  live_session_id  VARCHAR(128)  NOT NULL,
  held_until       BIGINT        NOT NULL,
  CONSTRAINT pk_anchor_sessions PRIMARY KEY (anchor_id, live_session_id)
) ENGINE=InnoDB;

-- A write deletes the anchor's holds that have closed.
CREATE INDEX ix_anchor_sessions_held ON anchor_sessions (anchor_id, held_until);

ALTER TABLE anchors ADD COLUMN held_sessions TEXT NULL;
ALTER TABLE anchors ADD COLUMN sessions_spilled_until BIGINT NULL;

-- Every session a stored anchor holds starts in anchor_sessions, rebuilt from the violations rather
-- than from violation_sessions (which MySQL's GROUP_CONCAT cut at 1,024 bytes), held for the default
-- 30 days (2,592,000,000 ms: no stored policy says otherwise) after its latest counted violation.
-- Holds already closed are deleted by the anchor's next write.
INSERT INTO anchor_sessions (anchor_id, live_session_id, held_until)
SELECT anchor_id, live_session_id, MAX(recorded_at) + 2592000000
FROM violations
WHERE state = 'ACTIVE' AND live_session_id IS NOT NULL
GROUP BY anchor_id, live_session_id;

UPDATE anchors SET sessions_spilled_until = (SELECT MAX(s.held_until) FROM anchor_sessions s
                                             WHERE s.anchor_id = anchors.anchor_id);

ALTER TABLE anchors DROP COLUMN violation_sessions;
