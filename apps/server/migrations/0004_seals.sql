-- Electronic seals: registry, approval chain, lifecycle history, 备案 filings, certificate/SESeal
-- versions, supporting files, approved use (用印) and the usage register.

CREATE TABLE platform_keys (
  purpose      text PRIMARY KEY CHECK (purpose IN ('seal-maker', 'tsa', 'annotation')),
  key_ref      text NOT NULL REFERENCES vault_keys (key_ref),
  certificate  bytea NOT NULL,
  created_at   timestamptz NOT NULL
);

CREATE TABLE seals (
  id                 uuid PRIMARY KEY,
  code               text NOT NULL UNIQUE,
  type               text NOT NULL,
  purpose            text,
  name               text NOT NULL,
  owner              jsonb NOT NULL,
  department_id      uuid NOT NULL REFERENCES departments (id),
  region_code        text NOT NULL,
  status             text NOT NULL,
  algorithm          text NOT NULL CHECK (algorithm IN ('sm2', 'ecdsa-p256', 'rsa2048')),
  keeper_id          uuid NOT NULL REFERENCES users (id),
  applicant_id       text NOT NULL,
  reason             text NOT NULL,
  approval_steps     jsonb NOT NULL,
  approvals_done     integer NOT NULL DEFAULT 0,
  image_shape        text,
  image_png          bytea,
  image_svg          text,
  image_width_mm     double precision,
  image_height_mm    double precision,
  key_ref            text REFERENCES vault_keys (key_ref),
  certificate        bytea,
  ses_seal           bytea,
  seal_version       integer NOT NULL DEFAULT 0,
  valid_from         timestamptz,
  valid_to           timestamptz,
  replaces_seal_id   uuid REFERENCES seals (id),
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  version            integer NOT NULL DEFAULT 1
);
CREATE INDEX seals_department_idx ON seals (department_id);
CREATE INDEX seals_region_idx ON seals (region_code text_pattern_ops);
CREATE INDEX seals_expiry_idx ON seals (valid_to) WHERE status IN ('active', 'suspended');

CREATE TABLE seal_code_serials (
  region_code  char(6) PRIMARY KEY,
  last_serial  integer NOT NULL
);

CREATE TABLE seal_approval_chains (
  region_code  char(6) PRIMARY KEY,
  steps        jsonb NOT NULL
);

CREATE TABLE seal_reviews (
  seal_id      uuid NOT NULL REFERENCES seals (id),
  step         integer NOT NULL,
  reviewer_id  text NOT NULL,
  decision     text NOT NULL CHECK (decision IN ('approved', 'rejected')),
  comment      text,
  at           timestamptz NOT NULL
);
CREATE INDEX seal_reviews_seal_idx ON seal_reviews (seal_id);

CREATE TABLE seal_status_events (
  id        bigserial PRIMARY KEY,
  seal_id   uuid NOT NULL REFERENCES seals (id),
  status    text NOT NULL,
  action    text NOT NULL,
  reason    text,
  actor_id  text,
  at        timestamptz NOT NULL
);
CREATE INDEX seal_status_events_seal_idx ON seal_status_events (seal_id, at);

CREATE TABLE seal_filings (
  seal_id        uuid PRIMARY KEY REFERENCES seals (id),
  made_at        timestamptz NOT NULL,
  filed_at       timestamptz,
  filing_number  text,
  authority      text,
  filed_by       text
);

CREATE TABLE seal_versions (
  seal_id      uuid NOT NULL REFERENCES seals (id),
  version      integer NOT NULL,
  certificate  bytea NOT NULL,
  ses_seal     bytea NOT NULL,
  valid_from   timestamptz NOT NULL,
  valid_to     timestamptz NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (seal_id, version)
);

CREATE TABLE seal_attachments (
  id            uuid PRIMARY KEY,
  seal_id       uuid NOT NULL REFERENCES seals (id),
  name          text NOT NULL,
  content_type  text NOT NULL,
  sha256        char(64) NOT NULL,
  size          integer NOT NULL,
  bytes         bytea NOT NULL
);
CREATE INDEX seal_attachments_seal_idx ON seal_attachments (seal_id);

CREATE TABLE seal_use_requests (
  id               uuid PRIMARY KEY,
  seal_id          uuid NOT NULL REFERENCES seals (id),
  requester_id     text NOT NULL,
  reason           text NOT NULL,
  document_name    text NOT NULL,
  document_sha256  char(64),
  uses_allowed     integer NOT NULL CHECK (uses_allowed > 0),
  uses_done        integer NOT NULL DEFAULT 0 CHECK (uses_done >= 0),
  status           text NOT NULL,
  approver_id      text,
  decided_at       timestamptz,
  created_at       timestamptz NOT NULL,
  CHECK (uses_done <= uses_allowed)
);
CREATE INDEX seal_use_requests_seal_idx ON seal_use_requests (seal_id, created_at);

CREATE TABLE seal_usages (
  id               uuid PRIMARY KEY,
  seal_id          uuid NOT NULL REFERENCES seals (id),
  use_request_id   uuid NOT NULL REFERENCES seal_use_requests (id),
  signer_id        text NOT NULL,
  approver_id      text,
  reason           text NOT NULL,
  document_sha256  char(64) NOT NULL,
  sealed_sha256    char(64) NOT NULL,
  at               timestamptz NOT NULL
);
CREATE INDEX seal_usages_seal_idx ON seal_usages (seal_id, at);
