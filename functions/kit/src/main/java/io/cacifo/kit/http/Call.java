package io.cacifo.kit.http;

import com.openfaas.model.IRequest;
import io.cacifo.kit.json.Body;

/** One request as an action sees it: the parsed body, the query and the headers. */
public final class Call {
    private final IRequest request;
    private final Query query;
    private Body body;

    Call(IRequest request, Query query) {
        this.request = request;
        this.query = query;
    }

    /** The body as a JSON object; parsed on first use, so a malformed body fails only actions that read it. */
    public Body body() {
        if (body == null) {
            body = Body.parse(request.getBody());
        }
        return body;
    }

    public Query query() {
        return query;
    }

    public IRequest request() {
        return request;
    }
}
