-- Uploaded files (appeal photos, documents), kept in the database so that app nodes hold
-- no state of their own. Content is base64 text: one portable column type on both
-- engines, at a third more space (ADR 0007).
CREATE TABLE uploads (
  id {{PK}},
  content_type TEXT NOT NULL,
  byte_size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  original_name TEXT NOT NULL DEFAULT '',
  content_base64 TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
