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
                Hello %s,

                please confirm your email address by opening this link:

                %s/verify-email?token=%s

                The link works once and expires in %d hours. If you did not sign up for MindFlow, ignore this mail.
                """.formatted(displayName, settings.publicBaseUrl(), token, settings.verificationTtl().toHours()));
    }

    @Async
    public void sendPasswordReset(UserId user, String to, String displayName, String token) {
        send(user, "password-reset", to, "Reset your MindFlow password", """
                Hello %s,

                someone (hopefully you) asked to reset your MindFlow password. To choose a new one, open:

                %s/reset-password?token=%s

                The link works once and expires in %d minutes. If you did not ask for it, ignore this mail; your
                password stays as it is.
                """.formatted(displayName, settings.publicBaseUrl(), token, settings.passwordResetTtl().toMinutes()));
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
