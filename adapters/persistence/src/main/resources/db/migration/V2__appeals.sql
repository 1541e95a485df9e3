-- The single appeal of a violation, keyed like the violation.
CREATE TABLE appeals (
  anchor_id      VARCHAR(64)    NOT NULL,
  violation_id   VARCHAR(32)    NOT NULL,
  statement      VARCHAR(2000)  NOT NULL,
  filed_at       BIGINT         NOT NULL,
  filed_by       VARCHAR(128)   NOT NULL,
  state          VARCHAR(16)    NOT NULL,
  decided_at     BIGINT         NULL,
  decision_note  VARCHAR(2000)  NULL,
  decided_by     VARCHAR(128)   NULL,
  CONSTRAINT pk_appeals PRIMARY KEY (anchor_id, violation_id)
) ENGINE=InnoDB;
