package com.mindflow.auth.unsubscribe;

import com.mindflow.auth.settings.SettingsPatch;

/** The mails a user can leave with one click, each one of the {@code user_settings} flags. */
public enum MailingList {

    WEEKLY_INSIGHTS(1, "weekly"),
    MONTHLY_INSIGHTS(2, "monthly"),
    WRITING_REMINDER(3, "reminder");

    /** In the token; never reused for another list, or old mails would turn off the wrong flag. */
    private final byte code;
    private final String wireName;

    MailingList(int code, String wireName) {
        this.code = (byte) code;
        this.wireName = wireName;
    }

    byte code() {
        return code;
    }

    public String wireName() {
        return wireName;
    }

    static MailingList ofCode(byte code) {
        for (MailingList list : values()) {
            if (list.code == code) {
                return list;
            }
        }
        return null;
    }

    /** The settings change that leaves this list. */
    SettingsPatch turnOff() {
        return switch (this) {
            case WEEKLY_INSIGHTS -> new SettingsPatch(null, null, false, null, null);
            case MONTHLY_INSIGHTS -> new SettingsPatch(null, null, null, false, null);
            case WRITING_REMINDER -> new SettingsPatch(null, null, null, null, false);
        };
    }
}
