-- Key vault (software): private keys as PKCS#8 wrapped with AES-256-GCM under the master key and,
-- with a PIN, first under a key derived from the PIN by scrypt. Never in clear.

CREATE TABLE vault_keys (
  key_ref              text PRIMARY KEY,
  alg                  text NOT NULL CHECK (alg IN ('sm2', 'ecdsa-p256', 'rsa2048')),
  label                text NOT NULL,
  public_key           bytea NOT NULL,
  wrapped              bytea,
  master_key_id        char(16),
  pin_kdf              text,
  failed_pin_attempts  integer NOT NULL DEFAULT 0 CHECK (failed_pin_attempts >= 0),
  locked_until         timestamptz,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  destroyed_at         timestamptz,
  -- A live key has its wrapped material and the id of the master key that wrapped it; a destroyed
  -- key has neither.
  CONSTRAINT vault_keys_material CHECK (
    (destroyed_at IS NULL AND wrapped IS NOT NULL AND master_key_id IS NOT NULL)
    OR (destroyed_at IS NOT NULL AND wrapped IS NULL AND master_key_id IS NULL)
  )
);
CREATE INDEX vault_keys_master_key_idx ON vault_keys (master_key_id);
