package org.jouleboard.api;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * An {@code /api/...} path that no controller serves answers 404 with the usual JSON error. Without this,
 * Vaadin's catch-all mapping (order {@code LOWEST_PRECEDENCE - 1}) would answer with the app's HTML page, status
 * 200, and a script's typo would pass unnoticed.
 */
@Configuration(proxyBeanMethods = false)
class ApiFallback {

    @Bean
    SimpleUrlHandlerMapping unknownApiPaths() {
        HttpRequestHandler notFound = (request, response) -> ApiErrors.write(
                response,
                404,
                "No such API endpoint: " + request.getMethod() + " " + request.getRequestURI()
                        + ". The endpoints are described at /v3/api-docs.");
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/api/**", notFound));
        mapping.setOrder(Ordered.LOWEST_PRECEDENCE - 2);
        return mapping;
    }
}
