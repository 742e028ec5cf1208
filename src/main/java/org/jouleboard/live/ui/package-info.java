/** The Live page's panels; only {@link org.jouleboard.live.ui.FlushedPanel}, how other pages push live state too, is open. */
@org.jspecify.annotations.NullMarked
package org.jouleboard.live.ui;
