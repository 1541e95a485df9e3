-- A recorded violation is its own request key and its own answer to a retry: its row names the
-- caller and the fingerprint of the call that recorded it (unique per caller and request id, as the
-- key was), and the standing facts right after it, from which the first response is rebuilt with the
-- policy version it was priced by. RecordViolation no longer writes a request_keys row with a copy of
-- its response, nor an audit_trail row: the violation row says who recorded what, and when, for good.
ALTER TABLE violations ADD COLUMN caller VARCHAR(128) NULL;
ALTER TABLE violations ADD COLUMN fingerprint CHAR(64) NULL;
ALTER TABLE violations ADD COLUMN score_after INT NULL;
ALTER TABLE violations ADD COLUMN initial_score_after INT NULL;
ALTER TABLE violations ADD COLUMN last_violation_after BIGINT NULL;
ALTER TABLE violations ADD COLUMN selling_revoked_after BOOLEAN NULL;

-- The keys RecordViolation kept so far move onto their violations; their retries answer from the
-- violation as it is then, as keys kept without a response always did. A temporary index finds each
-- violation's key by the resource it names.
CREATE INDEX ix_request_keys_resource ON request_keys (resource_name);

UPDATE violations SET
  caller = (SELECT k.caller FROM request_keys k WHERE k.operation = 'RecordViolation'
            AND k.resource_name = CONCAT('anchors/', violations.anchor_id, '/violations/', violations.violation_id)),
  fingerprint = (SELECT k.fingerprint FROM request_keys k WHERE k.operation = 'RecordViolation'
            AND k.resource_name = CONCAT('anchors/', violations.anchor_id, '/violations/', violations.violation_id));

DELETE FROM request_keys WHERE operation = 'RecordViolation';

DROP INDEX ix_request_keys_resource ON request_keys;

CREATE UNIQUE INDEX ux_violations_request ON violations (caller, request_id);
