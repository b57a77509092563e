package io.cacifo.kit.http;

import com.openfaas.model.IRequest;
import io.cacifo.kit.json.Body;

/** One request as an action sees it: the parsed body and the request itself (headers, query). */
public final class Call {
    private final IRequest request;
    private final boolean signedByLocker;
    private Body body;

    Call(IRequest request, boolean signedByLocker) {
        this.request = request;
        this.signedByLocker = signedByLocker;
    }

    /**
     * Whether the request carries the locker's internal signature, checked by the router: always for
     * an internal-only action, never for one the back-end signed, and for a public action only when
     * the caller chose to sign.
     */
    public boolean signedByLocker() {
        return signedByLocker;
    }

    /** The body as a JSON object; parsed on first use, so a malformed body fails only actions that read it. */
    public Body body() {
        if (body == null) {
            body = Body.parse(request.getBody());
        }
        return body;
    }

    public IRequest request() {
        return request;
    }
}
