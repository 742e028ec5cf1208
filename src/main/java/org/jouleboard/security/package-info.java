/** Login, lockout after repeated failures, and the security filter chain. */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package org.jouleboard.security;
