package org.jouleboard.user;

/** A request about accounts that cannot be done; the message is meant for the user who asked. */
public class UserException extends RuntimeException {

    public UserException(String message) {
        super(message);
    }
}
