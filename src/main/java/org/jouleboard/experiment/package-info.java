@org.jspecify.annotations.NullMarked
package org.jouleboard.experiment;
