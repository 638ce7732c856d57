/**
 * Attachments: images and PDFs stored in S3, referenced by entries.
 *
 * <p>Inside: {@code domain} (plain Java: the attachment, its type sniffed from the bytes, file names, limits and
 * object keys), {@code application} (attach, remove, and the purge clean-up), and adapters: {@code web} (multipart
 * upload, problem answers), {@code persistence} (the {@code attachments} rows and the entry's version, in SQL),
 * {@code storage} (objects and presigned URLs in S3) and {@code image} (thumbnails, decompression-bomb guard).
 *
 * <p>Objects go up before the database transaction and are deleted again if it does not commit; on removal and on
 * an entry's purge they are deleted after the commit. Soft-deleting an entry keeps its objects, so a restore brings
 * the attachments back; the purge removes everything under the entry's key prefix.
 */
package com.mindflow.command.attachment;
