-- The audit trail is appended to, never looked up by call: request_keys already makes each call
-- unique. A key in arrival order makes an append a write at the end of the table, where the key of
-- (actor, operation, request id) put each row at a random place in a wide index.
CREATE TABLE audit_trail_in_order (
  entry_id        BIGINT        NOT NULL AUTO_INCREMENT,
  actor           VARCHAR(128)  NOT NULL,
  operation       VARCHAR(64)   NOT NULL,
  request_id      VARCHAR(128)  NOT NULL,
  resource_name   VARCHAR(300)  NOT NULL,
  recorded_at     BIGINT        NOT NULL,
  CONSTRAINT pk_audit_trail_in_order PRIMARY KEY (entry_id)
) ENGINE=InnoDB;

INSERT INTO audit_trail_in_order (actor, operation, request_id, resource_name, recorded_at)
  SELECT actor, operation, request_id, resource_name, recorded_at FROM audit_trail ORDER BY recorded_at;

DROP TABLE audit_trail;

ALTER TABLE audit_trail_in_order RENAME TO audit_trail;

CREATE INDEX ix_audit_trail_by_resource ON audit_trail (resource_name, recorded_at);
