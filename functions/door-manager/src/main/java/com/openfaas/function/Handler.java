package com.openfaas.function;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import io.cacifo.doors.DoorActions;
import io.cacifo.doors.DoorManagerSettings;
import io.cacifo.kit.Services;
import io.cacifo.kit.http.ActionRouter;

/** door-manager: the locker's doors (insert, update, delete, get, list), their state and occupancy. */
public class Handler extends AbstractHandler {
    private final ActionRouter router;

    public Handler() {
        this(Services.fromEnvironment(DoorManagerSettings.READS));
    }

    public Handler(Services services) {
        this.router = DoorActions.router(services);
    }

    @Override
    public IResponse Handle(IRequest request) {
        return router.handle(request);
    }
}
