package com.mindflow.support.readside;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The id under which the audit trail keeps an erased user's actions: a one-way hash of the account id. The audit
 * trail outlives the account (legal retention), but must not point back at a person: the hash cannot be turned
 * back into the id (a random UUID, 122 bits), yet whoever already holds the id (the user, answering a legal request)
 * can still find that account's history, and a late event lands under the same pseudonym as the others.
 */
public final class AuditPseudonym {

    private static final String PREFIX = "erased-";

    private AuditPseudonym() {
    }

    public static String of(UUID userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("mindflow-audit-pseudonym:" + userId).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 20);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
