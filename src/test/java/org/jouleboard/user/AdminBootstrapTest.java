package org.jouleboard.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

@SpringBootTest
@Transactional
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTest {

    private static final Pattern LOGGED_PASSWORD = Pattern.compile("generated password:\\s+(\\S+)");

    @Autowired
    AppUserRepository repository;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void withoutAConfiguredPasswordAStrongOneIsGeneratedAndLoggedOnce(CapturedOutput output) {
        repository.deleteAll();
        AdminBootstrap bootstrap = new AdminBootstrap(repository, encoder, Clock.systemUTC(), "Boss", "");

        bootstrap.run(null);
        bootstrap.run(null);

        Matcher logged = LOGGED_PASSWORD.matcher(output.getAll());
        assertThat(logged.find()).as("password logged").isTrue();
        String password = logged.group(1);
        assertThat(logged.find()).as("logged a second time").isFalse();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        AppUser admin = repository.findByUsernameIgnoreCase("boss").orElseThrow();
        assertThat(admin.getRoles()).contains(Role.ADMIN, Role.USER);
        assertThat(encoder.matches(password, admin.getPasswordHash())).isTrue();
        assertThat(admin.isPasswordChangeRequired())
                .as("a logged password must be changed")
                .isTrue();
        assertThat(repository.count()).isEqualTo(1);
    }

    @Test
    void aConfiguredPasswordIsUsedAndNeverLogged(CapturedOutput output) {
        repository.deleteAll();
        new AdminBootstrap(repository, encoder, Clock.systemUTC(), "admin", "configured secret 42").run(null);

        assertThat(output.getAll()).doesNotContain("configured secret 42").doesNotContain("generated password");
        AppUser admin = repository.findByUsernameIgnoreCase("admin").orElseThrow();
        assertThat(encoder.matches("configured secret 42", admin.getPasswordHash()))
                .isTrue();
        assertThat(admin.isPasswordChangeRequired()).isFalse();
    }

    @Test
    void twoGeneratedPasswordsDiffer() {
        assertThat(AdminBootstrap.randomPassword()).isNotEqualTo(AdminBootstrap.randomPassword());
    }
}
