-- Attachments of the read side (not in the seed): journals_view.attachments is rebuilt from here on every change,
-- because JournalEntryRestored does not repeat them (a deleted entry keeps its attachments on the write side) and
-- journals_view drops the row of a deleted entry. A removed attachment keeps its row with removed_at set, so a
-- redelivered AttachmentAdded cannot bring it back.

CREATE TABLE journal_attachments_view (
    id                  UUID NOT NULL,
    journal_entry_id    UUID NOT NULL,
    user_id             UUID NOT NULL,
    file_name           VARCHAR(255),
    file_size           BIGINT NOT NULL,
    mime_type           VARCHAR(100),
    s3_key              VARCHAR(500) NOT NULL,
    thumbnail_s3_key    VARCHAR(500),
    uploaded_at         TIMESTAMPTZ NOT NULL,
    removed_at          TIMESTAMPTZ,

    CONSTRAINT journal_attachments_view_pkey PRIMARY KEY (id)
);

CREATE INDEX idx_journal_attachments_view_entry ON journal_attachments_view(journal_entry_id, uploaded_at);
CREATE INDEX idx_journal_attachments_view_user ON journal_attachments_view(user_id);

COMMENT ON TABLE journal_attachments_view IS 'Attachments per journal entry, source of journals_view.attachments; kept while the entry is deleted';

-- URLs are presigned per read (they expire), so the view stores the object keys instead of the seed's URLs.
COMMENT ON COLUMN journals_view.attachments IS 'JSON array of {id, fileName, fileSize, mimeType, s3Key, thumbnailS3Key} in upload order, without removed attachments; readers presign URLs from the keys';
