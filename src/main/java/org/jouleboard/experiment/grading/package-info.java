/** A prompt's expected answer and how an answer is graded against it. */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.NamedInterface("grading")
package org.jouleboard.experiment.grading;
