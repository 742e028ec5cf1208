package org.jouleboard.user;

import java.time.Instant;

/** A token just made: the only time its secret is shown. */
public record NewApiToken(long id, String name, String token, Instant expiresAt) {}
