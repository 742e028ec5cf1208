/** Shared by the module's packages, hidden from other modules: the submission limits and the stored expected-answer columns. */
@org.jspecify.annotations.NullMarked
package org.jouleboard.experiment.internal;
