-- Licence catalogue (证照目录): versions of licence types. A published version never changes;
-- a change is a new version of the same type code.
CREATE TABLE license_types (
  id                    uuid PRIMARY KEY,
  type_code             char(21) NOT NULL,
  version               integer NOT NULL,
  name                  text NOT NULL,
  status                text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'published', 'superseded')),
  department_id         uuid NOT NULL REFERENCES departments (id),
  region_code           text NOT NULL,
  content               jsonb NOT NULL,
  review_comment        text,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  published_at          timestamptz,
  row_version           integer NOT NULL DEFAULT 1,
  UNIQUE (type_code, version)
);
-- At most one published version per type code.
CREATE UNIQUE INDEX license_types_published_idx ON license_types (type_code) WHERE status = 'published';
CREATE INDEX license_types_region_idx ON license_types (region_code text_pattern_ops);
