-- The back office lists anchors by name (then id, for ties): along this index a page reads what it
-- shows, where without it every page sorted the whole table (at 100k anchors, 240 ms a page on H2 and
-- 145 ms on MariaDB; see PERFORMANCE.md, benchmark 10). A name changes only with its profile, never
-- with a score, so recording a violation does not touch it.
CREATE INDEX ix_anchors_name ON anchors (display_name, anchor_id);
