-- No query reads violations by recorded time or by live session any more (the facts a check needs
-- are kept on the anchor's row), so these two indexes only cost every insert two more random index
-- pages. Violations are read by their primary key (anchor_id, violation_id) alone.
DROP INDEX ix_violations_recorded ON violations;
DROP INDEX ix_violations_session ON violations;
