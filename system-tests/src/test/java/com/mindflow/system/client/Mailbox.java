package com.mindflow.system.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;

import com.mindflow.testsupport.Servers;

/** A user's mails in the stack's SMTP catcher (GreenMail), read over IMAP as a mail client would. */
public final class Mailbox {

    public record Mail(String subject, String text) {
    }

    private Mailbox() {
    }

    /** Waits for the mail to {@code address} whose subject contains {@code subjectPart}. */
    public static Mail await(Servers servers, String address, String subjectPart, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                Mail found = find(servers, address, subjectPart);
                if (found != null) {
                    return found;
                }
            }
            catch (Exception notYet) {
                // GreenMail creates the mailbox on the first delivery; a login before it fails.
                last = notYet;
            }
            try {
                Thread.sleep(200);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("No mail '" + subjectPart + "' for " + address + " within " + patience, last);
    }

    private static Mail find(Servers servers, String address, String subjectPart) throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(servers.mailHost(), servers.imapPort(), address, "any-password");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message message : inbox.getMessages()) {
                    if (message.getSubject().contains(subjectPart)) {
                        return new Mail(message.getSubject(), String.valueOf(message.getContent()));
                    }
                }
                return null;
            }
            finally {
                inbox.close(false);
            }
        }
        finally {
            store.close();
        }
    }
}
