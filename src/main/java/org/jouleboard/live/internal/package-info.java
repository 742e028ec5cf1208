/** What the Live page reads (the live feed of runs, their headers and deltas) and the relay between instances: used by the live module's packages, hidden from other modules. */
@org.jspecify.annotations.NullMarked
package org.jouleboard.live.internal;
