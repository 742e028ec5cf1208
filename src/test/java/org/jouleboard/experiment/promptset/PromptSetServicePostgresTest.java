package org.jouleboard.experiment.promptset;

import org.jouleboard.OnPostgres;

/** {@link PromptSetServiceTest} on PostgreSQL. */
@OnPostgres
class PromptSetServicePostgresTest extends PromptSetServiceTest {}
