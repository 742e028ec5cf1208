/** The fair, persistent GPU queue: one running run per host, round-robin across users. */
@org.springframework.modulith.ApplicationModule(displayName = "Queue")
@org.jspecify.annotations.NullMarked
package org.jouleboard.queue;
