package org.jouleboard.user;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: admins manage them, everyone manages their own password and colour scheme. */
@Service
@Transactional
public class UserService {

    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    UserService(AppUserRepository users, PasswordEncoder passwordEncoder, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional(readOnly = true)
    public List<UserAccount> listUsers() {
        return users.findAllByOrderByUsernameAsc().stream().map(AppUser::toAccount).toList();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public UserAccount createUser(String username, String displayName, String initialPassword, Set<Role> roles) {
        String name = normalizeUsername(username);
        if (users.findByUsernameIgnoreCase(name).isPresent()) {
            throw new UserException("The username '" + name + "' is already taken.");
        }
        checkPassword(initialPassword);
        checkRoles(roles);
        String shownName = displayName == null || displayName.isBlank() ? name : displayName.strip();
        if (shownName.length() > 128) {
            throw new UserException("The display name can have at most 128 characters.");
        }
        AppUser user = new AppUser(name, shownName, passwordEncoder.encode(initialPassword), roles, clock.instant());
        return users.save(user).toAccount();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public UserAccount setEnabled(long userId, boolean enabled) {
        AppUser user = find(userId);
        if (!enabled && user.getRoles().contains(Role.ADMIN)) {
            requireAnotherActiveAdmin(user);
        }
        user.setEnabled(enabled);
        return user.toAccount();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public UserAccount changeRoles(long userId, Set<Role> roles) {
        checkRoles(roles);
        AppUser user = find(userId);
        if (!roles.contains(Role.ADMIN) && user.getRoles().contains(Role.ADMIN) && user.isEnabled()) {
            requireAnotherActiveAdmin(user);
        }
        user.setRoles(roles);
        return user.toAccount();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public void resetPassword(long userId, String newPassword) {
        checkPassword(newPassword);
        find(userId).setPasswordHash(passwordEncoder.encode(newPassword));
    }

    @PermitAll
    public void changeOwnPassword(String currentPassword, String newPassword) {
        AppUser me = currentUser();
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, me.getPasswordHash())) {
            throw new UserException("The current password is not correct.");
        }
        checkPassword(newPassword);
        if (passwordEncoder.matches(newPassword, me.getPasswordHash())) {
            throw new UserException("The new password must differ from the current one.");
        }
        me.setPasswordHash(passwordEncoder.encode(newPassword));
    }

    @PermitAll
    @Transactional(readOnly = true)
    public UserAccount me() {
        return currentUser().toAccount();
    }

    @PermitAll
    public void setOwnColorScheme(ColorScheme scheme) {
        currentUser().setColorScheme(scheme);
    }

    private AppUser currentUser() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new UserException("Not logged in.");
        }
        return users.findByUsernameIgnoreCase(auth.getName())
                .orElseThrow(() -> new UserException("Your account no longer exists."));
    }

    private AppUser find(long userId) {
        return users.findById(userId).orElseThrow(() -> new UserException("No such user."));
    }

    private void requireAnotherActiveAdmin(AppUser user) {
        boolean another = users.findAll().stream().anyMatch(u -> !u.getId().equals(user.getId())
                && u.isEnabled() && u.getRoles().contains(Role.ADMIN));
        if (!another) {
            throw new UserException("'" + user.getUsername() + "' is the last active admin; make someone else"
                    + " an admin first.");
        }
    }

    static String normalizeUsername(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new UserException("A username has 2 to 64 characters: letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit.");
        }
        return name;
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new UserException("A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.length() > 128) {
            throw new UserException("A password can have at most 128 characters.");
        }
        if (password.isBlank()) {
            throw new UserException("A password cannot be only spaces.");
        }
    }

    private static void checkRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new UserException("Choose at least one role.");
        }
        // An admin is always a user too, so that every view for users stays open to admins.
        if (roles.contains(Role.ADMIN) && !roles.contains(Role.USER)) {
            throw new UserException("An admin must also have the USER role.");
        }
    }
}
