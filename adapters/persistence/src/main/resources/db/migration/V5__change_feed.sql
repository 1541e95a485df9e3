-- The change feed: the outbox read in commit order (WatchStandingChanges, and the caches of every
-- server instance). A writer cannot know inside its transaction when it will commit, and ids taken
-- before commit become visible out of order; so a row gets its feed position after it committed,
-- from whichever server holds the lock on the feed's row, which positions every committed row that
-- has none in one transaction. Positions therefore become visible in increasing order: a reader that
-- has seen position p has seen every position below p, and resuming after p misses nothing and
-- repeats nothing. A row has no position for at most one tailing round (about 200 ms).
ALTER TABLE standing_changes ADD COLUMN feed_position BIGINT NULL;

CREATE UNIQUE INDEX ux_standing_changes_position ON standing_changes (feed_position);

-- One row per feed (a sharded store would keep one per shard): the last position given, and the
-- position up to which old rows were pruned (a cursor below it can no longer be resumed).
CREATE TABLE change_feeds (
  feed_name       VARCHAR(32)   NOT NULL,
  last_position   BIGINT        NOT NULL,
  pruned_through  BIGINT        NOT NULL,
  CONSTRAINT pk_change_feeds PRIMARY KEY (feed_name)
) ENGINE=InnoDB;

INSERT INTO change_feeds (feed_name, last_position, pruned_through) VALUES ('standing_changes', 0, 0);
