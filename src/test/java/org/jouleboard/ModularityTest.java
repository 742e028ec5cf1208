package org.jouleboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(JouleboardApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void baseDependsOnNoOtherModule() {
        assertThat(dependencies("base")).isEmpty();
    }

    @Test
    void workerDoesNotKnowTheLivePage() {
        // The Live page watches runs through worker's RunObserver; the worker must not reach into it.
        assertThat(dependencies("worker")).doesNotContain("live");
    }

    private java.util.List<String> dependencies(String module) {
        ApplicationModule m = modules.getModuleByName(module).orElseThrow();
        return m.getDirectDependencies(modules)
                .uniqueModules()
                .map(ApplicationModule::getName)
                .toList();
    }
}
