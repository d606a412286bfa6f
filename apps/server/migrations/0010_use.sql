-- 用证 (use of licences): use lists, usage contexts, use-codes, use records, lockouts, 亮证 nonces.

-- 用证清单: per using department and service item, the licence type and data items it may use.
CREATE TABLE use_list_entries (
  id                 uuid PRIMARY KEY,
  department_id      uuid NOT NULL REFERENCES departments (id),
  region_code        text NOT NULL,
  item_code          text NOT NULL,
  item_name          text NOT NULL,
  license_type_code  char(21) NOT NULL,
  data_items         jsonb NOT NULL,
  purpose            text NOT NULL,
  duty_based         boolean NOT NULL,
  status             text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
  review_comment     text,
  reviewed_by        text,
  reviewed_at        timestamptz,
  created_at         timestamptz NOT NULL,
  created_by         text NOT NULL,
  updated_at         timestamptz NOT NULL,
  row_version        integer NOT NULL
);
-- One entry per department, item and licence type; also serves the "approved for" lookup.
CREATE UNIQUE INDEX use_list_entries_item_idx ON use_list_entries (department_id, item_code, license_type_code);
CREATE INDEX use_list_entries_region_idx ON use_list_entries (region_code text_pattern_ops, created_at DESC);

-- 用证上下文: expires_at is the consent deadline while pending, the end of use once approved.
CREATE TABLE usage_contexts (
  id                  uuid PRIMARY KEY,
  department_id       uuid NOT NULL REFERENCES departments (id),
  region_code         text NOT NULL,
  cause               text NOT NULL,
  item_code           text NOT NULL,
  item_name           text NOT NULL,
  business_number     text NOT NULL,
  holder_code         text NOT NULL,
  holder_code_type    char(3) NOT NULL,
  license_type_codes  jsonb NOT NULL,
  data_items          jsonb NOT NULL,
  stage               text,
  place               text,
  operator            text NOT NULL,
  mode                text NOT NULL CHECK (mode IN ('consent', 'duty', 'show-code')),
  status              text NOT NULL CHECK (status IN ('pending_consent', 'approved', 'declined')),
  shown_license_id    uuid,
  decided_at          timestamptz,
  decision_reason     text,
  created_at          timestamptz NOT NULL,
  created_by_kind     text NOT NULL,
  created_by          text NOT NULL,
  expires_at          timestamptz NOT NULL
);
CREATE INDEX usage_contexts_department_idx ON usage_contexts (department_id, created_at DESC);
CREATE INDEX usage_contexts_region_idx ON usage_contexts (region_code text_pattern_ops, created_at DESC);
CREATE INDEX usage_contexts_pending_holder_idx ON usage_contexts (holder_code, holder_code_type, expires_at)
  WHERE status = 'pending_consent';

-- 用证码: only the SM3 digest (hex) of the code is stored.
CREATE TABLE use_codes (
  code_hash      char(64) PRIMARY KEY,
  context_id     uuid NOT NULL REFERENCES usage_contexts (id),
  department_id  uuid NOT NULL REFERENCES departments (id),
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz,
  used_by        text
);
CREATE INDEX use_codes_context_idx ON use_codes (context_id);

-- 用证记录: one row per licence handed over; the holder reads them.
CREATE TABLE use_records (
  id                 uuid PRIMARY KEY,
  context_id         uuid NOT NULL REFERENCES usage_contexts (id),
  department_id      uuid NOT NULL REFERENCES departments (id),
  department_name    text NOT NULL,
  region_code        text NOT NULL,
  actor_kind         text NOT NULL,
  actor_id           text NOT NULL,
  operator           text NOT NULL,
  cause              text NOT NULL,
  item_code          text NOT NULL,
  item_name          text NOT NULL,
  business_number    text NOT NULL,
  holder_code        text NOT NULL,
  holder_code_type   char(3) NOT NULL,
  license_id         uuid NOT NULL,
  license_identifier text NOT NULL,
  license_type_code  text NOT NULL,
  license_type_name  text NOT NULL,
  fields             jsonb NOT NULL,
  kind               text NOT NULL,
  at                 timestamptz NOT NULL
);
CREATE INDEX use_records_holder_idx ON use_records (holder_code, holder_code_type, at DESC);
CREATE INDEX use_records_context_idx ON use_records (context_id);

-- Failed redemptions (sliding window) and lockouts per subject (department:<id> or app:<id>).
CREATE TABLE use_code_failures (
  id       bigserial PRIMARY KEY,
  subject  text NOT NULL,
  at       timestamptz NOT NULL
);
CREATE INDEX use_code_failures_subject_idx ON use_code_failures (subject, at);
CREATE TABLE use_code_lockouts (
  subject       text PRIMARY KEY,
  locked_until  timestamptz NOT NULL
);

-- 亮证 token nonces already scanned (kept past their expiry; rows older than the token are harmless).
CREATE TABLE show_token_nonces (
  nonce       char(24) PRIMARY KEY,
  license_id  uuid NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz NOT NULL
);
