-- Every deduction moved an anchor's entry in this index: about a fifth of what MariaDB spends on a
-- recorded violation (PERFORMANCE.md, 4m). The lists it served (the back office's score order, and
-- tier and score filters without a guild or a text) are read from each server's standing index,
-- which holds every anchor's score; a list that also filters by guild reads the guild's rows by
-- ix_anchors_guild and sorts them.
DROP INDEX ix_anchors_score ON anchors;
