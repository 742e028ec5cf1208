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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jouleboard.host.HostProperties.PowerSourceKind;

/** A host an admin added in the browser. */
@Entity
@Table(name = "gpu_host")
class StoredHost {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "ollama_url")
    private String ollamaUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "power_source", nullable = false)
    private PowerSourceKind powerSource;

    @Column(name = "nvml_library")
    private String nvmlLibrary;

    private String gpus;

    @Column(name = "zeusd_url")
    private String zeusdUrl;

    @Column(name = "dcgm_url")
    private String dcgmUrl;

    @Column(name = "sample_interval_ms", nullable = false)
    private int sampleIntervalMs;

    @Column(name = "baseline_ms")
    private Integer baselineMs;

    @Column(name = "cooldown_ms")
    private Integer cooldownMs;

    private String notes;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Version
    private int version;

    protected StoredHost() {}

    StoredHost(String name, String createdBy, Instant at) {
        this.name = name;
        this.createdBy = createdBy;
        this.createdAt = at;
    }

    /** Takes every field but the name, which runs refer to and which therefore never changes. */
    void apply(HostDraft draft, Instant at) {
        ollamaUrl = draft.simulated() || HostDraft.blank(draft.ollamaUrl())
                ? null
                : draft.ollamaUrl().strip();
        powerSource = draft.source();
        nvmlLibrary = draft.source() == PowerSourceKind.NVML && !HostDraft.blank(draft.nvmlLibrary())
                ? draft.nvmlLibrary().strip()
                : null;
        gpus = draft.gpuSpec().text();
        zeusdUrl = draft.source() == PowerSourceKind.ZEUSD ? draft.zeusdUrl().strip() : null;
        dcgmUrl = draft.source() == PowerSourceKind.DCGM ? draft.dcgmUrl().strip() : null;
        sampleIntervalMs = Math.toIntExact(draft.sampleInterval().toMillis());
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

    /** The simulated host's URL is the in-process fake's, which only the caller knows. */
    GpuHost toHost(java.net.URI simulatedUrl) {
        HostDraft draft = toDraft();
        HostProperties.Power power = new HostProperties.Power(
                powerSource,
                nvmlLibrary,
                gpus == null ? null : List.of(gpus.split(",")),
                HostDraft.uri(zeusdUrl),
                HostDraft.uri(dcgmUrl),
                Duration.ofMillis(sampleIntervalMs));
        boolean simulated = powerSource == PowerSourceKind.SIMULATED;
        return new GpuHost(
                name,
                simulated ? simulatedUrl : HostDraft.uri(ollamaUrl),
                simulated,
                power,
                duration(baselineMs),
                duration(cooldownMs),
                notes,
                false);
    }

    private static Integer millis(Duration duration) {
        return duration == null ? null : Math.toIntExact(duration.toMillis());
    }

    private static Duration duration(Integer millis) {
        return millis == null ? null : Duration.ofMillis(millis);
    }
}
