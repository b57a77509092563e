package com.openfaas.function;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import io.cacifo.controller.ControllerActions;
import io.cacifo.controller.ControllerSettings;
import io.cacifo.kit.Services;
import io.cacifo.kit.http.ActionRouter;

/** controller: the locker workflow (validate, open, wait, complete, journal) and the back-end outbox. */
public class Handler extends AbstractHandler {
    private final ActionRouter router;

    public Handler() {
        this(Services.fromEnvironment(ControllerSettings.READS));
    }

    public Handler(Services services) {
        ControllerActions actions = ControllerActions.create(services);
        this.router = actions.router(services);
        actions.start();
    }

    @Override
    public IResponse Handle(IRequest request) {
        return router.handle(request);
    }
}
