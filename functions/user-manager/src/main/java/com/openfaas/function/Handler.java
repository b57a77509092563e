package com.openfaas.function;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import io.cacifo.kit.Services;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.users.UserActions;
import io.cacifo.users.UserManagerSettings;

/** user-manager: insert, update, delete, get and list the locker's users. */
public class Handler extends AbstractHandler {
    private final ActionRouter router;

    public Handler() {
        this(Services.fromEnvironment(UserManagerSettings.READS));
    }

    public Handler(Services services) {
        this.router = UserActions.router(services);
    }

    @Override
    public IResponse Handle(IRequest request) {
        return router.handle(request);
    }
}
