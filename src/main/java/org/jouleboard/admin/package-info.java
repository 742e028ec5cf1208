/**
 * Admin pages that span several modules: GPU hosts (connection test, power source, queue) and the queue of
 * all hosts. It sits above host, model, power, queue and experiment, so none of them depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Admin")
@org.jspecify.annotations.NullMarked
package org.jouleboard.admin;
