-- Idempotency keys are scoped to the caller and the method: two pipelines that happen to pick the
-- same request id no longer collide, and no caller can claim another's ids. Keys are kept for a
-- retention period and then pruned; who did what stays in the audit trail, which only grows.
CREATE TABLE request_keys (
  caller          VARCHAR(128)  NOT NULL,
  operation       VARCHAR(64)   NOT NULL,
  request_id      VARCHAR(128)  NOT NULL,
  fingerprint     CHAR(64)      NOT NULL,
  resource_name   VARCHAR(300)  NOT NULL,
  created_at      BIGINT        NOT NULL,
  CONSTRAINT pk_request_keys PRIMARY KEY (caller, operation, request_id)
) ENGINE=InnoDB;

CREATE INDEX ix_request_keys_created ON request_keys (created_at);

-- One row per mutating call that wrote something (its retries add none); append-only.
CREATE TABLE audit_trail (
  actor           VARCHAR(128)  NOT NULL,
  operation       VARCHAR(64)   NOT NULL,
  request_id      VARCHAR(128)  NOT NULL,
  resource_name   VARCHAR(300)  NOT NULL,
  recorded_at     BIGINT        NOT NULL,
  CONSTRAINT pk_audit_trail PRIMARY KEY (actor, operation, request_id)
) ENGINE=InnoDB;

CREATE INDEX ix_audit_trail_resource ON audit_trail (resource_name, recorded_at);

INSERT INTO request_keys (caller, operation, request_id, fingerprint, resource_name, created_at)
  SELECT actor, operation, request_id, fingerprint, resource_name, created_at FROM idempotency_keys;
INSERT INTO audit_trail (actor, operation, request_id, resource_name, recorded_at)
  SELECT actor, operation, request_id, resource_name, created_at FROM idempotency_keys;

DROP TABLE idempotency_keys;
