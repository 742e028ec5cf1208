package org.jouleboard.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jouleboard.audit.AuditLog;
import org.jouleboard.security.ui.LoginView;
import org.jouleboard.user.ApiTokenService;
import org.jouleboard.user.UserService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.session.SessionInformationExpiredStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfig {

    /** Vaadin's strategy, which the chains use too; a filter must set the context where they will read it. */
    private final SecurityContextHolderStrategy contexts;

    SecurityConfig(ObjectProvider<SecurityContextHolderStrategy> strategies) {
        this.contexts = strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    /** Our own web components, served from the classpath outside Vaadin's paths. */
    static final String COMPONENTS_PATH = "/components/**";

    /**
     * The app's own style sheets (AppShell's @StyleSheet). Vaadin's security configurer denies paths it does not
     * know, signed in or not: forms.css was answered 403 and none of its rules ever applied.
     */
    static final String[] STYLE_SHEETS = {"/styles.css", "/forms.css"};

    /**
     * The second line of defence behind SafeMarkdown: nothing loads from or posts to elsewhere, and no page
     * can be framed. Vaadin's bootstrap needs the inline script and eval ('unsafe-inline', 'unsafe-eval'), and
     * its components set inline styles.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    /**
     * The REST API: the same accounts (and lockout), by HTTP Basic for scripts or by the browser's session.
     * A request that carries its own Authorization header cannot be forged cross-site, so only session-based
     * changes need the CSRF token.
     */
    /** Health is open for load balancers; the Prometheus scrape needs an account (HTTP Basic). */
    @Bean
    @Order(0)
    SecurityFilterChain actuatorFilterChain(
            HttpSecurity http,
            AuthenticationManager authenticationManager,
            ApiTokenService tokens,
            UserDetailsService accounts,
            SessionRegistry sessions)
            throws Exception {
        return http.securityMatcher("/actuator/**")
                .authenticationManager(authenticationManager)
                .addFilterBefore(bearerTokens(tokens, accounts), BasicAuthenticationFilter.class)
                .sessionManagement(trackedSessions(sessions))
                .addFilterAfter(new PasswordChangeGate(), AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(basicEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(basicEntryPoint()))
                .csrf(csrf -> csrf.disable())
                .headers(SecurityConfig::headers)
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(
            HttpSecurity http,
            AuthenticationManager authenticationManager,
            ApiTokenService tokens,
            UserDetailsService accounts,
            SessionRegistry sessions)
            throws Exception {
        AuthenticationEntryPoint basic = basicEntryPoint();
        return http.securityMatcher("/api/**")
                .authenticationManager(authenticationManager)
                .addFilterBefore(bearerTokens(tokens, accounts), BasicAuthenticationFilter.class)
                .sessionManagement(trackedSessions(sessions))
                .addFilterAfter(new PasswordChangeGate(), AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(basic))
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .exceptionHandling(e -> e.authenticationEntryPoint(basic))
                .headers(SecurityConfig::headers)
                .build();
    }

    /** The API's description (springdoc) and its browsable page: for signed-in users, like the API itself. */
    @Bean
    @Order(1)
    SecurityFilterChain apiDocsFilterChain(
            HttpSecurity http, AuthenticationManager authenticationManager, SessionRegistry sessions) throws Exception {
        AuthenticationEntryPoint basic = basicEntryPoint();
        return http.securityMatcher("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html")
                .authenticationManager(authenticationManager)
                .sessionManagement(trackedSessions(sessions))
                .headers(SecurityConfig::headers)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(basic))
                .exceptionHandling(e -> e.authenticationEntryPoint(basic))
                .build();
    }

    /** Made per chain, not a bean: Spring Boot would register a filter bean for every request, pages included. */
    private BearerTokenFilter bearerTokens(ApiTokenService tokens, UserDetailsService accounts) {
        return new BearerTokenFilter(tokens, accounts, contexts);
    }

    /** On every response: the content policy, no MIME sniffing, and no full URLs sent to other sites. */
    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .contentTypeOptions(Customizer.withDefaults())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN));
    }

    /** A plain 401 with a JSON reason: sendError would re-dispatch to /error, which the page chain redirects. */
    private static AuthenticationEntryPoint basicEntryPoint() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Jouleboard\"");
            response.setStatus(401);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"Log in: HTTP Basic with your Jouleboard account.\"}");
        };
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, AuthenticationManager authenticationManager, SessionRegistry sessions) throws Exception {
        http.authenticationManager(authenticationManager);
        http.sessionManagement(trackedSessions(sessions));
        http.authorizeHttpRequests(auth -> auth.requestMatchers(COMPONENTS_PATH)
                .permitAll()
                .requestMatchers(STYLE_SHEETS)
                .permitAll());
        http.headers(SecurityConfig::headers);
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }

    /**
     * Every session of a form login is registered, with no limit on how many an account has, so that
     * {@link SessionControl} can end them. A request of an ended session is logged out and then goes on as
     * anonymous: a page is sent to the login page, Vaadin answers its round trips with "session expired" (the
     * tab reloads into the login page) and the API with 401, each as it would for any visitor.
     */
    private static Customizer<SessionManagementConfigurer<HttpSecurity>> trackedSessions(SessionRegistry sessions) {
        SessionInformationExpiredStrategy asAnonymous =
                event -> java.util.Objects.requireNonNull(event.getFilterChain())
                        .doFilter(event.getRequest(), event.getResponse());
        return session -> session.maximumSessions(-1).sessionRegistry(sessions).expiredSessionStrategy(asAnonymous);
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the registry when sessions end or change their id (registered as a listener by Spring Boot). */
    @Bean
    static HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    /** A session with a generated password may do nothing on the API until the password is changed. */
    static final class PasswordChangeGate extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            if (caller != null
                    && caller.getAuthorities().stream()
                            .anyMatch(a -> UserService.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()))) {
                response.setStatus(403);
                response.setContentType("application/json");
                response.getWriter()
                        .write("{\"error\":\"Change the generated password first: sign in to the"
                                + " web page, which opens 'My account'.\"}");
                return;
            }
            chain.doFilter(request, response);
        }
    }

    @Bean
    AuthenticationManager authenticationManager(
            UserDetailsService accounts, PasswordEncoder encoder, LoginAttempts attempts, AuditLog audit) {
        return new ProviderManager(lockingProvider(accounts, encoder, attempts, audit));
    }

    static LockingAuthenticationProvider lockingProvider(
            UserDetailsService accounts, PasswordEncoder encoder, LoginAttempts attempts, AuditLog audit) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(accounts);
        dao.setPasswordEncoder(encoder);
        // Check "disabled" only after the password: before it, any password would reveal that the name exists.
        dao.setPreAuthenticationChecks(user -> {});
        dao.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new DisabledException("This account is disabled. Ask an admin to enable it.");
            }
        });
        return new LockingAuthenticationProvider(dao, accounts, attempts, audit);
    }
}
