-- 《电子印章注销证书》: the signed revocation certificate of each revoked seal.
CREATE TABLE seal_revocations (
  seal_id     uuid PRIMARY KEY REFERENCES seals (id),
  pdf         bytea NOT NULL,
  created_at  timestamptz NOT NULL
);
