-- 加注件 of OFD licences: a copy is made of the licence's PDF or of its OFD (an annotation layer
-- sealed with SES by a per-copy annotation seal). Earlier copies are all PDF.
ALTER TABLE annotated_copies
  ADD COLUMN file_format text NOT NULL DEFAULT 'pdf' CHECK (file_format IN ('pdf', 'ofd'));
