package com.mindflow.command.attachment.domain;

/** No live attachment with this id on the caller's entry. */
public class AttachmentNotFound extends RuntimeException {

    public AttachmentNotFound(AttachmentId attachment) {
        super("No attachment " + attachment);
    }
}
