package com.mindflow.auth.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;

/** Reads a recipient's mails from GreenMail over IMAP, as a mail client would. */
public final class Mailbox {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

    private final String host;
    private final int port;

    public Mailbox(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Waits for a mail whose subject contains {@code subjectPart} and returns its text. */
    public Mail await(String address, String subjectPart, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        IllegalStateException lastFailure = null;
        while (Instant.now().isBefore(deadline)) {
            List<Mail> mails;
            try {
                mails = all(address);
            }
            catch (IllegalStateException notYet) {
                // GreenMail creates the mailbox on the first delivery; a login racing it is dropped. Try again.
                lastFailure = notYet;
                sleep();
                continue;
            }
            for (Mail mail : mails) {
                if (mail.subject().contains(subjectPart)) {
                    return mail;
                }
            }
            sleep();
        }
        throw new AssertionError("No mail '" + subjectPart + "' for " + address + " within " + timeout, lastFailure);
    }

    public List<Mail> all(String address) {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        try {
            Store store = Session.getInstance(props).getStore("imap");
            // GreenMail accepts any login; the mailbox is the recipient's address.
            store.connect(host, port, address, "any-password");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<Mail> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    mails.add(Mail.of(message));
                }
                inbox.close(false);
                return mails;
            }
            finally {
                store.close();
            }
        }
        catch (Exception e) {
            throw new IllegalStateException("Cannot read the mailbox of " + address + " over IMAP", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The mails whose subject contains {@code subjectPart}, as the mailbox holds them now. */
    public List<Mail> all(String address, String subjectPart) {
        return all(address).stream().filter(mail -> mail.subject().contains(subjectPart)).toList();
    }

    /**
     * One received mail: {@code text} is the plain-text body (of a multipart mail, its text/plain part), {@code html}
     * the text/html part or null, {@code headers} the first value of each header.
     */
    public record Mail(String subject, String text, String from, String html, Map<String, String> headers) {

        static Mail of(Message message) throws Exception {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements();) {
                Header header = all.nextElement();
                headers.putIfAbsent(header.getName(), header.getValue());
            }
            Object content = message.getContent();
            String text = null;
            String html = null;
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    if (part.isMimeType("text/plain")) {
                        text = String.valueOf(part.getContent());
                    }
                    else if (part.isMimeType("text/html")) {
                        html = String.valueOf(part.getContent());
                    }
                }
            }
            else {
                text = String.valueOf(content);
            }
            return new Mail(message.getSubject(), text, message.getFrom()[0].toString(), html, headers);
        }

        /** A header's value, found whatever its case. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        public String token() {
            Matcher m = TOKEN.matcher(text);
            if (!m.find()) {
                throw new AssertionError("No token link in mail: " + subject);
            }
            return m.group(1);
        }
    }
}
