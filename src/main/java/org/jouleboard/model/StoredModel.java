package org.jouleboard.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "catalog_model")
class StoredModel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "host_name", nullable = false)
    private String hostName;

    @Column(nullable = false)
    private String name;

    @Column(name = "display_name")
    private @Nullable String displayName;

    private @Nullable String family;

    @Column(name = "parameter_size")
    private @Nullable String parameterSize;

    private @Nullable String quantization;

    @Column(name = "context_length")
    private @Nullable Integer contextLength;

    /** Comma-separated, sorted. */
    @Column(nullable = false)
    private String capabilities = "";

    @Column(name = "size_bytes")
    private @Nullable Long sizeBytes;

    private @Nullable String digest;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(nullable = false)
    private boolean missing;

    @Column(nullable = false)
    private boolean simulated;

    private @Nullable String notes;

    @Column(name = "first_seen_at", nullable = false)
    private Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    protected StoredModel() {}

    StoredModel(String hostName, String name, boolean simulated, Instant seenAt) {
        this.hostName = hostName;
        this.name = name;
        this.simulated = simulated;
        this.firstSeenAt = seenAt;
        this.lastSeenAt = seenAt;
    }

    /** Ollama listed it again: refresh what it reports and clear the missing mark. */
    void seen(OllamaAdminApi.ModelDetails details, Instant at) {
        family = details.family();
        parameterSize = details.parameterSize();
        quantization = details.quantization();
        contextLength = details.contextLength();
        capabilities = new TreeSet<>(details.capabilities()).stream().collect(Collectors.joining(","));
        sizeBytes = details.sizeBytes();
        digest = details.digest();
        missing = false;
        lastSeenAt = at;
    }

    void markMissing() {
        missing = true;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void setDisplayName(@Nullable String displayName) {
        this.displayName = displayName;
    }

    void setNotes(@Nullable String notes) {
        this.notes = notes;
    }

    String getName() {
        return name;
    }

    boolean isMissing() {
        return missing;
    }

    ModelInfo toInfo() {
        Set<String> capabilitySet =
                capabilities.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(capabilities.split(",")));
        return new ModelInfo(
                java.util.Objects.requireNonNull(id, "not stored yet"),
                hostName,
                name,
                displayName != null ? displayName : name,
                family,
                parameterSize,
                quantization,
                contextLength,
                capabilitySet,
                sizeBytes,
                digest,
                enabled,
                missing,
                simulated,
                lastSeenAt,
                notes);
    }
}
