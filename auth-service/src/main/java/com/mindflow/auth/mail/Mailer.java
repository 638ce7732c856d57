package com.mindflow.auth.mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

import com.mindflow.auth.AuthSettings;
import com.mindflow.support.security.UserId;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Sends the account mails over SMTP. Asynchronous on purpose: the caller's answer (and its timing) must not depend on
 * whether a mail was sent, so a reset request for an unknown address looks like any other. Links are never logged.
 * Display names go in only through {@link PlainText}: they are typed by whoever registered, not by the recipient.
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private final JavaMailSender sender;
    private final AuthSettings settings;

    Mailer(JavaMailSender sender, AuthSettings settings) {
        this.sender = sender;
        this.settings = settings;
    }

    @Async
    public void sendVerification(UserId user, String to, String displayName, String token) {
        send(user, "verification", to, "Confirm your MindFlow email address", """
                %s

                please confirm your email address by opening this link:

                %s/verify-email?token=%s

                The link works once and expires in %d hours. If you did not sign up for MindFlow, ignore this mail.
                """.formatted(PlainText.greeting(displayName), settings.publicBaseUrl(), token,
                        settings.verificationTtl().toHours()));
    }

    @Async
    public void sendPasswordReset(UserId user, String to, String displayName, String token) {
        send(user, "password-reset", to, "Reset your MindFlow password", """
                %s

                someone (hopefully you) asked to reset your MindFlow password. To choose a new one, open:

                %s/reset-password?token=%s

                The link works once and expires in %d minutes. If you did not ask for it, ignore this mail; your
                password stays as it is.
                """.formatted(PlainText.greeting(displayName), settings.publicBaseUrl(), token,
                        settings.passwordResetTtl().toMinutes()));
    }

    /**
     * To the owner of an address someone tried to register again. Nothing from that request goes into the mail (its
     * display name is a stranger's text); the owner's own name is used.
     */
    @Async
    public void sendRegistrationAttempt(UserId user, String to, String displayName) {
        send(user, "registration-attempt", to, "Someone tried to sign up to MindFlow with your address", """
                %s

                someone just tried to create a new MindFlow account with this email address. It already belongs to
                your account, so no second account was created and nothing about your account changed.

                If that was you: you already have an account. Sign in, or ask for a password reset from the sign-in
                page if you forgot your password: %s

                If it was not you, you need not do anything.
                """.formatted(PlainText.greeting(displayName), settings.publicBaseUrl()));
    }

    @Async
    public void sendDeletionScheduled(UserId user, String to, String displayName, Instant purgeAfter) {
        send(user, "deletion-scheduled", to, "Your MindFlow account will be deleted", """
                %s

                you asked to delete your MindFlow account. It is locked now, and on %s (UTC) it will be erased
                for good: your journal, attachments, settings and profile.

                Changed your mind? Sign in at %s before then and confirm that you want to keep the account.
                If you did not ask for this, sign in and keep the account, then change your password.
                """.formatted(PlainText.greeting(displayName), DATE.format(purgeAfter), settings.publicBaseUrl()));
    }

    @Async
    public void sendDeletionCancelled(UserId user, String to, String displayName) {
        send(user, "deletion-cancelled", to, "Your MindFlow account will not be deleted", """
                %s

                the deletion of your MindFlow account was cancelled: the account is open again and nothing of it
                was erased. Sign in as usual at %s
                """.formatted(PlainText.greeting(displayName), settings.publicBaseUrl()));
    }

    /**
     * The data export is ready. The link leads to the export's page in the app (sign-in required), which shows a
     * fresh download link valid for minutes; the archive's own URL never goes into a mail.
     */
    @Async
    public void sendExportReady(UserId user, String to, String displayName, UUID exportId, Instant availableUntil) {
        send(user, "export-ready", to, "Your MindFlow data export is ready", """
                %s

                the copy of your MindFlow data you asked for is ready. Sign in and download it here:

                %s/settings/export/%s

                The archive is deleted on %s (UTC). If you did not ask for it, sign in and change your password.
                """.formatted(PlainText.greeting(displayName), settings.publicBaseUrl(), exportId,
                        DATE.format(availableUntil)));
    }

    /** The last mail: the address is erased with the account right after it was handed over. */
    @Async
    public void sendErased(UserId user, String to, String displayName) {
        send(user, "erased", to, "Your MindFlow account has been erased", """
                %s

                as you asked, your MindFlow account and everything in it have now been erased. We keep no copy of
                your journal; this address can be used to sign up again.
                """.formatted(PlainText.greeting(displayName)));
    }

    /**
     * A mail of a list the user can leave (insight digests, the writing reminder): plain text and HTML as
     * alternatives, and one-click unsubscribe (RFC 8058): {@code List-Unsubscribe} with the HTTPS URL whose POST turns
     * the list off, and {@code List-Unsubscribe-Post}. The HTML must come escaped ({@link Html}). Synchronous, unlike
     * the account mails: the caller claimed this mail and gives the claim back when it could not go out.
     *
     * @return whether the SMTP server took the mail
     */
    public boolean sendListMail(UserId user, String kind, String to, String subject, String text, String html,
            String unsubscribeUrl) {
        try {
            MimeMessage message = sender.createMimeMessage();
            message.setFrom(new InternetAddress(settings.mailFrom()));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject, "UTF-8");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8", "plain");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            // Least to most preferred, as RFC 2046 orders alternatives.
            message.setContent(new MimeMultipart("alternative", plain, rich));
            message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            sender.send(message);
            log.info("Sent {} mail for user {}", kind, user);
            return true;
        }
        catch (MessagingException | MailException e) {
            log.warn("Could not send {} mail for user {}: {}", kind, user, e.getClass().getSimpleName());
            return false;
        }
    }

    private void send(UserId user, String kind, String to, String subject, String text) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.mailFrom());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        try {
            sender.send(message);
            log.info("Sent {} mail for user {}", kind, user);
        }
        catch (MailException e) {
            log.warn("Could not send {} mail for user {}: {}", kind, user, e.getClass().getSimpleName());
        }
    }
}
