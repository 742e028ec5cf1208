package org.jouleboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every route and layout declares exactly one access rule, so none is open or closed by accident. */
class RouteAccessAnnotationTest {

    private static final List<Class<? extends Annotation>> ACCESS =
            List.of(AnonymousAllowed.class, PermitAll.class, RolesAllowed.class);

    @Test
    void everyRouteHasExactlyOneAccessAnnotation() {
        List<Class<?>> routes = annotatedWith(Route.class);
        assertThat(routes).as("routes found").hasSizeGreaterThanOrEqualTo(8);
        for (Class<?> route : routes) {
            long count = ACCESS.stream().filter(route::isAnnotationPresent).count();
            assertThat(count).as("access annotations on " + route.getName()).isEqualTo(1);
        }
    }

    @Test
    void onlyTheLoginViewIsAnonymous() {
        List<String> anonymous = annotatedWith(Route.class).stream()
                .filter(c -> c.isAnnotationPresent(AnonymousAllowed.class))
                .map(Class::getSimpleName)
                .toList();
        assertThat(anonymous).containsExactly("LoginView");
    }

    @Test
    void layoutsAreNotAnonymous() {
        for (Class<?> layout : annotatedWith(Layout.class)) {
            assertThat(layout.isAnnotationPresent(AnonymousAllowed.class))
                    .as(layout.getName())
                    .isFalse();
            assertThat(Stream.of(PermitAll.class, RolesAllowed.class).anyMatch(layout::isAnnotationPresent))
                    .as(layout.getName())
                    .isTrue();
        }
    }

    private static List<Class<?>> annotatedWith(Class<? extends Annotation> annotation) {
        return AppRoutes.annotatedWith(annotation);
    }
}
