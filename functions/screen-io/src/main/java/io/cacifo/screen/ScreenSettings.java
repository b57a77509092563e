package io.cacifo.screen;

import io.cacifo.kit.config.Reads;
import io.cacifo.kit.config.Setting;

import java.util.List;

/** screen-io's own settings and everything screen-io reads ({@link #READS}). */
public final class ScreenSettings {
    private ScreenSettings() {
    }

    /**
     * How long the screen waits for the controller's answer to a code, and at most for its turn
     * behind the screen's previous code: above the controller's own worst case and below screen-io's
     * exec_timeout, so a door that opens late is not reported as "unavailable" (the arithmetic:
     * {@link io.cacifo.kit.config.Timeouts}).
     */
    public static final Setting CONTROLLER_TIMEOUT = Setting.of("controller_timeout_ms", "12000");
    /** The screens this locker has, comma-separated ({@link ScreenIds}). */
    public static final Setting SCREEN_IDS = Setting.of("screen_ids", "main");
    /**
     * The functions a code needs, comma-separated: screen-io takes codes once each has answered its
     * health probe since screen-io started ({@link LockerStartup}).
     */
    public static final Setting CODE_FUNCTIONS = Setting.of("code_functions", "controller,reservation-manager,door-io");

    /**
     * The phone number the screen shows when a door did not open for a real code and no other door
     * could be given (a jammed door at a pick-up): digits, spaces and + ( ) . -; empty: none shown.
     */
    public static final Setting SUPPORT_PHONE = Setting.of("support_phone", "");

    /** Unsigned itself, screen-io still signs its calls to the controller with the internal key. */
    public static final Reads READS = Reads.EVERY_FUNCTION.and(Reads.DATABASE, Reads.GATEWAY,
            Reads.of(List.of(CONTROLLER_TIMEOUT, SCREEN_IDS, CODE_FUNCTIONS, SUPPORT_PHONE), List.of()));
}
