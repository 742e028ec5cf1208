/** Shared units, safe text rendering and the app shell; every module may use it, and it uses none. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package org.jouleboard.base;
