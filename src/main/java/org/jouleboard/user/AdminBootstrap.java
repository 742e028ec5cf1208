package org.jouleboard.user;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first admin on a start with no users. No password is ever shipped: without a configured one
 * a strong random password is generated and logged this once.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final String username;
    private final String configuredPassword;

    AdminBootstrap(
            AppUserRepository users,
            PasswordEncoder passwordEncoder,
            Clock clock,
            @Value("${jouleboard.admin.username:admin}") String username,
            @Value("${jouleboard.admin.password:}") String configuredPassword) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.username = username;
        this.configuredPassword = configuredPassword;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String name = UserService.normalizeUsername(username);
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? randomPassword() : configuredPassword;
        UserService.checkPassword(password);
        AppUser admin = new AppUser(
                name,
                "Administrator",
                java.util.Objects.requireNonNull(passwordEncoder.encode(password)),
                EnumSet.of(Role.USER, Role.ADMIN),
                clock.instant());
        // A password that went through a log file is not a secret any more.
        admin.setPasswordChangeRequired(generated);
        users.save(admin);
        if (generated) {
            log.warn("""

                    ================================================================
                    Created the first admin account '{}' with the generated password:
                        {}
                    It is shown only this once and must be changed at the first login.
                    ================================================================""", name, password);
        } else {
            log.info("Created the first admin account '{}' with the configured password.", name);
        }
    }

    static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
