package org.jouleboard.api;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A known path with the wrong method or body type. These are raised while looking for a handler, before any
 * controller is chosen, so {@link ApiErrors} (scoped to the API's controllers) never sees them. Only API paths reach
 * Spring MVC's method matching: the pages are one catch-all of Vaadin's.
 */
@RestControllerAdvice
class ApiMethodErrors {

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, String>> wrongMethod(HttpRequestMethodNotSupportedException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .headers(headers)
                .body(Map.of(
                        "error",
                        e.getMethod() + " is not allowed here; allowed: "
                                + String.join(
                                        ", ", e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods())
                                + "."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> wrongBodyType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(Map.of("error", "Send the body as application/json."));
    }
}
