-- 应开通电子证照目录: per department, the licence types it must issue electronically. Removal is soft
-- (removed_at, with the reason); only entries not removed are listed and counted in 证照电子化率.
CREATE TABLE obligatory_entries (
  id              uuid PRIMARY KEY,
  region_code     text NOT NULL,
  department_id   uuid NOT NULL REFERENCES departments (id),
  type_name       text NOT NULL,
  type_code       char(21),
  service_items   jsonb NOT NULL DEFAULT '[]',
  note            text,
  created_at      timestamptz NOT NULL,
  created_by      text NOT NULL,
  updated_at      timestamptz NOT NULL,
  removed_at      timestamptz,
  removed_by      text,
  removal_reason  text,
  CHECK ((removed_at IS NULL) = (removal_reason IS NULL))
);
-- One entry per department and licence type, by name and by code (also serves department filters).
CREATE UNIQUE INDEX obligatory_entries_department_name_idx
  ON obligatory_entries (department_id, type_name) WHERE removed_at IS NULL;
CREATE UNIQUE INDEX obligatory_entries_department_code_idx
  ON obligatory_entries (department_id, type_code) WHERE removed_at IS NULL AND type_code IS NOT NULL;
-- Region filters and scopes are code prefixes.
CREATE INDEX obligatory_entries_region_idx
  ON obligatory_entries (region_code text_pattern_ops) WHERE removed_at IS NULL;
