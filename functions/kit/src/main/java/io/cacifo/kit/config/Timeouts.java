package io.cacifo.kit.config;

import java.time.Duration;

/**
 * The locker's timeout arithmetic, written once. Each caller waits a little longer than what it
 * calls may take, and every function answers within its watchdog's {@code exec_timeout}
 * (stack.yaml), which stays below faasd's 60 s gateway limit (docs/install-pi.md, "Timeouts").
 * deploy's StackFileTest checks these sums against stack.yaml.
 *
 * <p>A door call waits for a person, with the stack.yaml values:
 * <pre>
 *   door_close_timeout_ms                    45 s  door-io waits this long for the door to be closed
 *   + {@link #BOARD_MARGIN}       (3 s)  =  48 s  door-io's wait for the board's answer
 *   + {@link #DOOR_IO_MARGIN}     (8 s)  =  53 s  the controller's wait for door-io's answer
 *   exec_timeout of door-io and controller   55 s
 * </pre>
 * A typed code: the controller's {@code enter} makes {@link #CALLS_PER_CODE} gateway calls one after
 * the other (validate, then open), each at most {@code gateway_timeout_ms} (5 s), so 10 s; screen-io
 * waits {@code controller_timeout_ms} (12 s) for it, and screen-io's exec_timeout is 15 s.
 *
 * <p>A call sent again to a function still starting ({@link #WAKE_RETRY}, 3 s) stays within its own
 * timeout: all tries of one call together take no longer than the one try did before, so the sums
 * above hold as they are. The last try starts at most 3 s in, so it still has:
 * <pre>
 *   validate, open   gateway_timeout_ms 5 s - 3 s              =  2 s  (a woken function answers in ms)
 *   door-io close    door_close_timeout_ms 45 s + 8 s - 3 s    = 50 s  &gt; door-io's board wait, 48 s:
 *                    {@link #WAKE_RETRY} + {@link #BOARD_MARGIN} &lt; {@link #DOOR_IO_MARGIN}
 * </pre>
 */
public final class Timeouts {
    private Timeouts() {
    }

    /** How much longer than the asked wait door-io waits for the board, so the board's "still open" arrives first. */
    public static final Duration BOARD_MARGIN = Duration.ofSeconds(3);
    /** How much longer than door_close_timeout_ms the controller waits for door-io's close; above {@link #BOARD_MARGIN}. */
    public static final Duration DOOR_IO_MARGIN = Duration.ofSeconds(8);
    /**
     * How long after a gateway call's first try the kit's {@code GatewayClient} may start another,
     * when the first met a function still starting (docs/reliability.md, "Calls to a function that is
     * starting"). A function's JVM answers well within 1 s of its start on the development machine
     * (docs/performance.md, "Start to first answer"); 3 s leaves a Raspberry Pi room to be three
     * times slower. Every try ends within the call's own timeout, so this adds nothing to
     * the sums above; it only eats into the time the last try has.
     */
    public static final Duration WAKE_RETRY = Duration.ofSeconds(3);
    /** The gateway calls the controller's {@code enter} makes one after the other: validate, then open. */
    public static final int CALLS_PER_CODE = 2;

    /** {@code door_close_timeout_ms}; a value that is not a positive whole number throws {@link IllegalStateException} naming it. */
    public static Duration doorClose(Config config) {
        return config.millis(KitSettings.DOOR_CLOSE_TIMEOUT, 1);
    }
}
