-- Who made each mutating call: with the request id, the operation, the resource and the time, the
-- idempotency keys are the audit trail of every write. Calls made before this column existed were
-- made without tokens, by the anonymous caller.
ALTER TABLE idempotency_keys ADD COLUMN actor VARCHAR(128) NOT NULL DEFAULT 'anonymous';
