package com.openfaas.function;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import io.cacifo.doorio.DoorIoActions;
import io.cacifo.doorio.DoorIoSettings;
import io.cacifo.doorio.LockBoard;
import io.cacifo.kit.Services;
import io.cacifo.kit.http.ActionRouter;

/** door-io: open a door, wait until it is closed again, and read its state from the lock board. */
public class Handler extends AbstractHandler {
    private final ActionRouter router;

    public Handler() {
        this(Services.fromEnvironment(DoorIoSettings.READS));
    }

    public Handler(Services services) {
        this.router = DoorIoActions.router(services);
    }

    /** With another board than the one {@code lock_board_url} names, such as a test's fake. */
    public Handler(Services services, LockBoard board) {
        this.router = DoorIoActions.router(services, board);
    }

    @Override
    public IResponse Handle(IRequest request) {
        return router.handle(request);
    }
}
