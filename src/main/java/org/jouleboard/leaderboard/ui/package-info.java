@org.jspecify.annotations.NullMarked
package org.jouleboard.leaderboard.ui;
