package com.openfaas.function;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import io.cacifo.kit.Services;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.screen.ScreenActions;
import io.cacifo.screen.ScreenSettings;

/** screen-io: the touchscreen's code entry; answers with what the screen shows. */
public class Handler extends AbstractHandler {
    private final ActionRouter router;

    public Handler() {
        this(Services.fromEnvironment(ScreenSettings.READS));
    }

    public Handler(Services services) {
        this.router = ScreenActions.router(services);
    }

    @Override
    public IResponse Handle(IRequest request) {
        return router.handle(request);
    }
}
