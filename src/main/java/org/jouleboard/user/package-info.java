/** Accounts, roles, the first admin, password changes. */
@org.springframework.modulith.ApplicationModule(displayName = "Users")
package org.jouleboard.user;
