package org.jouleboard;

import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.Route;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The app's routes for Karibu. Its own discovery reads public classes only, and the views are package-private,
 * as in Vaadin's own examples; Spring's scanner, which Vaadin's Spring integration uses too, finds them all.
 */
public final class AppRoutes {

    private AppRoutes() {}

    public static Routes all() {
        Routes routes = new Routes().autoDiscoverViews("org.jouleboard");
        for (Class<?> view : annotatedWith(Route.class)) {
            routes.getRoutes().add(view.asSubclass(Component.class));
        }
        return routes;
    }

    /** The classes under {@code org.jouleboard} with the annotation, whatever their visibility. */
    public static List<Class<?>> annotatedWith(Class<? extends Annotation> annotation) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(annotation));
        List<Class<?>> classes = new ArrayList<>();
        for (var definition : scanner.findCandidateComponents("org.jouleboard")) {
            try {
                classes.add(Class.forName(definition.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return classes;
    }
}
