package org.jouleboard.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** When a host's catalog was last synced successfully. */
@Entity
@Table(name = "catalog_sync")
class CatalogSync {

    @Id
    @Column(name = "host_name")
    private String hostName;

    @Column(name = "last_sync_at", nullable = false)
    private Instant lastSyncAt;

    protected CatalogSync() {}

    CatalogSync(String hostName, Instant lastSyncAt) {
        this.hostName = hostName;
        this.lastSyncAt = lastSyncAt;
    }

    void synced(Instant at) {
        lastSyncAt = at;
    }

    Instant getLastSyncAt() {
        return lastSyncAt;
    }
}
