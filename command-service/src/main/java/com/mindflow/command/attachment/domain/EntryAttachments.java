package com.mindflow.command.attachment.domain;

import com.mindflow.command.journal.AuthorId;
import com.mindflow.command.journal.JournalEntryId;

/** Rules that span an entry's attachments, and where their objects live. */
public final class EntryAttachments {

    /** Enough for a day's photos; keeps one entry from becoming a file store. */
    public static final int MAX_PER_ENTRY = 20;

    /** Suffix of an image's thumbnail key. */
    public static final String THUMBNAIL_SUFFIX = "-thumb.jpg";

    private EntryAttachments() {
    }

    public static void checkRoomForOneMore(int activeAttachments) {
        if (activeAttachments >= MAX_PER_ENTRY) {
            throw new AttachmentRefused(AttachmentRefused.Reason.TOO_MANY_ATTACHMENTS,
                    "An entry holds at most " + MAX_PER_ENTRY + " attachments");
        }
    }

    /**
     * Refuses a file that would take the author's stored bytes (every attachment of their live and restorable
     * entries) over {@code quota}: without a bound one account could fill the bucket.
     */
    public static void checkQuota(long storedBytes, long incomingBytes, long quota) {
        if (storedBytes + incomingBytes > quota) {
            throw new AttachmentRefused(AttachmentRefused.Reason.QUOTA_EXCEEDED, "Your attachments would take "
                    + (storedBytes + incomingBytes) + " bytes, more than the " + quota + " bytes an account may store");
        }
    }

    /**
     * Every object of an entry starts with this prefix, so a purge can find them without the rows. Keys hold only
     * server-made ids, never a client's file name.
     */
    public static String prefix(AuthorId author, JournalEntryId entry) {
        return authorPrefix(author) + "entries/" + entry + "/";
    }

    /** Every object of an author starts with this prefix: a GDPR erasure removes them all by listing it. */
    public static String authorPrefix(AuthorId author) {
        return "users/" + author + "/";
    }

    public static String fileKey(AuthorId author, JournalEntryId entry, AttachmentId attachment) {
        return prefix(author, entry) + attachment;
    }

    public static String thumbnailKey(AuthorId author, JournalEntryId entry, AttachmentId attachment) {
        return fileKey(author, entry, attachment) + THUMBNAIL_SUFFIX;
    }
}
