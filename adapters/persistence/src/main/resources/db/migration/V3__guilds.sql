-- Guilds, their ledger, and public notices. Members are the anchors whose guild_id names the guild.
CREATE TABLE guilds (
  guild_id        VARCHAR(64)   NOT NULL,
  display_name    VARCHAR(200)  NOT NULL,
  initial_score   INT           NOT NULL,
  score           INT           NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  event_seq       INT           NOT NULL,
  created_at      BIGINT        NOT NULL,
  removed_at      BIGINT        NULL,
  CONSTRAINT pk_guilds PRIMARY KEY (guild_id)
) ENGINE=InnoDB;

CREATE INDEX ix_guilds_status_score ON guilds (status, score, guild_id);

CREATE TABLE guild_events (
  guild_id        VARCHAR(64)   NOT NULL,
  seq             INT           NOT NULL,
  kind            VARCHAR(24)   NOT NULL,
  delta           INT           NOT NULL,
  score_after     INT           NOT NULL,
  anchor_id       VARCHAR(64)   NULL,
  violation_id    VARCHAR(32)   NULL,
  description     VARCHAR(500)  NOT NULL,
  recorded_at     BIGINT        NOT NULL,
  CONSTRAINT pk_guild_events PRIMARY KEY (guild_id, seq)
) ENGINE=InnoDB;

CREATE INDEX ix_guild_events_violation ON guild_events (anchor_id, violation_id);

CREATE TABLE public_notices (
  notice_id       VARCHAR(32)   NOT NULL,
  kind            VARCHAR(32)   NOT NULL,
  subject         VARCHAR(200)  NOT NULL,
  score           INT           NOT NULL,
  published_at    BIGINT        NOT NULL,
  reason          VARCHAR(500)  NOT NULL,
  CONSTRAINT pk_public_notices PRIMARY KEY (notice_id)
) ENGINE=InnoDB;
