-- A write of anchors' standings (an upsert of many rows whose insert never happens: they are locked,
-- so they exist) names the standing's columns alone, not the profile's, whose values MariaDB parsed and
-- filled for every anchor of every group. MySQL and MariaDB check that an insert could give every
-- NOT NULL column a value before they find the duplicate key, so those columns need defaults. The
-- defaults are never a registered anchor's: UpsertAnchor writes every profile column.
ALTER TABLE anchors ALTER COLUMN display_name SET DEFAULT '';
ALTER TABLE anchors ALTER COLUMN certification SET DEFAULT '';
ALTER TABLE anchors ALTER COLUMN anchor_level SET DEFAULT 0;
ALTER TABLE anchors ALTER COLUMN fan_count SET DEFAULT 0;
ALTER TABLE anchors ALTER COLUMN average_viewers SET DEFAULT 0;
ALTER TABLE anchors ALTER COLUMN created_at SET DEFAULT 0;
