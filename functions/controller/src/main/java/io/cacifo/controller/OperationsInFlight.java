package io.cacifo.controller;

import io.cacifo.kit.doors.DoorOperationDao;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The door operations this JVM is still working on: from the moment the journal row commits until
 * the workflow or its follow-up lets go (finished, or gave up and left it for reconciliation). The
 * reconciler leaves these alone; every other unfinished row belongs to a run that crashed or gave up.
 */
final class OperationsInFlight implements DoorOperationDao.InFlight {
    private final Set<Long> ids = ConcurrentHashMap.newKeySet();

    @Override
    public void add(long operationId) {
        ids.add(operationId);
    }

    @Override
    public void release(long operationId) {
        ids.remove(operationId);
    }

    boolean contains(long operationId) {
        return ids.contains(operationId);
    }
}
