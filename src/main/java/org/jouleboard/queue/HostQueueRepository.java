package org.jouleboard.queue;

import org.springframework.data.jpa.repository.JpaRepository;

interface HostQueueRepository extends JpaRepository<HostQueue, String> {}
