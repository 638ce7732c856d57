/**
 * Data export (GDPR Art. 20): {@code POST /api/me/export} queues an export, a worker of any instance streams the
 * user's journal, attachments and account data into a ZIP in S3 (format 1, see the README's "Export" section and
 * {@code export/entries.schema.json}), and {@code GET /api/me/export/{id}} shows progress and a short-lived download
 * URL. Archives and rows are removed after the retention (7 days).
 */
package com.mindflow.command.export;
