package org.jouleboard.model;

import java.time.Instant;

/** What one catalog sync found: models listed by Ollama, new ones, and ones that vanished since last time. */
public record SyncResult(String hostName, Instant syncedAt, int listed, int added, int nowMissing) {}
