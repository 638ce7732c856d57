package com.mindflow.command.attachment.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param quotaPerUser the bytes of attachments one account may store in all (each file is at most 50 MB)
 */
@ConfigurationProperties("mindflow.attachments")
public record AttachmentSettings(@DefaultValue("5GB") DataSize quotaPerUser) {
}
