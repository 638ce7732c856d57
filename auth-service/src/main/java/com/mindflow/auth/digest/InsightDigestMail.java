package com.mindflow.auth.digest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.auth.AuthSettings;
import com.mindflow.auth.account.User;
import com.mindflow.auth.account.Users;
import com.mindflow.auth.mail.Mailer;
import com.mindflow.auth.settings.Settings;
import com.mindflow.auth.settings.UserSettings;
import com.mindflow.auth.unsubscribe.MailingList;
import com.mindflow.auth.unsubscribe.UnsubscribeTokens;
import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightType;
import com.mindflow.support.security.UserId;

/**
 * Mails a weekly or monthly {@link InsightGenerated} (from ai-processing-service) to its user when the matching
 * {@code email_*_insights} flag is on and the account is active (not locked, not pending deletion, not erased). The
 * same insight id comes again when it is regenerated, and Kafka redelivers: {@link InsightMails#claim} lets exactly
 * one delivery mail it. At most once: a crash between the claim and SMTP loses that one mail rather than risk two;
 * a refusal by the SMTP server gives the claim back. Yearly and custom insights, and those without entries, are not
 * mailed. {@code InsightWithdrawn} is not read: a mail cannot be taken back.
 */
@Component
class InsightDigestMail {

    static final String GROUP = "auth-insight-mail";

    private static final Logger log = LoggerFactory.getLogger(InsightDigestMail.class);

    private final Users users;
    private final Settings settings;
    private final InsightMails mails;
    private final UnsubscribeTokens unsubscribe;
    private final Mailer mailer;
    private final AuthSettings auth;
    private final DigestSettings digests;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();

    InsightDigestMail(Users users, Settings settings, InsightMails mails, UnsubscribeTokens unsubscribe, Mailer mailer,
            AuthSettings auth, DigestSettings digests, Clock clock) {
        this.users = users;
        this.settings = settings;
        this.mails = mails;
        this.unsubscribe = unsubscribe;
        this.mailer = mailer;
        this.auth = auth;
        this.digests = digests;
        this.clock = clock;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.AI_INSIGHTS)
    void on(String json) {
        EventEnvelope<?> envelope;
        try {
            envelope = codec.read(json);
        }
        catch (RuntimeException unknown) {
            // An event type of a newer build: not an insight this build mails.
            log.debug("Skipping an unreadable AI event: {}", unknown.toString());
            return;
        }
        if (envelope.payload() instanceof InsightGenerated insight) {
            mail(insight);
        }
    }

    private void mail(InsightGenerated insight) {
        MailingList list = switch (insight.insightType()) {
            case WEEKLY -> MailingList.WEEKLY_INSIGHTS;
            case MONTHLY -> MailingList.MONTHLY_INSIGHTS;
            case YEARLY, CUSTOM -> null;
        };
        if (list == null || insight.entriesAnalyzed() <= 0 || stale(insight)) {
            return;
        }
        UserId id = new UserId(insight.userId());
        Optional<User> user = users.active(id);
        if (user.isEmpty() || !settings.of(id).map(s -> wanted(s, insight.insightType())).orElse(false)) {
            return;
        }
        Optional<String> unsubscribeUrl = unsubscribe.url(id, list);
        if (unsubscribeUrl.isEmpty()) {
            return; // no key for unsubscribe links (logged at start): no list mail without one
        }
        if (!mails.claim(insight.insightId(), insight.userId(), list.wireName(), clock.instant())) {
            return; // mailed already (redelivered, regenerated, or another instance)
        }
        DigestMessage message = DigestMessage.of(insight, user.get().displayName(), auth.publicBaseUrl());
        if (!mailer.sendListMail(id, list.wireName() + "-insights", user.get().email(), message.subject(),
                message.text(), message.html(), unsubscribeUrl.get())) {
            mails.release(insight.insightId());
        }
    }

    private boolean stale(InsightGenerated insight) {
        Instant oldest = clock.instant().minus(digests.maxAge());
        LocalDate oldestEnd = LocalDate.ofInstant(oldest, ZoneOffset.UTC).minusDays(1); // any zone's day
        return insight.generatedAt().isBefore(oldest) || insight.endDate().isBefore(oldestEnd);
    }

    private static boolean wanted(UserSettings settings, InsightType type) {
        return type == InsightType.WEEKLY ? settings.emailWeeklyInsights() : settings.emailMonthlyInsights();
    }
}
