/** Accounts, roles, the first admin, password changes. */
@org.springframework.modulith.ApplicationModule(displayName = "Users")
@org.jspecify.annotations.NullMarked
package org.jouleboard.user;
