package org.jouleboard.user;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jouleboard.audit.AuditKind;
import org.jouleboard.audit.AuditLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts: admins manage them, everyone manages their own password and colour scheme. Every change is audited;
 * disabling, a role change and a password change or reset end the account's other sessions at once
 * ({@link AccessChanged}).
 */
@Service
@Transactional
public class UserService {

    static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads only the first 72 bytes: a longer password would be cut without anyone knowing. */
    static final int MAX_PASSWORD_BYTES = 72;
    /**
     * The authority of a session whose password must be changed before anything else (a generated first-admin
     * password): views send it to the account page, the API answers 403.
     */
    public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final AuditLog audit;
    private final AccountLocks locks;
    private final ApplicationEventPublisher events;

    UserService(
            AppUserRepository users,
            PasswordEncoder passwordEncoder,
            Clock clock,
            AuditLog audit,
            AccountLocks locks,
            ApplicationEventPublisher events) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.audit = audit;
        this.locks = locks;
        this.events = events;
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional(readOnly = true)
    public List<UserAccount> listUsers() {
        return users.findAllByOrderByUsernameAsc().stream()
                .map(AppUser::toAccount)
                .toList();
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
        AppUser user = new AppUser(
                name,
                shownName,
                java.util.Objects.requireNonNull(passwordEncoder.encode(initialPassword)),
                roles,
                clock.instant());
        UserAccount created = users.save(user).toAccount();
        audit.record(AuditKind.ACCOUNT, name, "created with roles " + rolesText(roles));
        return created;
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public UserAccount setEnabled(long userId, boolean enabled) {
        AppUser user = find(userId);
        if (!enabled && user.getRoles().contains(Role.ADMIN)) {
            requireAnotherActiveAdmin(user);
        }
        boolean was = user.isEnabled();
        user.setEnabled(enabled);
        if (was != enabled) {
            audit.record(AuditKind.ACCOUNT, user.getUsername(), enabled ? "enabled" : "disabled");
            if (!enabled) {
                events.publishEvent(new AccessChanged(user.getUsername(), false, "disabled"));
            }
        }
        return user.toAccount();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public UserAccount changeRoles(long userId, Set<Role> roles) {
        checkRoles(roles);
        AppUser user = find(userId);
        if (!roles.contains(Role.ADMIN) && user.getRoles().contains(Role.ADMIN) && user.isEnabled()) {
            requireAnotherActiveAdmin(user);
        }
        Set<Role> before = user.getRoles();
        user.setRoles(roles);
        if (!before.equals(user.getRoles())) {
            audit.record(AuditKind.ROLES, user.getUsername(), rolesText(before) + " -> " + rolesText(roles));
            events.publishEvent(new AccessChanged(user.getUsername(), false, "roles changed"));
        }
        return user.toAccount();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public void resetPassword(long userId, String newPassword) {
        checkPassword(newPassword);
        AppUser user = find(userId);
        user.setPasswordHash(java.util.Objects.requireNonNull(passwordEncoder.encode(newPassword)));
        audit.record(AuditKind.PASSWORD, user.getUsername(), "reset by an admin");
        events.publishEvent(new AccessChanged(user.getUsername(), false, "password reset"));
    }

    /** Whether the account is locked after failed sign-ins from several addresses. */
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional(readOnly = true)
    public boolean isLocked(long userId) {
        return locks.isLocked(find(userId).getUsername());
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public void unlock(long userId) {
        AppUser user = find(userId);
        if (!locks.unlock(user.getUsername())) {
            throw new UserException("'" + user.getUsername() + "' is not locked.");
        }
        audit.record(AuditKind.UNLOCKED, user.getUsername(), "unlocked by an admin");
    }

    /**
     * A wrong current password counts as a failed sign-in, so the page cannot be used to guess it. The session
     * it is done in stays; the account's other sessions end.
     */
    @PermitAll
    @Transactional(noRollbackFor = UserException.class) // keeps the audit line of a wrong current password
    public void changeOwnPassword(String currentPassword, String newPassword) {
        AppUser me = currentUser();
        if (currentPassword == null
                || tooLong(currentPassword)
                || !passwordEncoder.matches(currentPassword, me.getPasswordHash())) {
            locks.recordWrongPassword(me.getUsername());
            throw new UserException("The current password is not correct.");
        }
        checkPassword(newPassword);
        if (passwordEncoder.matches(newPassword, me.getPasswordHash())) {
            throw new UserException("The new password must differ from the current one.");
        }
        me.setPasswordHash(java.util.Objects.requireNonNull(passwordEncoder.encode(newPassword)));
        me.setPasswordChangeRequired(false);
        dropChangeRequiredFromSession();
        audit.record(AuditKind.PASSWORD, me.getUsername(), "changed by its owner");
        events.publishEvent(new AccessChanged(me.getUsername(), true, "password changed"));
    }

    /** The session that just changed the password may now go anywhere. */
    private static void dropChangeRequiredFromSession() {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null
                || current.getAuthorities().stream()
                        .noneMatch(a -> PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()))) {
            return;
        }
        List<GrantedAuthority> kept = current.getAuthorities().stream()
                .filter(a -> !PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()))
                .map(a -> (GrantedAuthority) a)
                .toList();
        UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(
                java.util.Objects.requireNonNull(current.getPrincipal()), null, kept);
        fresh.setDetails(current.getDetails());
        SecurityContextHolder.getContext().setAuthentication(fresh);
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
        boolean another = users.findAll().stream()
                .anyMatch(u -> !u.getId().equals(user.getId())
                        && u.isEnabled()
                        && u.getRoles().contains(Role.ADMIN));
        if (!another) {
            throw new UserException(
                    "'" + user.getUsername() + "' is the last active admin; make someone else" + " an admin first.");
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
        if (tooLong(password)) {
            throw new UserException("A password can have at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8 (the"
                    + " limit of bcrypt, which stores it): 72 plain letters and digits, fewer accented letters,"
                    + " symbols or emoji.");
        }
        if (password.isBlank()) {
            throw new UserException("A password cannot be only spaces.");
        }
    }

    private static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
    }

    private static String rolesText(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(java.util.stream.Collectors.joining(","));
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
