package org.jouleboard.model;

import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jouleboard.audit.AuditKind;
import org.jouleboard.audit.AuditLog;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostService;
import org.jouleboard.inference.InferenceClient;
import org.jouleboard.user.Role;
import org.springframework.stereotype.Service;

/**
 * The models of each GPU host, as Ollama lists them and as admins curate them. A model Ollama stops listing
 * is marked missing, never deleted: finished runs keep pointing at it.
 */
@Service
public class ModelCatalog {

    static final int MAX_DISPLAY_NAME = 255;
    public static final int MAX_NOTES = 2000;

    private final HostService hosts;
    private final CatalogStore store;
    private final Clock clock;
    private final AuditLog audit;
    private final InferenceClient inference;
    /** One sync per host at a time: two at once would both insert the same new models. */
    private final Map<String, Object> syncLocks = new ConcurrentHashMap<>();

    ModelCatalog(HostService hosts, CatalogStore store, Clock clock, AuditLog audit, InferenceClient inference) {
        this.hosts = hosts;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.inference = inference;
    }

    /** Reads the host's models from Ollama (/api/tags, then /api/show each) and stores what changed. */
    public SyncResult sync(String hostName) {
        GpuHost host = hosts.require(hostName);
        synchronized (syncLocks.computeIfAbsent(host.name(), name -> new Object())) {
            List<OllamaAdminApi.ModelDetails> listed = OllamaAdminApi.installedModels(host.ollamaUrl());
            // A model may have been replaced under its name since runs last checked it.
            inference.forgetCapabilities(host.ollamaUrl());
            // The database keeps microseconds; truncate so the result equals what is stored.
            return store.apply(
                    host.name(), host.simulated(), listed, clock.instant().truncatedTo(ChronoUnit.MICROS));
        }
    }

    /** All models of the host, also disabled and missing ones (for admins). */
    public List<ModelInfo> models(String hostName) {
        return store.list(hostName);
    }

    /** The models users may choose: enabled and still installed. */
    public List<ModelInfo> availableModels(String hostName) {
        return store.list(hostName).stream().filter(ModelInfo::available).toList();
    }

    public Optional<ModelInfo> find(String hostName, String modelName) {
        return store.list(hostName).stream()
                .filter(model -> model.name().equals(modelName))
                .findFirst();
    }

    /** When the host's catalog was last synced; empty if never. */
    public Optional<Instant> lastSync(String hostName) {
        return store.lastSync(hostName);
    }

    /**
     * Pulls a model onto the host, reporting each progress line as Ollama sends it (on the calling thread), then
     * syncs the catalog. Blocks for the whole download: call it from a background thread. To cancel, let
     * {@code progress} throw a {@link java.util.concurrent.CancellationException}: it propagates at the next
     * progress line, and closing the stream makes Ollama stop the download.
     */
    @RolesAllowed(Role.ADMIN_NAME)
    public ModelInfo pull(String hostName, String modelName, Consumer<PullProgress> progress) {
        GpuHost host = hosts.require(hostName);
        OllamaAdminApi.pull(host.ollamaUrl(), requireName(modelName), progress);
        audit.record(AuditKind.MODEL, hostName + "/" + modelName.strip(), "pulled");
        sync(hostName);
        return find(hostName, modelName)
                .or(() -> find(hostName, modelName + ":latest"))
                .orElseThrow(
                        () -> new CatalogException("Ollama reported success but does not list '" + modelName + "'."));
    }

    /**
     * The names of the models the host's Ollama holds in memory now ({@code /api/ps}).
     *
     * @throws CatalogException when Ollama cannot be asked within {@code timeout}
     */
    @RolesAllowed(Role.ADMIN_NAME)
    public Set<String> loadedModels(String hostName, Duration timeout) {
        return OllamaAdminApi.loadedModels(hosts.require(hostName).ollamaUrl(), timeout);
    }

    /**
     * Asks the host's Ollama for its version and model list, for "Test connection". Only configured hosts are
     * asked, and only by admins.
     *
     * @throws CatalogException with the reason when Ollama cannot be asked within {@code timeout}
     */
    @RolesAllowed(Role.ADMIN_NAME)
    public OllamaStatus ollamaStatus(String hostName, Duration timeout) {
        return OllamaAdminApi.status(hosts.require(hostName).ollamaUrl(), timeout);
    }

    /** Deletes the model from the host's disk; the catalog keeps it, marked missing. */
    @RolesAllowed(Role.ADMIN_NAME)
    public void delete(String hostName, String modelName) {
        GpuHost host = hosts.require(hostName);
        OllamaAdminApi.delete(host.ollamaUrl(), requireName(modelName));
        inference.forgetCapabilities(host.ollamaUrl());
        store.markMissing(hostName, modelName);
        audit.record(AuditKind.MODEL, hostName + "/" + modelName.strip(), "deleted from the host");
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public ModelInfo setEnabled(long modelId, boolean enabled) {
        return audited(store.setEnabled(modelId, enabled), enabled ? "enabled for users" : "disabled for users");
    }

    /** Sets the name users see; blank goes back to the Ollama name. */
    @RolesAllowed(Role.ADMIN_NAME)
    public ModelInfo setDisplayName(long modelId, String displayName) {
        String shown = displayName == null || displayName.isBlank() ? null : displayName.strip();
        if (shown != null && shown.length() > MAX_DISPLAY_NAME) {
            throw new CatalogException("A display name can have at most " + MAX_DISPLAY_NAME + " characters.");
        }
        return audited(
                store.setDisplayName(modelId, shown),
                shown == null ? "display name removed" : "display name set to '" + shown + "'");
    }

    /** Admins' notes on a model, shown beside it on the Models page; blank removes them. */
    @RolesAllowed(Role.ADMIN_NAME)
    public ModelInfo setNotes(long modelId, String notes) {
        String kept = notes == null || notes.isBlank() ? null : notes.strip();
        if (kept != null && kept.length() > MAX_NOTES) {
            throw new CatalogException("Notes can have at most " + MAX_NOTES + " characters.");
        }
        return audited(store.setNotes(modelId, kept), kept == null ? "notes removed" : "notes changed");
    }

    private ModelInfo audited(ModelInfo model, String what) {
        audit.record(AuditKind.MODEL, model.hostName() + "/" + model.name(), what);
        return model;
    }

    private static String requireName(String modelName) {
        if (modelName == null || modelName.isBlank()) {
            throw new CatalogException("Give the model's name, e.g. qwen3:8b.");
        }
        return modelName.strip();
    }
}
