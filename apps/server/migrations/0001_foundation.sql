-- Foundation: organisations, accounts, apps, audit trail, API call log.

CREATE TABLE regions (
  code         char(6) PRIMARY KEY,
  name         text NOT NULL,
  level        text NOT NULL CHECK (level IN ('province', 'city', 'county')),
  parent_code  char(6) REFERENCES regions (code),
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX regions_parent_idx ON regions (parent_code);

CREATE TABLE departments (
  id           uuid PRIMARY KEY,
  name         text NOT NULL,
  uscc         char(18) NOT NULL UNIQUE,
  region_code  char(6) NOT NULL REFERENCES regions (code),
  parent_id    uuid REFERENCES departments (id),
  contact      jsonb NOT NULL DEFAULT '{}',
  active       boolean NOT NULL DEFAULT true,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX departments_region_idx ON departments (region_code);
CREATE INDEX departments_name_idx ON departments (name);

CREATE TABLE onboardings (
  id             uuid PRIMARY KEY,
  department_id  uuid NOT NULL REFERENCES departments (id),
  onboarded_on   date NOT NULL,
  systems        jsonb NOT NULL DEFAULT '[]',
  note           text,
  created_at     timestamptz NOT NULL
);
CREATE INDEX onboardings_department_idx ON onboardings (department_id);

CREATE TABLE users (
  id                    uuid PRIMARY KEY,
  username              text NOT NULL UNIQUE,
  display_name          text NOT NULL,
  password_hash         text NOT NULL,
  must_change_password  boolean NOT NULL DEFAULT true,
  failed_logins         integer NOT NULL DEFAULT 0,
  locked_until          timestamptz,
  totp_secret_sealed    text,
  totp_enabled          boolean NOT NULL DEFAULT false,
  active                boolean NOT NULL DEFAULT true,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);

CREATE TABLE user_roles (
  user_id        uuid NOT NULL REFERENCES users (id),
  position       integer NOT NULL,
  role           text NOT NULL,
  region_code    char(6) REFERENCES regions (code),
  department_id  uuid REFERENCES departments (id),
  PRIMARY KEY (user_id, position)
);
CREATE INDEX user_roles_region_idx ON user_roles (region_code);
CREATE INDEX user_roles_department_idx ON user_roles (department_id);

CREATE TABLE sessions (
  id            uuid PRIMARY KEY,
  token_hash    char(64) NOT NULL UNIQUE,
  user_id       uuid NOT NULL REFERENCES users (id),
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  revoked_at    timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE apps (
  id                          uuid PRIMARY KEY,
  name                        text NOT NULL,
  app_key                     text NOT NULL UNIQUE,
  department_id               uuid NOT NULL REFERENCES departments (id),
  scopes                      jsonb NOT NULL DEFAULT '[]',
  ip_allow_list               jsonb NOT NULL DEFAULT '[]',
  secret_sealed               text NOT NULL,
  previous_secret_sealed      text,
  previous_secret_expires_at  timestamptz,
  active                      boolean NOT NULL DEFAULT true,
  created_at                  timestamptz NOT NULL,
  updated_at                  timestamptz NOT NULL
);
CREATE INDEX apps_department_idx ON apps (department_id);

CREATE TABLE app_nonces (
  app_id      uuid NOT NULL REFERENCES apps (id),
  nonce       text NOT NULL,
  expires_at  timestamptz NOT NULL,
  PRIMARY KEY (app_id, nonce)
);
CREATE INDEX app_nonces_expiry_idx ON app_nonces (expires_at);

CREATE TABLE api_calls (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL,
  request_id   text NOT NULL,
  actor_kind   text NOT NULL,
  actor_id     text,
  method       text NOT NULL,
  path         text NOT NULL,
  status       integer NOT NULL,
  latency_ms   integer NOT NULL,
  client_ip    text
);
CREATE INDEX api_calls_actor_idx ON api_calls (actor_id, id);

-- The audit trail: append-only, hash-chained (SM3). Kept for at least 20 years; never deleted.
CREATE TABLE audit_events (
  seq          bigint PRIMARY KEY,
  at           timestamptz NOT NULL,
  actor_kind   text NOT NULL,
  actor_id     text,
  action       text NOT NULL,
  target_type  text,
  target_id    text,
  region_code  text,
  details      jsonb NOT NULL,
  request_id   text,
  client_ip    text,
  prev_hash    char(64) NOT NULL,
  hash         char(64) NOT NULL
);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, seq);
CREATE INDEX audit_events_action_idx ON audit_events (action, seq);
CREATE INDEX audit_events_target_idx ON audit_events (target_type, target_id, seq);
CREATE INDEX audit_events_at_idx ON audit_events (at);
CREATE INDEX audit_events_region_idx ON audit_events (region_code text_pattern_ops, seq);

-- One row: the last event's sequence and hash. Locked by every append, so the chain is linear.
CREATE TABLE audit_head (
  id    integer PRIMARY KEY CHECK (id = 1),
  seq   bigint NOT NULL,
  hash  char(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
