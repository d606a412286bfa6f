-- Licences as OFD (GB/T 33190) files sealed with SES (GB/T 38540), next to or instead of PDF.
-- Which files a licence type issues: its PDF, its OFD or both.
ALTER TABLE license_types
  ADD COLUMN file_format text NOT NULL DEFAULT 'pdf' CHECK (file_format IN ('pdf', 'ofd', 'both'));

-- The issued OFD (content-addressed in blobs) and the SHA-256 of its issuing signature value
-- (SignedValue.dat), which verification compares with the file presented. A licence issued as OFD
-- only has no PDF; every licence has at least one file.
ALTER TABLE licenses
  ADD COLUMN ofd_sha256 char(64),
  ADD COLUMN ofd_signed_value_sha256 char(64),
  ALTER COLUMN file_sha256 DROP NOT NULL,
  ADD CONSTRAINT licenses_ofd_pair CHECK ((ofd_sha256 IS NULL) = (ofd_signed_value_sha256 IS NULL)),
  ADD CONSTRAINT licenses_some_file CHECK (file_sha256 IS NOT NULL OR ofd_sha256 IS NOT NULL);
