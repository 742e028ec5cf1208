package org.jouleboard.user;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jouleboard.audit.AuditKind;
import org.jouleboard.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens for scripts: made, listed and revoked by their owner (admins revoke anyone's). A token
 * stands for its owner's account as it is at each request, so it never carries more than the owner's role now.
 */
@Service
@Transactional
public class ApiTokenService {

    static final String PREFIX = "jb_";
    static final int MAX_TOKENS_PER_USER = 20;
    static final int MAX_NAME_LENGTH = 64;
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);
    static final Duration MAX_VALIDITY = Duration.ofDays(365);
    /** Writing "last used" on every call would turn each read into a write. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final AppUserRepository users;
    private final Clock clock;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    ApiTokenService(ApiTokenRepository tokens, AppUserRepository users, Clock clock, AuditLog audit) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
        this.audit = audit;
    }

    /** A new token for the caller, valid for {@code validFor} (null: 90 days; at most a year). */
    @PermitAll
    public NewApiToken create(@Nullable String name, @Nullable Duration validFor) {
        AppUser owner = caller();
        String shown = name == null ? "" : name.strip();
        if (shown.isEmpty() || shown.length() > MAX_NAME_LENGTH) {
            throw new UserException("A token needs a name of 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        Duration validity = validFor == null ? DEFAULT_VALIDITY : validFor;
        if (validity.compareTo(Duration.ofDays(1)) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new UserException("A token is valid for 1 to 365 days.");
        }
        if (tokens.countByOwnerIdAndRevokedAtIsNull(owner.getId()) >= MAX_TOKENS_PER_USER) {
            throw new UserException("You have " + MAX_TOKENS_PER_USER + " tokens already: revoke one first.");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        ApiToken stored = tokens.save(new ApiToken(owner, shown, hash(token), now, now.plus(validity)));
        audit.record(AuditKind.ACCOUNT, owner.getUsername(), "API token '" + shown + "' created");
        return new NewApiToken(stored.getId(), shown, token, now.plus(validity));
    }

    /** The caller's tokens that are not revoked (expired ones included, so their owner sees why a script fails). */
    @PermitAll
    @Transactional(readOnly = true)
    public List<ApiTokenInfo> mine() {
        return tokens.findByOwnerIdAndRevokedAtIsNullOrderByCreatedAtDesc(caller().getId()).stream()
                .map(ApiToken::toInfo)
                .toList();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional(readOnly = true)
    public List<ApiTokenInfo> all() {
        return tokens.findByRevokedAtIsNullOrderByCreatedAtDesc().stream()
                .map(ApiToken::toInfo)
                .toList();
    }

    /** Revokes one token: its owner's or, for admins, anyone's. */
    @PermitAll
    public void revoke(long tokenId) {
        ApiToken token = tokens.findById(tokenId).orElseThrow(() -> new UserException("No such token."));
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = caller != null
                && caller.getAuthorities().stream()
                        .anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
        if (caller == null
                || !(admin || caller.getName().equals(token.getOwner().getUsername()))) {
            throw new AccessDeniedException("Only the token's owner or an admin can revoke it.");
        }
        token.revoke(clock.instant());
        audit.record(
                AuditKind.ACCOUNT,
                token.getOwner().getUsername(),
                "API token '" + token.toInfo().name() + "' revoked");
    }

    /**
     * The name of the account a presented token stands for, if the token is known, not revoked and not expired.
     * Open to every caller: it is how an anonymous request becomes an authenticated one.
     */
    @PermitAll
    public Optional<String> ownerOf(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findByTokenHash(hash(presented))
                .filter(t -> t.validAt(now))
                .map(t -> {
                    if (t.getLastUsedAt() == null
                            || t.getLastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
                        t.usedAt(now);
                    }
                    return t.getOwner().getUsername();
                });
    }

    private AppUser caller() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new UserException("Not logged in.");
        }
        return users.findByUsernameIgnoreCase(auth.getName())
                .orElseThrow(() -> new UserException("Your account no longer exists."));
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
