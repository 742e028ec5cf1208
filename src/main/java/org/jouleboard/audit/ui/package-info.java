/** The audit pages. */
@org.jspecify.annotations.NullMarked
package org.jouleboard.audit.ui;
