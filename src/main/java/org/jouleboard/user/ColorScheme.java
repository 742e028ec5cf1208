package org.jouleboard.user;

/** The light/dark choice a user makes in the layout; remembered per account. */
public enum ColorScheme {
    LIGHT,
    DARK
}
