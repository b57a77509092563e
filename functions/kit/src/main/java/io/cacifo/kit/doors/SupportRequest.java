package io.cacifo.kit.doors;

import java.util.regex.Pattern;

/**
 * What the back-end's support asked for when it opened a door remotely (controller
 * {@code support_open}), as the journal keeps it beside a SUPPORT operation: why, under which
 * ticket, and the status to mark the parcel behind the door with once it is closed (or none).
 */
public final class SupportRequest {
    /** The journal's {@code code_kind} of a support opening. */
    public static final String KIND = "SUPPORT";
    /** A support ticket's id as the back-end names it (db/schema.sql door_operations.support_ticket). */
    public static final Pattern TICKET = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** The longest reason kept (door_operations.support_reason). */
    public static final int MAX_REASON = 200;

    public final String reason;
    public final String ticket;
    /** DELIVERED or RETURNED, or null: open only. */
    public final String mark;

    public SupportRequest(String reason, String ticket, String mark) {
        this.reason = reason;
        this.ticket = ticket;
        this.mark = mark;
    }
}
