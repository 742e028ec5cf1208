package org.jouleboard.base;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who sees a run's text ({@code jouleboard.privacy}). {@code owner} (the default): a run's prompt, thinking and
 * answer, and its experiment's title (by default the start of the first prompt), are shown only to its owner and to
 * admins; everyone else signed in sees its model, status, timings, energy and power. {@code team}: everyone signed
 * in sees every run's text. Services apply this, so no view or API can show more than it allows.
 */
@Component
public class RunPrivacy {

    public enum Mode {
        TEAM,
        OWNER
    }

    /** Shown wherever text is withheld, so that an empty field is not mistaken for an empty answer. */
    public static final String WITHHELD = "Only its owner and admins see this run's text (jouleboard.privacy: owner).";

    private final Mode mode;

    public RunPrivacy(@Value("${jouleboard.privacy:owner}") String mode) {
        this.mode = parse(mode);
    }

    public Mode mode() {
        return mode;
    }

    /** Whether {@code viewer} may read the text of a run owned by {@code owner}; nobody signed in sees nothing. */
    public boolean showsText(@Nullable Authentication viewer, String owner) {
        if (viewer == null || !viewer.isAuthenticated()) {
            return false;
        }
        return mode == Mode.TEAM || Caller.isOwnerOrAdmin(viewer, owner);
    }

    /** The same, for the caller of the current thread. */
    public boolean showsText(String owner) {
        return showsText(Caller.current(), owner);
    }

    private static Mode parse(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        try {
            return Mode.valueOf(v.isEmpty() ? "OWNER" : v);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("jouleboard.privacy is 'team' or 'owner', not '" + value + "'.");
        }
    }
}
