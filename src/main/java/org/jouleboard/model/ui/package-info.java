/** The model pages. */
@org.jspecify.annotations.NullMarked
package org.jouleboard.model.ui;
