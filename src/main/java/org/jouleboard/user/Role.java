package org.jouleboard.user;

/** The two roles. Spring Security sees them as authorities ROLE_USER and ROLE_ADMIN. */
public enum Role {
    USER,
    ADMIN;

    /** For {@code @RolesAllowed}: annotation values must be constants. */
    public static final String ADMIN_NAME = "ADMIN";

    public String authority() {
        return "ROLE_" + name();
    }
}
