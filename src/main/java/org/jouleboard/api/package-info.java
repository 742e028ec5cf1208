/** REST controllers over the services, for scripts (HTTP Basic) and the browser session; no logic of their own. */
@org.springframework.modulith.ApplicationModule(displayName = "API")
@org.jspecify.annotations.NullMarked
package org.jouleboard.api;
