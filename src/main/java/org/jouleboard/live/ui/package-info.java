/** The Live page's panels; {@link org.jouleboard.live.ui.FlushedPanel} is how other pages push live state too. */
@org.springframework.modulith.NamedInterface("ui")
@org.jspecify.annotations.NullMarked
package org.jouleboard.live.ui;
