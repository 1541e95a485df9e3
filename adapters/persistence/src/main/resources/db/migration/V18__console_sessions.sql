-- The back office console's signed-in sessions, so that the server can end them: signing out ends
-- every copy of the session's cookie. Only the SHA-256 of a session's random id is kept, so the
-- contents of the database (with the cookie-signing key in service_secrets) mint no session.
CREATE TABLE console_sessions (
  id_hash     VARBINARY(32) NOT NULL,
  expires_at  BIGINT        NOT NULL,
  CONSTRAINT pk_console_sessions PRIMARY KEY (id_hash)
) ENGINE=InnoDB;

CREATE INDEX ix_console_sessions_expiry ON console_sessions (expires_at);
