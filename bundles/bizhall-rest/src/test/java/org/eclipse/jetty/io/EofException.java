package org.eclipse.jetty.io;

import java.io.EOFException;

/** Stands in for Jetty's class of the same name, which the mapper recognises by name. */
public class EofException extends EOFException {
    public EofException(String message) {
        super(message);
    }
}
