package org.jouleboard.host;

import java.util.List;
import java.util.stream.Collectors;

/** A host problem with a message readable by users and admins; for a rejected draft, the problem per field. */
public class HostException extends RuntimeException {

    private final List<HostDraft.Problem> problems;

    public HostException(String message) {
        super(message);
        this.problems = List.of();
    }

    HostException(List<HostDraft.Problem> problems) {
        super(problems.stream().map(HostDraft.Problem::message).collect(Collectors.joining(" ")));
        this.problems = List.copyOf(problems);
    }

    public List<HostDraft.Problem> problems() {
        return problems;
    }
}
