package org.jouleboard.experiment;

import org.jouleboard.OnPostgres;

/** {@link PromptSetServiceTest} on PostgreSQL. */
@OnPostgres
class PromptSetServicePostgresTest extends PromptSetServiceTest {}
