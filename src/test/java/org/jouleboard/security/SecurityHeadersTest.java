package org.jouleboard.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

import org.hamcrest.Matchers;
import org.jouleboard.KaribuTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Pages (here: the redirect to the login; the browser test reads a real page), the API and the actuator all answer with the content policy, nosniff and a referrer policy. */
class SecurityHeadersTest extends KaribuTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/runs/1", "/admin/users", "/api/leaderboard", "/actuator/health"})
    void everyResponseCarriesTheSecurityHeaders(String path) throws Exception {
        mvc().perform(get(path))
                .andExpect(header().string(
                                "Content-Security-Policy",
                                Matchers.allOf(
                                        Matchers.containsString("default-src 'self'"),
                                        Matchers.containsString("img-src 'self' data: blob:"),
                                        Matchers.containsString("form-action 'self'"),
                                        Matchers.containsString("frame-ancestors 'none'"),
                                        Matchers.containsString("object-src 'none'"))))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"));
    }

    @Test
    void thePolicyLoadsNothingFromElsewhere() {
        org.assertj.core.api.Assertions.assertThat(SecurityConfig.CONTENT_SECURITY_POLICY)
                .doesNotContain("*")
                .doesNotContain("http:")
                .doesNotContain("https:");
    }

    private MockMvc mvc() {
        return MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
    }
}
