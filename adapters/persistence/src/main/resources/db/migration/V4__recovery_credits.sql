-- Recovery credits beside their ledger entries: a time credit keeps the end of the clean time it
-- used (the next credit counts from there), a learning credit its task.
CREATE TABLE recovery_credits (
  anchor_id       VARCHAR(64)   NOT NULL,
  seq             INT           NOT NULL,
  source          VARCHAR(16)   NOT NULL,
  clean_through   BIGINT        NULL,
  task_id         VARCHAR(128)  NULL,
  credited_at     BIGINT        NOT NULL,
  CONSTRAINT pk_recovery_credits PRIMARY KEY (anchor_id, seq)
) ENGINE=InnoDB;

CREATE INDEX ix_recovery_credits_source ON recovery_credits (anchor_id, source, seq);
