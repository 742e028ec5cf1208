/**
 * The frame of every page: navigation, who is signed in, the account menu, light or dark. Apart from base so
 * that base depends on nothing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shell")
@org.jspecify.annotations.NullMarked
package org.jouleboard.shell;
