/** The security pages. */
@org.jspecify.annotations.NullMarked
package org.jouleboard.security.ui;
