-- 加注件 (annotated copies): an incremental update of a licence file with the statement "此件由××提供，
-- 仅供办理××事项时使用，有效期至…", signed by the platform's annotation key. The file is in `blobs`.

-- The annotation key for ECDSA / RSA licences (ECDSA P-256, certified by the ECDSA development root).
ALTER TABLE platform_keys DROP CONSTRAINT platform_keys_purpose_check;
ALTER TABLE platform_keys ADD CONSTRAINT platform_keys_purpose_check
  CHECK (purpose IN ('seal-maker', 'tsa', 'annotation', 'annotation-ecdsa'));

CREATE TABLE annotated_copies (
  id                  uuid PRIMARY KEY,
  license_id          uuid NOT NULL REFERENCES licenses (id),
  license_identifier  text NOT NULL,
  -- The usage context (用证) a use-code redemption made it for; null when made directly by staff.
  use_context_id      uuid,
  cause               text NOT NULL CHECK (char_length(cause) BETWEEN 1 AND 200),
  item_code           text,
  item_name           text,
  producer            text NOT NULL,
  algorithm           text NOT NULL CHECK (algorithm IN ('sm2', 'ecdsa-p256')),
  created_at          timestamptz NOT NULL,
  expires_at          timestamptz NOT NULL CHECK (expires_at > created_at),
  file_sha256         char(64) NOT NULL REFERENCES blobs (sha256),
  file_size           integer NOT NULL,
  actor_id            text
);
-- The limit check (active copies of a licence within 90 days) and the per-licence list.
CREATE INDEX annotated_copies_license_idx ON annotated_copies (license_id, created_at DESC);
