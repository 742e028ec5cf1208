package org.jouleboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
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

    /**
     * A module's door (its base package and named interfaces) holds what other modules use and the types those
     * show in their public signatures; everything else is package-private or in an internal package.
     */
    @Test
    void doorsHoldOnlyWhatOtherModulesSee() {
        Set<String> needless = new TreeSet<>();
        for (ApplicationModule module : modules) {
            if (module.isOpen()) {
                continue; // base: shared by every module by design
            }
            List<JavaClass> types = module.getBasePackage().stream().toList();
            Set<JavaClass> seen = new HashSet<>();
            Deque<JavaClass> toVisit = new ArrayDeque<>();
            types.stream()
                    .filter(type -> type.getDirectDependenciesToSelf().stream()
                            .anyMatch(use -> !module.contains(use.getOriginClass())))
                    .map(ModularityTest::topLevel)
                    .forEach(toVisit::add);
            while (!toVisit.isEmpty()) {
                JavaClass type = toVisit.pop();
                if (seen.add(type)) {
                    types.stream()
                            .filter(member -> topLevel(member).equals(type))
                            .flatMap(ModularityTest::shownBy)
                            .filter(module::contains)
                            .forEach(toVisit::add);
                }
            }
            types.stream()
                    .filter(type -> type.isTopLevelClass()
                            && type.getModifiers().contains(JavaModifier.PUBLIC)
                            && module.isExposed(type)
                            && !seen.contains(type)
                            && !isCommand(type))
                    .forEach(type -> needless.add(type.getName()));
        }
        assertThat(needless).as("exposed types no other module uses or sees").isEmpty();
    }

    /** The types a class shows to its callers: in its public methods', constructors' and fields' signatures. */
    private static Stream<JavaClass> shownBy(JavaClass type) {
        Stream<JavaType> methods = type.getMethods().stream()
                .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
                .flatMap(m -> Stream.concat(Stream.of(m.getReturnType()), m.getParameterTypes().stream()));
        Stream<JavaType> constructors = type.getConstructors().stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .flatMap(c -> c.getParameterTypes().stream());
        Stream<JavaType> fields = type.getFields().stream()
                .filter(f -> f.getModifiers().contains(JavaModifier.PUBLIC))
                .map(f -> f.getType());
        return Stream.of(methods, constructors, fields)
                .flatMap(s -> s)
                .flatMap(t -> t.getAllInvolvedRawTypes().stream())
                .map(ModularityTest::topLevel);
    }

    /** A command-line entry point (the GPU check) is public for the launcher, not for other modules. */
    private static boolean isCommand(JavaClass type) {
        return type.getMethods().stream()
                .anyMatch(m -> m.getName().equals("main") && m.getModifiers().contains(JavaModifier.STATIC));
    }

    private static JavaClass topLevel(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    private java.util.List<String> dependencies(String module) {
        ApplicationModule m = modules.getModuleByName(module).orElseThrow();
        return m.getDirectDependencies(modules)
                .uniqueModules()
                .map(ApplicationModule::getName)
                .toList();
    }
}
