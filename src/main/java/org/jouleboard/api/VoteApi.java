package org.jouleboard.api;

import java.util.List;
import java.util.Map;
import org.jouleboard.vote.Choice;
import org.jouleboard.vote.VoteException;
import org.jouleboard.vote.VotePair;
import org.jouleboard.vote.VoteRecord;
import org.jouleboard.vote.VoteResult;
import org.jouleboard.vote.VoteService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Blind answer votes. {@code GET /api/votes/next} (the leaderboard's filters, {@link BoardQuery}) gives a prompt
 * and two answers with nothing about who gave them, 204 when no pair is left for the caller;
 * {@code POST /api/votes} stores a verdict (201, 409 on a second vote for the same pair, 400 for a pair that
 * may not be voted on) and reveals the models and their energy. Admins list and delete votes.
 */
@RestController
class VoteApi {

    /** What a voter sends: the runs shown as A and B and the verdict. */
    record VoteRequest(Long a, Long b, Choice choice) {}

    private final VoteService votes;

    VoteApi(VoteService votes) {
        this.votes = votes;
    }

    @GetMapping("/api/votes/next")
    ResponseEntity<VotePair> next(BoardQuery query) {
        return votes.next(query.filter())
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/api/votes")
    ResponseEntity<VoteResult> vote(@RequestBody VoteRequest request) {
        if (request == null || request.a() == null || request.b() == null || request.choice() == null) {
            throw new IllegalArgumentException("Send a, b (run ids) and choice (A, B, TIE or BOTH_BAD).");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(votes.vote(request.a(), request.b(), request.choice()));
    }

    @GetMapping("/api/votes")
    List<VoteRecord> recent(@RequestParam(defaultValue = "100") int limit) {
        return votes.recent(limit);
    }

    @DeleteMapping("/api/votes/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        votes.delete(id);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(VoteException.class)
    ResponseEntity<Map<String, String>> refused(VoteException e) {
        HttpStatus status = switch (e.kind()) {
            case DUPLICATE -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return ResponseEntity.status(status).body(Map.of("error", e.getMessage()));
    }
}
