-- Holder services (持证主体): holder sessions from the OIDC login, the pending authorisation requests of
-- that login, and the built-in development identity provider's users and authorisation codes.

-- A holder's session (cookie zy_holder_session). Looked up by the SM3 digest of the token.
CREATE TABLE holder_sessions (
  id                uuid PRIMARY KEY,
  token_hash        char(64) NOT NULL UNIQUE,
  csrf_token        text NOT NULL,
  holder_code_type  char(3) NOT NULL,
  holder_code       text NOT NULL,
  holder_name       text NOT NULL,
  -- The identity provider and its subject the session came from.
  issuer            text NOT NULL,
  subject           text NOT NULL,
  created_at        timestamptz NOT NULL,
  expires_at        timestamptz NOT NULL,
  last_seen_at      timestamptz NOT NULL,
  revoked_at        timestamptz
);
CREATE INDEX holder_sessions_holder_idx ON holder_sessions (holder_code_type, holder_code);

-- A login in progress: state (by digest), nonce and PKCE verifier, bound to the browser that started
-- it (digest of the zy_holder_login cookie). Single use: the callback deletes the row.
CREATE TABLE holder_logins (
  state_hash     char(64) PRIMARY KEY,
  browser_hash   char(64) NOT NULL,
  nonce          text NOT NULL,
  code_verifier  text NOT NULL,
  return_to      text NOT NULL,
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL
);
CREATE INDEX holder_logins_expiry_idx ON holder_logins (expires_at);

-- DEVELOPMENT ONLY: the built-in identity provider's accounts (demo holders).
CREATE TABLE dev_idp_users (
  id                uuid PRIMARY KEY,
  username          text NOT NULL UNIQUE,
  password_hash     text NOT NULL,
  holder_code_type  char(3) NOT NULL,
  holder_code       text NOT NULL,
  name              text NOT NULL,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);

-- DEVELOPMENT ONLY: authorisation codes (60 s, single use, PKCE S256 challenge).
CREATE TABLE dev_idp_codes (
  code_hash       char(64) PRIMARY KEY,
  user_id         uuid NOT NULL REFERENCES dev_idp_users (id),
  client_id       text NOT NULL,
  redirect_uri    text NOT NULL,
  code_challenge  text NOT NULL,
  nonce           text,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  used_at         timestamptz
);
CREATE INDEX dev_idp_codes_expiry_idx ON dev_idp_codes (expires_at);
