package org.jouleboard.host;

import java.time.Duration;
import org.jouleboard.host.HostProperties.PowerSourceKind;

/**
 * Host drafts for tests without eleven positional arguments: start from a power source, change what the test is
 * about. The starting point is a valid draft (100 ms samples, 50 ms for simulated power, global baseline and
 * cool-down, no notes).
 */
public final class HostDrafts {

    private String name;
    private String ollamaUrl;
    private PowerSourceKind source;
    private String nvmlLibrary;
    private String gpus;
    private String zeusdUrl;
    private String dcgmUrl;
    private Duration sampleInterval = Duration.ofMillis(100);
    private Duration baseline;
    private Duration cooldown;
    private String notes;

    private HostDrafts(String name, String ollamaUrl, PowerSourceKind source) {
        this.name = name;
        this.ollamaUrl = ollamaUrl;
        this.source = source;
    }

    /** Simulated power on the built-in fake Ollama (no URL). */
    public static HostDrafts simulated(String name) {
        return new HostDrafts(name, null, PowerSourceKind.SIMULATED).sampleInterval(Duration.ofMillis(50));
    }

    public static HostDrafts nvml(String name, String ollamaUrl) {
        return new HostDrafts(name, ollamaUrl, PowerSourceKind.NVML);
    }

    /** An Ollama without a power source. */
    public static HostDrafts unmeasured(String name, String ollamaUrl) {
        return new HostDrafts(name, ollamaUrl, PowerSourceKind.NONE);
    }

    public static HostDrafts of(String name, String ollamaUrl, PowerSourceKind source) {
        return new HostDrafts(name, ollamaUrl, source);
    }

    public HostDrafts ollamaUrl(String value) {
        ollamaUrl = value;
        return this;
    }

    public HostDrafts nvmlLibrary(String value) {
        nvmlLibrary = value;
        return this;
    }

    public HostDrafts gpus(String value) {
        gpus = value;
        return this;
    }

    public HostDrafts zeusdUrl(String value) {
        zeusdUrl = value;
        return this;
    }

    public HostDrafts dcgmUrl(String value) {
        dcgmUrl = value;
        return this;
    }

    public HostDrafts sampleInterval(Duration value) {
        sampleInterval = value;
        return this;
    }

    public HostDrafts baseline(Duration value) {
        baseline = value;
        return this;
    }

    public HostDrafts cooldown(Duration value) {
        cooldown = value;
        return this;
    }

    public HostDrafts notes(String value) {
        notes = value;
        return this;
    }

    public HostDraft build() {
        return new HostDraft(
                name,
                ollamaUrl,
                source,
                nvmlLibrary,
                gpus,
                zeusdUrl,
                dcgmUrl,
                sampleInterval,
                baseline,
                cooldown,
                notes);
    }
}
