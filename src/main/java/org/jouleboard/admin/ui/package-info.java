/** The admin pages. */
@org.jspecify.annotations.NullMarked
package org.jouleboard.admin.ui;
