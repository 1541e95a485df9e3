-- Changes are now positioned by the transaction that writes them, from change_feeds' counter taken
-- just before its commit (see JooqStandingOutbox): no second write gives them their place, and rows
-- written without a position by an earlier version are still positioned after their commit, as V5
-- describes. Nothing reads one anchor's changes in sequence order but audits, which can afford a
-- scan: the index that served it only cost every change one more index entry.
DROP INDEX ix_standing_changes_anchor ON standing_changes;
