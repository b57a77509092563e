package com.openfaas.function;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import io.cacifo.kit.Services;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.reservations.ReservationActions;
import io.cacifo.reservations.ReservationSettings;

/** reservation-manager: the locker's parcels, their codes and their status. */
public class Handler extends AbstractHandler {
    private final ActionRouter router;

    public Handler() {
        this(Services.fromEnvironment(ReservationSettings.READS));
    }

    public Handler(Services services) {
        this.router = ReservationActions.router(services);
    }

    @Override
    public IResponse Handle(IRequest request) {
        return router.handle(request);
    }
}
