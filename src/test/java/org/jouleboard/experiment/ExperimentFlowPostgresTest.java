package org.jouleboard.experiment;

import org.jouleboard.OnPostgres;

/** {@link ExperimentFlowTest} on PostgreSQL. */
@OnPostgres
class ExperimentFlowPostgresTest extends ExperimentFlowTest {}
