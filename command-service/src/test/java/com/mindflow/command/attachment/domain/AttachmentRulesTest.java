package com.mindflow.command.attachment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mindflow.command.journal.AuthorId;
import com.mindflow.command.journal.JournalEntryId;

class AttachmentRulesTest {

    @Test
    void sizeMustBeBetweenOneByteAndFiftyMegabytes() {
        assertThat(reason(() -> Attachment.checkSize(0))).isEqualTo(AttachmentRefused.Reason.EMPTY);
        assertThat(reason(() -> Attachment.checkSize(52_428_801))).isEqualTo(AttachmentRefused.Reason.TOO_LARGE);
        assertThatCode(() -> Attachment.checkSize(1)).doesNotThrowAnyException();
        assertThatCode(() -> Attachment.checkSize(52_428_800)).doesNotThrowAnyException();
    }

    @Test
    void anEntryHoldsAtMostTwentyAttachments() {
        assertThatCode(() -> EntryAttachments.checkRoomForOneMore(19)).doesNotThrowAnyException();
        assertThat(reason(() -> EntryAttachments.checkRoomForOneMore(20)))
                .isEqualTo(AttachmentRefused.Reason.TOO_MANY_ATTACHMENTS);
    }

    @Test
    void keysArePerUserAndEntryAndHoldOnlyIds() {
        AuthorId author = new AuthorId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
        JournalEntryId entry = new JournalEntryId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
        AttachmentId attachment = new AttachmentId(UUID.fromString("00000000-0000-0000-0000-00000000000c"));
        assertThat(EntryAttachments.fileKey(author, entry, attachment)).isEqualTo(
                "users/00000000-0000-0000-0000-00000000000a/entries/00000000-0000-0000-0000-00000000000b/"
                        + "00000000-0000-0000-0000-00000000000c");
        assertThat(EntryAttachments.thumbnailKey(author, entry, attachment))
                .isEqualTo(EntryAttachments.fileKey(author, entry, attachment) + "-thumb.jpg")
                .startsWith(EntryAttachments.prefix(author, entry));
    }

    private static AttachmentRefused.Reason reason(Runnable rule) {
        try {
            rule.run();
        }
        catch (AttachmentRefused e) {
            return e.reason();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void removingTwiceIsAProgrammingError() {
        Attachment a = Attachment.uploaded(AttachmentId.random(), JournalEntryId.random(),
                new AuthorId(UUID.randomUUID()), new FileName("a.pdf"), 10, AttachmentType.PDF,
                new Attachment.StoredObject("k", java.net.URI.create("http://s3/k")), null, java.time.Instant.EPOCH);
        Attachment removed = a.remove(java.time.Instant.EPOCH.plusSeconds(1));
        assertThat(removed.removedAt()).isNotNull();
        assertThatThrownBy(() -> removed.remove(java.time.Instant.EPOCH)).isInstanceOf(IllegalStateException.class);
    }
}
