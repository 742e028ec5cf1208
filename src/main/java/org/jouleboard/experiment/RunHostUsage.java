package org.jouleboard.experiment;

import java.util.EnumSet;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.host.HostUsage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the host module whether runs refer to a host, before an admin removes it. */
@Component
class RunHostUsage implements HostUsage {

    private final RunRepository runs;

    RunHostUsage(RunRepository runs) {
        this.runs = runs;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean hasHistory(String host) {
        return runs.existsByHostName(host);
    }

    @Override
    @Transactional(readOnly = true)
    public long activeRuns(String host) {
        return runs.countByHostNameAndStatusIn(host, EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING));
    }

    @Override
    @Transactional(readOnly = true)
    public boolean measuring(String host) {
        return runs.countByHostNameAndStatusIn(host, EnumSet.of(RunStatus.RUNNING)) > 0;
    }
}
