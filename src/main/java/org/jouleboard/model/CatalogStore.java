package org.jouleboard.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The catalog's transactions, kept apart from the HTTP calls to Ollama so no transaction waits on the network. */
@Component
@Transactional
class CatalogStore {

    private final StoredModelRepository models;
    private final CatalogSyncRepository syncs;

    CatalogStore(StoredModelRepository models, CatalogSyncRepository syncs) {
        this.models = models;
        this.syncs = syncs;
    }

    SyncResult apply(String hostName, boolean simulated, List<OllamaAdminApi.ModelDetails> listed, Instant now) {
        Map<String, StoredModel> known = new HashMap<>();
        models.findByHostNameOrderByNameAsc(hostName).forEach(model -> known.put(model.getName(), model));
        int added = 0;
        for (OllamaAdminApi.ModelDetails details : listed) {
            StoredModel model = known.remove(details.name());
            if (model == null) {
                model = models.save(new StoredModel(hostName, details.name(), simulated, now));
                added++;
            }
            model.seen(details, now);
        }
        int nowMissing = 0;
        for (StoredModel gone : known.values()) {
            if (!gone.isMissing()) {
                gone.markMissing();
                nowMissing++;
            }
        }
        syncs.findById(hostName)
                .ifPresentOrElse(sync -> sync.synced(now), () -> syncs.save(new CatalogSync(hostName, now)));
        return new SyncResult(hostName, now, listed.size(), added, nowMissing);
    }

    void markMissing(String hostName, String modelName) {
        models.findByHostNameOrderByNameAsc(hostName).stream()
                .filter(m -> m.getName().equals(modelName))
                .forEach(StoredModel::markMissing);
    }

    @Transactional(readOnly = true)
    List<ModelInfo> list(String hostName) {
        return models.findByHostNameOrderByNameAsc(hostName).stream()
                .map(StoredModel::toInfo)
                .toList();
    }

    @Transactional(readOnly = true)
    Optional<Instant> lastSync(String hostName) {
        return syncs.findById(hostName).map(CatalogSync::getLastSyncAt);
    }

    ModelInfo setEnabled(long id, boolean enabled) {
        StoredModel model = find(id);
        model.setEnabled(enabled);
        return model.toInfo();
    }

    ModelInfo setDisplayName(long id, @Nullable String displayName) {
        StoredModel model = find(id);
        model.setDisplayName(displayName);
        return model.toInfo();
    }

    ModelInfo setNotes(long id, @Nullable String notes) {
        StoredModel model = find(id);
        model.setNotes(notes);
        return model.toInfo();
    }

    private StoredModel find(long id) {
        return models.findById(id).orElseThrow(() -> new CatalogException("There is no model with id " + id + "."));
    }
}
