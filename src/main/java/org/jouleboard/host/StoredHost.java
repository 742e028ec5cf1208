package org.jouleboard.host;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jspecify.annotations.Nullable;

/** A host an admin added in the browser. */
@Entity
@Table(name = "gpu_host")
class StoredHost {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "ollama_url")
    private @Nullable String ollamaUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "power_source", nullable = false)
    private PowerSourceKind powerSource;

    @Column(name = "nvml_library")
    private @Nullable String nvmlLibrary;

    private @Nullable String gpus;

    @Column(name = "zeusd_url")
    private @Nullable String zeusdUrl;

    @Column(name = "dcgm_url")
    private @Nullable String dcgmUrl;

    @Column(name = "sample_interval_ms", nullable = false)
    private int sampleIntervalMs;

    @Column(name = "baseline_ms")
    private @Nullable Integer baselineMs;

    @Column(name = "cooldown_ms")
    private @Nullable Integer cooldownMs;

    private @Nullable String notes;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "retired_at")
    private @Nullable Instant retiredAt;

    @Version
    private int version;

    protected StoredHost() {}

    /** From a draft without {@link HostDraft#problems()}: its name, source and sample interval are set. */
    StoredHost(HostDraft draft, String createdBy, Instant at) {
        this.name = Objects.requireNonNull(draft.name(), "a valid draft has a name");
        this.createdBy = createdBy;
        this.createdAt = at;
        take(draft, at);
    }

    /** Takes every field but the name, which runs refer to and which therefore never changes. */
    void apply(HostDraft draft, Instant at) {
        take(draft, at);
    }

    /** The fields of a draft without {@link HostDraft#problems()}, which names what is missing. */
    private void take(HostDraft draft, Instant at) {
        ollamaUrl = draft.simulated() || HostDraft.blank(draft.ollamaUrl())
                ? null
                : draft.ollamaUrl().strip();
        powerSource = Objects.requireNonNull(draft.source(), "a valid draft has a power source");
        nvmlLibrary = draft.source() == PowerSourceKind.NVML && !HostDraft.blank(draft.nvmlLibrary())
                ? draft.nvmlLibrary().strip()
                : null;
        gpus = draft.gpuSpec().text();
        zeusdUrl = draft.source() == PowerSourceKind.ZEUSD
                ? Objects.requireNonNull(draft.zeusdUrl(), "a valid zeusd draft has its URL")
                        .strip()
                : null;
        dcgmUrl = draft.source() == PowerSourceKind.DCGM
                ? Objects.requireNonNull(draft.dcgmUrl(), "a valid DCGM draft has its URL")
                        .strip()
                : null;
        sampleIntervalMs =
                Math.toIntExact(Objects.requireNonNull(draft.sampleInterval(), "a valid draft has a sample interval")
                        .toMillis());
        baselineMs = millis(draft.baseline());
        cooldownMs = millis(draft.cooldown());
        notes = HostDraft.blank(draft.notes()) ? null : draft.notes().strip();
        updatedAt = at;
    }

    void retire(Instant at) {
        retiredAt = at;
    }

    String name() {
        return name;
    }

    boolean retired() {
        return retiredAt != null;
    }

    HostDraft toDraft() {
        return new HostDraft(
                name,
                ollamaUrl,
                powerSource,
                nvmlLibrary,
                gpus,
                zeusdUrl,
                dcgmUrl,
                Duration.ofMillis(sampleIntervalMs),
                duration(baselineMs),
                duration(cooldownMs),
                notes);
    }

    /**
     * The simulated host's URL is the in-process fake's, which only the caller knows (asked only for a simulated
     * host: asking starts the fake). Any other stored host has its own: {@link HostDraft#problems()} requires it.
     */
    GpuHost toHost(Supplier<URI> simulatedUrl) {
        return new GpuHost(
                name,
                simulated()
                        ? simulatedUrl.get()
                        : Objects.requireNonNull(HostDraft.uri(ollamaUrl), "a real host has an Ollama URL"),
                simulated(),
                power(),
                duration(baselineMs),
                duration(cooldownMs),
                notes,
                false);
    }

    boolean simulated() {
        return powerSource == PowerSourceKind.SIMULATED;
    }

    HostProperties.Power power() {
        return new HostProperties.Power(
                powerSource,
                nvmlLibrary,
                gpus == null ? null : List.of(gpus.split(",")),
                HostDraft.uri(zeusdUrl),
                HostDraft.uri(dcgmUrl),
                Duration.ofMillis(sampleIntervalMs));
    }

    private static @Nullable Integer millis(@Nullable Duration duration) {
        return duration == null ? null : Math.toIntExact(duration.toMillis());
    }

    private static @Nullable Duration duration(@Nullable Integer millis) {
        return millis == null ? null : Duration.ofMillis(millis);
    }
}
