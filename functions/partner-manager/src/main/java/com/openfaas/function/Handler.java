package com.openfaas.function;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import io.cacifo.kit.Services;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.partners.PartnerActions;
import io.cacifo.partners.PartnerManagerSettings;

/** partner-manager: insert, update, delete, get and list the retailers that own doors. */
public class Handler extends AbstractHandler {
    private final ActionRouter router;

    public Handler() {
        this(Services.fromEnvironment(PartnerManagerSettings.READS));
    }

    public Handler(Services services) {
        this.router = PartnerActions.router(services);
    }

    @Override
    public IResponse Handle(IRequest request) {
        return router.handle(request);
    }
}
