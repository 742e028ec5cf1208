/** Shared units and the main layout; every module may use it. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.jouleboard.base;
