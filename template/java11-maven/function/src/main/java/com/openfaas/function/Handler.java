package com.openfaas.function;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import io.cacifo.kit.Services;
import io.cacifo.kit.config.Reads;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.kit.http.Reply;

import java.util.Map;

/** A new function's starting point: one signed action that answers who it is. */
public class Handler extends AbstractHandler {
    private final ActionRouter router;

    /** What this function reads; a real function declares it in its own settings class, with its own settings. */
    static final Reads READS = Reads.EVERY_FUNCTION.and(Reads.VERIFIER);

    public Handler() {
        this(Services.fromEnvironment(READS));
    }

    public Handler(Services services) {
        this.router = ActionRouter.signed(services.functionName(), services.verifier())
                .action("hello", call -> Reply.ok(Map.of("function", services.functionName())))
                .build();
    }

    @Override
    public IResponse Handle(IRequest request) {
        return router.handle(request);
    }
}
