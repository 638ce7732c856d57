package com.mindflow.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.mindflow.auth.web.InvalidField;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void acceptsALongUncommonPassphrase() {
        assertThatNoException().isThrownBy(() -> policy.check("password", "purple otter kettle", "a@example.com"));
    }

    @Test
    void refusesFewerThanTwelveCharactersNamingTheField() {
        assertThatThrownBy(() -> policy.check("newPassword", "elevenchars", null))
                .isInstanceOfSatisfying(InvalidField.class, e -> {
                    assertThat(e.field()).isEqualTo("newPassword");
                    assertThat(e.getMessage()).contains("12");
                });
    }

    @Test
    void countsCharactersNotUtf16Units() {
        // 11 emoji are 22 UTF-16 units but only 11 characters.
        assertThatThrownBy(() -> policy.check("password", "😀".repeat(11), null)).isInstanceOf(InvalidField.class);
    }

    @Test
    void refusesCommonPasswordsWhateverTheirCase() {
        assertThatThrownBy(() -> policy.check("password", "PassWord1234", null))
                .isInstanceOf(InvalidField.class).hasMessageContaining("common");
        assertThatThrownBy(() -> policy.check("password", "123456789012", null)).isInstanceOf(InvalidField.class);
    }

    @Test
    void refusesTheEmailAddressAsPassword() {
        assertThatThrownBy(() -> policy.check("password", "Someone@Example.com", "someone@example.com"))
                .isInstanceOf(InvalidField.class);
    }

    @Test
    void refusesWhatBcryptWouldTruncate() {
        assertThatThrownBy(() -> policy.check("password", "ä".repeat(37), null)) // 74 bytes
                .isInstanceOf(InvalidField.class).hasMessageContaining("72");
    }

    @Test
    void neverEchoesThePassword() {
        assertThatThrownBy(() -> policy.check("password", "password1234", null))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("password1234"));
    }
}
