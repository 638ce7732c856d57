package com.mindflow.command.attachment.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param quotaPerUser           the bytes of attachments one account may store in all (each file is at most 50 MB)
 * @param quotaPerUnverifiedUser the same for an account that has not verified its email address yet: a throw-away
 *                               sign-up cannot be used to fill the bucket
 */
@ConfigurationProperties("mindflow.attachments")
public record AttachmentSettings(@DefaultValue("5GB") DataSize quotaPerUser,
        @DefaultValue("100MB") DataSize quotaPerUnverifiedUser) {

    public long quotaBytes(boolean verifiedAccount) {
        return (verifiedAccount ? quotaPerUser : quotaPerUnverifiedUser).toBytes();
    }
}
