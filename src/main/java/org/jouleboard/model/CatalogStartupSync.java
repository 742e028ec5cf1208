package org.jouleboard.model;

import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostChanged;
import org.jouleboard.host.HostService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Syncs every host's catalog once after start, in the background, so a fresh install shows its models. */
@Component
class CatalogStartupSync {

    private static final Logger log = LoggerFactory.getLogger(CatalogStartupSync.class);

    private final HostService hosts;
    private final ModelCatalog catalog;
    private final boolean enabled;

    CatalogStartupSync(
            HostService hosts,
            ModelCatalog catalog,
            @Value("${jouleboard.catalog.sync-on-start:true}") boolean enabled) {
        this.hosts = hosts;
        this.catalog = catalog;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void syncAll() {
        if (!enabled) {
            return;
        }
        Thread.ofVirtual()
                .name("catalog-startup-sync")
                .start(() -> hosts.hosts().forEach(this::sync));
    }

    /** A host an admin just added or pointed elsewhere: users should find its models without a manual sync. */
    @EventListener
    void on(HostChanged event) {
        if (event.change() == HostChanged.Change.REMOVED) {
            return;
        }
        Thread.ofVirtual()
                .name("catalog-sync-" + event.name())
                .start(() -> hosts.find(event.name()).ifPresent(this::sync));
    }

    private void sync(GpuHost host) {
        try {
            SyncResult result = catalog.sync(host.name());
            log.info(
                    "Model catalog of {}: {} models, {} new, {} now missing",
                    host.label(),
                    result.listed(),
                    result.added(),
                    result.nowMissing());
        } catch (RuntimeException e) {
            log.warn("Could not sync the model catalog of {}: {}", host.label(), e.getMessage());
        }
    }
}
