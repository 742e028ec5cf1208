package org.jouleboard.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** H2 is one instance: the relay between instances stays off (it starts no thread and sends nothing). */
@SpringBootTest
class InstanceRelayOnH2Test {

    @Autowired
    InstanceRelay relay;

    @Test
    void nothingIsRelayedOnH2() {
        assertThat(relay.enabled()).isFalse();
        relay.started("simulator", 1); // what a worker does at a run's start
        assertThat(relay.publishing()).as("nothing is kept for sending").isZero();
    }
}
