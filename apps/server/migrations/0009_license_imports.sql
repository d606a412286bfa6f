-- Bulk conversion of existing licences (存量证照导入): a job per uploaded file and mapping, and its
-- valid rows with their issuance state (the job resumes from the pending rows after a restart).
CREATE TABLE license_imports (
  id             uuid PRIMARY KEY,
  dedupe_key     char(64) NOT NULL UNIQUE,
  department_id  uuid NOT NULL REFERENCES departments (id),
  region_code    text NOT NULL,
  type_code      char(21) NOT NULL,
  file_name      text NOT NULL,
  file_sha256    char(64) NOT NULL,
  status         text NOT NULL CHECK (status IN ('validated', 'running', 'finished')),
  total          integer NOT NULL,
  valid          integer NOT NULL,
  issued         integer NOT NULL,
  failed         integer NOT NULL,
  -- Mapping, headers and the rejected rows with their reasons.
  content        jsonb NOT NULL,
  created_by     uuid,
  created_at     timestamptz NOT NULL,
  started_at     timestamptz,
  heartbeat_at   timestamptz,
  finished_at    timestamptz
);
CREATE INDEX license_imports_department_idx ON license_imports (department_id, created_at DESC);

CREATE TABLE license_import_rows (
  import_id   uuid NOT NULL REFERENCES license_imports (id),
  line        integer NOT NULL,
  item        jsonb NOT NULL,
  status      text NOT NULL CHECK (status IN ('pending', 'issued', 'failed')),
  license_id  uuid,
  error       jsonb,
  PRIMARY KEY (import_id, line)
);
CREATE INDEX license_import_rows_pending_idx ON license_import_rows (import_id, line) WHERE status = 'pending';
