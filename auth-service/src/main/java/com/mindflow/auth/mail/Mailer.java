package com.mindflow.auth.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

import com.mindflow.auth.AuthSettings;
import com.mindflow.support.security.UserId;

/**
 * Sends the account mails over SMTP. Asynchronous on purpose: the caller's answer (and its timing) must not depend on
 * whether a mail was sent, so a reset request for an unknown address looks like any other. Links are never logged.
 * Display names go in only through {@link PlainText}: they are typed by whoever registered, not by the recipient.
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

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
