package com.openfaas.entrypoint;

import com.openfaas.model.AbstractHandler;

import java.util.Iterator;
import java.util.ServiceLoader;

/** Finds the function's handler through META-INF/services, as the upstream java11 template does. */
final class HandlerLoader {
    private HandlerLoader() {
    }

    /** Returns the single handler on the class path; none or several is a packaging error and fails start-up. */
    static AbstractHandler load() {
        Iterator<AbstractHandler> found = ServiceLoader.load(AbstractHandler.class).iterator();
        if (!found.hasNext()) {
            throw new IllegalStateException("no com.openfaas.model.AbstractHandler registered in "
                    + "META-INF/services: is the function jar on the class path?");
        }
        AbstractHandler handler = found.next();
        if (found.hasNext()) {
            throw new IllegalStateException("more than one handler registered; a JVM serves one function");
        }
        return handler;
    }
}
