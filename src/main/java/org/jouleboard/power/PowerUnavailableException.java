package org.jouleboard.power;

/** A power source cannot read; the message is the exact reason, fit to show to users. */
public class PowerUnavailableException extends Exception {

    public PowerUnavailableException(String reason) {
        super(reason);
    }

    public PowerUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
