package org.jouleboard;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Browserless Vaadin tests against the real Spring context, services and database. */
@SpringBootTest
public abstract class KaribuTest {

    private static final Routes ROUTES = AppRoutes.all();

    @Autowired
    protected ApplicationContext context;

    @BeforeEach
    void setUpVaadin() {
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
    }

    @AfterEach
    void tearDownVaadin() {
        logout();
        MockVaadin.tearDown();
    }

    /** Logs in as Spring Security and the servlet request would after a real form login. */
    protected void login(String username, String... roles) {
        List<SimpleGrantedAuthority> authorities = java.util.Arrays.stream(roles)
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                .toList();
        var token = UsernamePasswordAuthenticationToken.authenticated(username, null, authorities);
        SecurityContextHolder.getContext().setAuthentication(token);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(token);
        request.setUserInRole((principal, role) -> List.of(roles).contains(role));
    }

    /** The class names of the route target and its layouts now shown (views are package-private; Spring may proxy them). */
    protected static List<String> activeViews() {
        return UI.getCurrent().getInternals().getActiveRouterTargetsChain().stream()
                .map(target ->
                        org.springframework.util.ClassUtils.getUserClass(target).getSimpleName())
                .toList();
    }

    /** The route target now shown. */
    protected static com.vaadin.flow.component.Component activeView() {
        return (com.vaadin.flow.component.Component)
                UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst();
    }

    protected void logout() {
        SecurityContextHolder.clearContext();
    }
}
