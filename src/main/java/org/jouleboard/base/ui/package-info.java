/** The base pages. */
@org.jspecify.annotations.NullMarked
package org.jouleboard.base.ui;
