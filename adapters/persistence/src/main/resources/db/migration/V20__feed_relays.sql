-- The relays of the change feed to message brokers (Kafka), one row per destination: the position up
-- to which the broker has acknowledged the feed, so that a restarted relay resumes there, and the
-- lease that lets one server instance at a time relay (the holder renews it; once it expires, any
-- instance may take it). Times are epoch milliseconds of the instances' clocks.
CREATE TABLE feed_relays (
  relay_name        VARCHAR(255) NOT NULL,
  relayed_through   BIGINT       NOT NULL,
  lease_holder      VARCHAR(255) NULL,
  lease_expires_at  BIGINT       NOT NULL,
  CONSTRAINT pk_feed_relays PRIMARY KEY (relay_name)
) ENGINE=InnoDB;
