/** The Live page: each host's power and running run, pushed to browsers in batches. */
@org.springframework.modulith.ApplicationModule(displayName = "Live")
@org.jspecify.annotations.NullMarked
package org.jouleboard.live;
