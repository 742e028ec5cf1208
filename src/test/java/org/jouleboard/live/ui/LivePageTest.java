package org.jouleboard.live.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The Live page as a logged-in user sees it in the running app: Spring builds the view with the power module,
 * one host is simulated, the other has no NVML library.
 */
@SpringBootTest(
        properties = {
            "jouleboard.hosts[0].name=demo",
            "jouleboard.hosts[0].ollama-url=http://127.0.0.1:11434",
            "jouleboard.hosts[0].simulated=true",
            "jouleboard.hosts[0].power.sample-interval=50ms",
            "jouleboard.hosts[1].name=gpu-box",
            "jouleboard.hosts[1].ollama-url=http://127.0.0.1:11435",
            "jouleboard.hosts[1].power.source=nvml",
            "jouleboard.hosts[1].power.nvml-library=/nonexistent/libnvidia-ml.so.1",
            "jouleboard.admin.password=live-page-test-only-Secret-1"
        })
@DirtiesContext
class LivePageTest {

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void logIn() {
        Routes routes = org.jouleboard.AppRoutes.all();
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
        // The bootstrap admin (the only account in a fresh database), also a USER.
        var user = new UsernamePasswordAuthenticationToken(
                "admin",
                null,
                List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN")));
        SecurityContextHolder.getContext().setAuthentication(user);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(user);
        request.setUserInRole((principal, role) -> role.equals("USER") || role.equals("ADMIN"));
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    @Test
    void loggedInUserSeesLiveWattsAndWhyAHostHasNone() throws InterruptedException {
        UI.getCurrent().navigate("");
        LiveView view = LocatorJ._get(LiveView.class);
        HostPowerPanel demo = view.panels().get(0);
        HostPowerPanel gpuBox = view.panels().get(1);

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    MockVaadin.clientRoundtrip(false);
                    return !demo.nowText().isEmpty();
                });
        // Nothing runs on the simulated host: its idle watts, labelled SIMULATED.
        assertThat(demo.nowText()).isEqualTo("Now: 60.0 W");
        assertThat(demo.sourceText()).isEqualTo("SIMULATED · sampled GPU power, Simulated GPU, every 50 ms");
        assertThat(demo.fullSourceText()).startsWith("SIMULATED power (60.0 W idle");
        assertThat(gpuBox.sourceText())
                .isEqualTo("Power unavailable: NVML library not found: no file "
                        + "/nonexistent/libnvidia-ml.so.1 (check nvml-library, or install the NVIDIA driver)");

        // Nothing listens at gpu-box's Ollama URL: the page says so, the simulated host is fine.
        List<QueuePanel> queues = LocatorJ._find(view, QueuePanel.class);
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    MockVaadin.clientRoundtrip(false);
                    return queues.get(1).stateText().startsWith("OFFLINE");
                });
        assertThat(queues.get(1).stateText())
                .startsWith("OFFLINE: Cannot reach the Ollama server")
                .contains("http://127.0.0.1:11435")
                .endsWith("Runs wait until it answers · idle · 0 waiting");
        assertThat(queues.get(0).stateText()).isEqualTo("idle · 0 waiting");
    }
}
