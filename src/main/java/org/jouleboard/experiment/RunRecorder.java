package org.jouleboard.experiment;

import org.jouleboard.experiment.run.RunResult;

/** Puts a measurement onto the stored run; what is derived from it (the answer's words) is derived here. */
final class RunRecorder {

    private RunRecorder() {}

    static void apply(Run run, RunResult r) {
        run.status = r.status();
        // The column holds 2000 characters: a host's longer error must not keep the run from being stored.
        run.errorMessage = r.errorMessage() == null || r.errorMessage().length() <= 2000
                ? r.errorMessage()
                : r.errorMessage().substring(0, 1999) + "…";
        run.thinkingText = r.thinking();
        run.answerText = r.answer();
        run.doneReason = r.doneReason();
        run.firstTokenAt = r.firstTokenAt();
        run.firstAnswerAt = r.firstAnswerAt();
        run.finishedAt = r.finishedAt();
        run.tokens = r.tokens().withWordsOf(r.answer());
        run.ollama = r.ollama();
        run.energy = r.energy();
        run.measurement = r.measurement();
        run.flagged = r.flagReason() != null;
        run.flagReason = r.flagReason();
        run.powerTrace = r.powerTrace();
    }
}
