package org.jouleboard.model;

import org.springframework.data.jpa.repository.JpaRepository;

interface CatalogSyncRepository extends JpaRepository<CatalogSync, String> {}
