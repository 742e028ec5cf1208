package org.jouleboard.model;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface CatalogModelRepository extends JpaRepository<CatalogModel, Long> {

    List<CatalogModel> findByHostNameOrderByNameAsc(String hostName);
}
