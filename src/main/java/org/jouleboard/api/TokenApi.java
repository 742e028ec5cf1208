package org.jouleboard.api;

import java.time.Duration;
import java.util.List;
import org.jouleboard.user.ApiTokenInfo;
import org.jouleboard.user.ApiTokenService;
import org.jouleboard.user.NewApiToken;
import org.jouleboard.user.UserException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Personal API tokens: {@code Authorization: Bearer <token>} instead of a password in scripts. */
@RestController
@RequestMapping("/api/tokens")
class TokenApi {

    /** {@code expiresInDays}: 1 to 365, default 90. */
    record TokenRequest(String name, Integer expiresInDays) {}

    private final ApiTokenService tokens;

    TokenApi(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    /** Answers the token once; only its hash is kept. */
    @PostMapping
    ResponseEntity<NewApiToken> create(@RequestBody TokenRequest request) {
        Duration validity = request.expiresInDays() == null ? null : Duration.ofDays(request.expiresInDays());
        return ResponseEntity.status(HttpStatus.CREATED).body(tokens.create(request.name(), validity));
    }

    /** The caller's tokens; {@code all=true}: everyone's (admins only). */
    @GetMapping
    List<ApiTokenInfo> list(@RequestParam(defaultValue = "false") boolean all) {
        return all ? tokens.all() : tokens.mine();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        try {
            tokens.revoke(id);
            return ResponseEntity.noContent().build();
        } catch (UserException e) {
            return ResponseEntity.notFound().build();
        }
    }
}
