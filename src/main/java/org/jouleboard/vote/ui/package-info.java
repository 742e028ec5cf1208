/** The vote page. */
@org.jspecify.annotations.NullMarked
package org.jouleboard.vote.ui;
