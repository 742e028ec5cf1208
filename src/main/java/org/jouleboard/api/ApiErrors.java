package org.jouleboard.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.jouleboard.experiment.ExperimentException;
import org.jouleboard.queue.QueueFullException;
import org.jouleboard.user.UserException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;

/** Refusals come back as {@code {"error": "..."}} with a readable message. */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RequestBodyLimit bodyLimit;

    ApiErrors(RequestBodyLimit bodyLimit) {
        this.bodyLimit = bodyLimit;
    }

    @ExceptionHandler({
        ExperimentException.class,
        QueueFullException.class,
        UserException.class,
        IllegalArgumentException.class
    })
    ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.TooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error", bodyLimit.message()));
            }
        }
        return ResponseEntity.badRequest()
                .body(Map.of("error", "The request body is not valid JSON of the expected shape."));
    }

    /** For answers written outside a controller (filters, fallback handlers), in the same shape. */
    static void write(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(Map.of("error", error)));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, String>> forbidden(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", e.getMessage()));
    }
}
