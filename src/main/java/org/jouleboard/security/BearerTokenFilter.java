package org.jouleboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jouleboard.user.ApiTokenService;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <personal API token>}: the request runs as the token's owner, with the account's
 * roles as they are now (a demoted or disabled owner's tokens lose the role or stop working at once). Nothing is
 * kept in a session. A token that is unknown, revoked or expired gets 401, never a fall-back to anonymous.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokenService tokens;
    private final UserDetailsService accounts;
    private final SecurityContextHolderStrategy contexts;

    BearerTokenFilter(ApiTokenService tokens, UserDetailsService accounts, SecurityContextHolderStrategy contexts) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        UserDetails owner = tokens.ownerOf(header.substring(BEARER.length()).strip())
                .map(this::load)
                .orElse(null);
        if (owner == null || !owner.isEnabled() || !owner.isAccountNonLocked()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"Jouleboard\", error=\"invalid_token\"");
            response.setStatus(401);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"The API token is unknown, revoked or expired.\"}");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(owner, null, owner.getAuthorities()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private @Nullable UserDetails load(String username) {
        try {
            return accounts.loadUserByUsername(username);
        } catch (UsernameNotFoundException e) {
            return null;
        }
    }
}
