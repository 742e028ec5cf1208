/** Saved prompt sets (and the built-in ones) an experiment can be submitted from. */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.NamedInterface("promptset")
package org.jouleboard.experiment.promptset;
