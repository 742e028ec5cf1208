/** One worker per GPU host: takes runs from the queue in fair order and has them measured. */
@org.springframework.modulith.ApplicationModule(displayName = "Worker")
@org.jspecify.annotations.NullMarked
package org.jouleboard.worker;
