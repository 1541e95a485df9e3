-- Who published each policy version (the caller's actor) and the note given with it. Versions
-- published before these columns existed have neither: an empty author and note.
ALTER TABLE policy_versions ADD COLUMN author VARCHAR(128) NOT NULL DEFAULT '';
ALTER TABLE policy_versions ADD COLUMN note VARCHAR(1000) NOT NULL DEFAULT '';

-- The members a guild had when it was removed, released in the same transaction: the guild's page
-- still lists them, with the name and score each had then. Written once per removal, never updated.
CREATE TABLE guild_members_at_removal (
  guild_id        VARCHAR(64)   NOT NULL,
  anchor_id       VARCHAR(64)   NOT NULL,
  display_name    VARCHAR(200)  NOT NULL,
  score           INT           NOT NULL,
  CONSTRAINT pk_guild_members_at_removal PRIMARY KEY (guild_id, anchor_id)
) ENGINE=InnoDB;
