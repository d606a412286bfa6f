-- Working-day calendar (工作日历): national overrides of the weekday / weekend rule. A holiday is a
-- weekday off (法定节假日); a workday is a weekend day worked (调休上班). Empty by default: the
-- platform administrators enter each year's State Council notice.
CREATE TABLE calendar_days (
  date        date PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name        text NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  text
);

-- Holders' notification settings: where reminders and objection results go, own lead days.
CREATE TABLE holder_contacts (
  holder_code_type  text NOT NULL,
  holder_code       text NOT NULL,
  email             text,
  webhook           text,
  lead_days         integer[],
  updated_at        timestamptz NOT NULL,
  PRIMARY KEY (holder_code_type, holder_code)
);

-- The durable notification outbox. The dedupe key is unique: one notification is never queued
-- (so never sent) twice, whichever server or run queues it.
CREATE TABLE notifications (
  id                uuid PRIMARY KEY,
  dedupe_key        text NOT NULL UNIQUE,
  kind              text NOT NULL,
  channel           text NOT NULL CHECK (channel IN ('email', 'webhook', 'log')),
  recipient         text NOT NULL,
  subject           text NOT NULL,
  body              text NOT NULL,
  holder_code_type  text,
  holder_code       text,
  license_id        uuid,
  reference         text,
  details           jsonb NOT NULL DEFAULT '{}',
  status            text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts          integer NOT NULL DEFAULT 0,
  next_attempt_at   timestamptz NOT NULL,
  last_error        text,
  created_at        timestamptz NOT NULL,
  sent_at           timestamptz
);
-- The sender claims due rows by time.
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notifications_holder_idx ON notifications (holder_code_type, holder_code, created_at DESC)
  WHERE holder_code IS NOT NULL;

-- The reminder job scans valid versions by end date through licenses_expiry_idx (0007).

-- 异议: objections to a licence version, handled by its issuing department within working-day limits.
CREATE TABLE objections (
  id                     uuid PRIMARY KEY,
  license_id             uuid NOT NULL REFERENCES licenses (id),
  series_id              uuid NOT NULL,
  license_identifier     text NOT NULL,
  region_code            text NOT NULL,
  department_id          uuid NOT NULL REFERENCES departments (id),
  requester_kind         text NOT NULL CHECK (requester_kind IN ('holder', 'department')),
  requester_department_id uuid REFERENCES departments (id),
  holder_code_type       text,
  holder_code            text,
  status                 text NOT NULL CHECK (status IN ('submitted', 'acknowledged', 'rejected', 'corrected')),
  submitted_at           timestamptz NOT NULL,
  acknowledge_due_at     timestamptz NOT NULL,
  resolve_due_at         timestamptz NOT NULL,
  acknowledged_at        timestamptz,
  acknowledged_by        text,
  resolved_at            timestamptz,
  resolved_by            text,
  corrected_license_id   uuid REFERENCES licenses (id),
  -- requester details, fields, text, evidence descriptors, resolution
  content                jsonb NOT NULL,
  row_version            integer NOT NULL DEFAULT 1
);
CREATE INDEX objections_open_license_idx ON objections (license_id)
  WHERE status IN ('submitted', 'acknowledged');
CREATE INDEX objections_department_idx ON objections (department_id, submitted_at DESC);
CREATE INDEX objections_region_idx ON objections (region_code text_pattern_ops, submitted_at DESC);
CREATE INDEX objections_requester_department_idx ON objections (requester_department_id)
  WHERE requester_department_id IS NOT NULL;
CREATE INDEX objections_holder_idx ON objections (holder_code_type, holder_code) WHERE holder_code IS NOT NULL;
CREATE INDEX objections_open_due_idx ON objections (resolve_due_at)
  WHERE status IN ('submitted', 'acknowledged');
