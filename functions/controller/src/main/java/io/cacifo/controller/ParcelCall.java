package io.cacifo.controller;

import java.util.Map;

/** A call of reservation-manager that moves a parcel on once its door was open: complete or support_mark, with its body. */
final class ParcelCall {
    final String action;
    final Map<String, Object> body;

    ParcelCall(String action, Map<String, Object> body) {
        this.action = action;
        this.body = body;
    }
}
