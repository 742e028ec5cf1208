package org.jouleboard.worker;

import org.jouleboard.experiment.run.RunView;

/** Published after a run's record was stored, however it ended. */
public record RunFinished(RunView run) {}
