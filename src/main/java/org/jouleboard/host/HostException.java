package org.jouleboard.host;

/** A host problem with a message readable by users and admins. */
public class HostException extends RuntimeException {

    public HostException(String message) {
        super(message);
    }
}
