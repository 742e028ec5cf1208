package org.jouleboard;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(JouleboardApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }
}
