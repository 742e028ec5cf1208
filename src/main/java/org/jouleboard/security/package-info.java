/** Login, lockout after repeated failures, and the security filter chain. */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
@org.jspecify.annotations.NullMarked
package org.jouleboard.security;
