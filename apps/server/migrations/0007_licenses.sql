-- Issued licences (电子证照): one row per version, each with its own GB/T 36904 identifier and file.
CREATE TABLE licenses (
  id                uuid PRIMARY KEY,
  series_id         uuid NOT NULL,
  identifier        text NOT NULL UNIQUE,
  version           integer NOT NULL,
  serial            text NOT NULL,
  type_code         char(21) NOT NULL,
  type_version_id   uuid NOT NULL REFERENCES license_types (id),
  department_id     uuid NOT NULL REFERENCES departments (id),
  issuer_code       text NOT NULL,
  region_code       text NOT NULL,
  license_number    text NOT NULL,
  holder_name       text NOT NULL,
  holder_code       text NOT NULL,
  holder_code_type  char(3) NOT NULL,
  -- ISO dates as text (YYYY-MM-DD): compared as strings, free of driver time-zone conversions.
  issue_date        char(10) NOT NULL,
  valid_from        char(10),
  valid_to          char(10),
  long_term         boolean NOT NULL,
  status            text NOT NULL CHECK (status IN
                      ('valid', 'suspended', 'lost', 'pledged', 'expired', 'cancelled', 'revoked', 'superseded')),
  file_sha256       char(64) NOT NULL,
  seal_id           uuid NOT NULL REFERENCES seals (id),
  issue_ref         text UNIQUE,
  -- Names, data items and the rest, kept as one document.
  content           jsonb NOT NULL,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  row_version       integer NOT NULL DEFAULT 1,
  UNIQUE (series_id, version)
);
-- Searches (all but the superseded versions), sized for tens of millions of rows.
CREATE INDEX licenses_holder_idx ON licenses (holder_code, type_code) WHERE status <> 'superseded';
CREATE INDEX licenses_number_idx ON licenses (license_number) WHERE status <> 'superseded';
CREATE INDEX licenses_type_issued_idx ON licenses (type_code, issue_date DESC) WHERE status <> 'superseded';
CREATE INDEX licenses_department_issued_idx ON licenses (department_id, issue_date DESC) WHERE status <> 'superseded';
CREATE INDEX licenses_region_idx ON licenses (region_code text_pattern_ops, issue_date DESC) WHERE status <> 'superseded';
CREATE INDEX licenses_status_idx ON licenses (status, issue_date DESC);
-- The expiry job: in-force versions by end date.
CREATE INDEX licenses_expiry_idx ON licenses (valid_to) WHERE status IN ('valid', 'pledged') AND valid_to IS NOT NULL;
-- A licence number is used by one live licence of a type and issuer.
CREATE UNIQUE INDEX licenses_number_unique_idx ON licenses (type_code, issuer_code, license_number)
  WHERE status <> 'superseded';

CREATE TABLE license_events (
  id           uuid PRIMARY KEY,
  seq          bigint GENERATED ALWAYS AS IDENTITY,
  license_id   uuid NOT NULL REFERENCES licenses (id),
  series_id    uuid NOT NULL,
  action       text NOT NULL,
  from_status  text,
  to_status    text NOT NULL,
  reason_code  text,
  reason       text,
  actor_id     uuid,
  details      jsonb NOT NULL,
  at           timestamptz NOT NULL
);
CREATE INDEX license_events_series_idx ON license_events (series_id, seq);

-- Serial numbers per licence type and issuer (the identifier's 流水号).
CREATE TABLE license_serials (
  type_code    char(21) NOT NULL,
  issuer_code  text NOT NULL,
  next_value   bigint NOT NULL,
  PRIMARY KEY (type_code, issuer_code)
);

-- Content-addressed files: the key is the SHA-256 of the bytes.
CREATE TABLE blobs (
  sha256      char(64) PRIMARY KEY,
  size        integer NOT NULL,
  content     bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Idempotency keys of write requests: the same key with another body is refused.
CREATE TABLE idempotency_keys (
  scope         text NOT NULL,
  key           text NOT NULL,
  request_hash  char(64) NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
