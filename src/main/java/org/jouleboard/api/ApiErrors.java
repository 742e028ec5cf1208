package org.jouleboard.api;

import java.util.Map;

import org.jouleboard.experiment.ExperimentException;
import org.jouleboard.queue.QueueFullException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals come back as {@code {"error": "..."}} with a readable message. */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    private final RequestBodyLimit bodyLimit;

    ApiErrors(RequestBodyLimit bodyLimit) {
        this.bodyLimit = bodyLimit;
    }

    @ExceptionHandler({ExperimentException.class, QueueFullException.class, IllegalArgumentException.class})
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
        return ResponseEntity.badRequest().body(Map.of("error", "The request body is not valid JSON of the expected shape."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, String>> forbidden(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", e.getMessage()));
    }
}
