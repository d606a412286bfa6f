-- Performance supervision (运行监测): the register of service items and the verification tallies.

-- 事项清单: every service item (事项) a department has entered on the government service network (进驻),
-- the denominator of 电子证照使用率. An item accepts electronic licences when its department has an
-- approved use-list entry (use_list_entries) with the same item code. Removal is soft, with the reason.
CREATE TABLE service_items (
  id              uuid PRIMARY KEY,
  region_code     text NOT NULL,
  department_id   uuid NOT NULL REFERENCES departments (id),
  code            text NOT NULL,
  name            text NOT NULL,
  created_at      timestamptz NOT NULL,
  created_by      text NOT NULL,
  updated_at      timestamptz NOT NULL,
  removed_at      timestamptz,
  removed_by      text,
  removal_reason  text,
  CHECK ((removed_at IS NULL) = (removal_reason IS NULL))
);
-- One live item per department and code (also the lookup of "has an approved use-list entry").
CREATE UNIQUE INDEX service_items_department_code_idx
  ON service_items (department_id, code) WHERE removed_at IS NULL;
CREATE INDEX service_items_region_idx
  ON service_items (region_code text_pattern_ops) WHERE removed_at IS NULL;

-- Verifications per China calendar day, kind (file, qr), verdict (VALID, INVALID, INDETERMINATE,
-- REJECTED) and first failing reason code ('' when none), attributed to the region of the licence
-- verified ('' when no registered licence was identified). No identifier, address or file is kept.
CREATE TABLE verification_tallies (
  day          date NOT NULL,
  kind         text NOT NULL,
  verdict      text NOT NULL,
  reason       text NOT NULL,
  region_code  text NOT NULL,
  count        bigint NOT NULL,
  PRIMARY KEY (day, kind, verdict, reason, region_code)
);

-- Counts over time by region: the tables below had indexes on (region, another column) only.
CREATE INDEX licenses_created_idx ON licenses (created_at);
CREATE INDEX use_records_at_idx ON use_records (at);
CREATE INDEX annotated_copies_created_idx ON annotated_copies (created_at);
CREATE INDEX use_codes_used_idx ON use_codes (used_at) WHERE used_at IS NOT NULL;
