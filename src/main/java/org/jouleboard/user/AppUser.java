package org.jouleboard.user;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "app_user")
class AppUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(nullable = false, unique = true)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Convert(converter = RolesConverter.class)
    @Column(nullable = false)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @Column(nullable = false)
    private boolean enabled = true;

    @Enumerated(EnumType.STRING)
    @Column(name = "color_scheme", nullable = false)
    private ColorScheme colorScheme = ColorScheme.LIGHT;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "password_change_required", nullable = false)
    private boolean passwordChangeRequired;

    protected AppUser() {}

    AppUser(String username, String displayName, String passwordHash, Set<Role> roles, Instant createdAt) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.roles = EnumSet.copyOf(roles);
        this.createdAt = createdAt;
    }

    UserAccount toAccount() {
        return new UserAccount(
                java.util.Objects.requireNonNull(id, "not stored yet"),
                username,
                displayName,
                Set.copyOf(roles),
                enabled,
                colorScheme,
                createdAt,
                passwordChangeRequired);
    }

    Long getId() {
        return java.util.Objects.requireNonNull(id, "not stored yet");
    }

    String getUsername() {
        return username;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    Set<Role> getRoles() {
        return EnumSet.copyOf(roles);
    }

    boolean isEnabled() {
        return enabled;
    }

    boolean isPasswordChangeRequired() {
        return passwordChangeRequired;
    }

    void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    void setRoles(Set<Role> roles) {
        this.roles = EnumSet.copyOf(roles);
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void setPasswordChangeRequired(boolean required) {
        this.passwordChangeRequired = required;
    }

    void setColorScheme(ColorScheme colorScheme) {
        this.colorScheme = colorScheme;
    }
}
