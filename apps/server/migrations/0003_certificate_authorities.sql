-- Certificate authorities the platform issues from: the built-in development CA (created on first
-- start, flagged development-only) and, later, configured real CAs.
CREATE TABLE certificate_authorities (
  id                uuid PRIMARY KEY,
  name              text NOT NULL,
  certificate       bytea NOT NULL,
  key_ref           text REFERENCES vault_keys (key_ref),
  development_only  boolean NOT NULL,
  active            boolean NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL
);
