/** The user pages. */
@org.jspecify.annotations.NullMarked
package org.jouleboard.user.ui;
