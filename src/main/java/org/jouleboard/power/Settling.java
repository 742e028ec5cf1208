package org.jouleboard.power;

import java.time.Duration;

/**
 * Whether a host's GPU power had settled (stayed within a band for a hold time) before a baseline or an answer,
 * and how long that took; {@code note} says what was seen, in plain words.
 */
public record Settling(boolean settled, Duration waited, String note) {}
