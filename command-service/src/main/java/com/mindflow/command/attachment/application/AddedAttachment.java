package com.mindflow.command.attachment.application;

import com.mindflow.command.attachment.domain.Attachment;

/** An attachment just recorded, and the version its entry reached with it. */
public record AddedAttachment(Attachment attachment, int entryVersion) {
}
