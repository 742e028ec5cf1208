/** REST endpoints under /api for scripts and downloads: controllers only, every figure comes from a service. */
@org.springframework.modulith.ApplicationModule(displayName = "REST API")
package org.jouleboard.api;
