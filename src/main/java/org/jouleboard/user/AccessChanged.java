package org.jouleboard.user;

/**
 * Published after a change that must end the account's sessions at once: disabled, roles changed, password
 * reset or changed. When the owner changed their own password, the session they did it in stays.
 */
public record AccessChanged(String username, boolean keepCurrentSession, String why) {}
