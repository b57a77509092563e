package io.cacifo.controller;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.config.Reads;
import io.cacifo.kit.config.Setting;
import io.cacifo.kit.config.Timeouts;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The controller's own settings and everything the controller reads ({@link #READS}). The numbers are
 * read at start and a bad one fails start-up; {@code locker_id} and {@code backend_url} are checked
 * when the outbox is first sent, so a mistake there stops events, never doors. The door wait is the
 * kit's {@code door_close_timeout_ms}; the controller asks door-io for that wait and waits
 * {@link Timeouts#DOOR_IO_MARGIN} longer for door-io's answer.
 */
public final class ControllerSettings {
    /** This locker's name at the back-end; required for sending events. */
    public static final Setting LOCKER_ID = Setting.required("locker_id");
    /**
     * The back-end's base URL; events go to {@code <backend_url>/events}. Required for sending events.
     * It must be https, unless its host is this machine (127.0.0.0/8, ::1, localhost), where nothing
     * crosses a network.
     */
    public static final Setting BACKEND_URL = Setting.required("backend_url");
    /** The pause between background rounds (reconcile the door journal, then flush the outbox; the first runs at start-up); 0 turns them off. */
    public static final Setting OUTBOX_INTERVAL = Setting.of("outbox_interval_ms", "5000");
    /** How long one POST to the back-end may take. */
    public static final Setting BACKEND_TIMEOUT = Setting.of("backend_timeout_ms", "10000");
    /** The first pause before the follow-up retries a failed {@code complete} (then 3 times that); named for the call it once was. */
    public static final Setting DISABLE_RETRY_DELAY = Setting.of("disable_retry_delay_ms", "1000");
    /**
     * At most how often a round also runs reservation-manager's pick-up deadline sweep (reminders,
     * expiry); 0 turns it off. Expiry is late by at most this plus the pause between rounds.
     */
    public static final Setting DEADLINE_CHECK_INTERVAL = Setting.of("deadline_check_interval_ms", "60000");
    /** Shared with the back-end: signs events and checks the back-end's signed answer. */
    public static final String BACKEND_HMAC_KEY = "backend-hmac-key";

    public static final Reads READS = Reads.EVERY_FUNCTION.and(Reads.VERIFIER, Reads.BACKEND_VERIFIER, Reads.DATABASE, Reads.GATEWAY,
            Reads.of(List.of(KitSettings.DOOR_CLOSE_TIMEOUT, LOCKER_ID, BACKEND_URL, OUTBOX_INTERVAL, BACKEND_TIMEOUT,
                    DISABLE_RETRY_DELAY, DEADLINE_CHECK_INTERVAL), List.of(BACKEND_HMAC_KEY)));

    /**
     * A dotted-quad IPv4 literal in 127.0.0.0/8. Numbers above 255 need no check here: {@link URI}
     * gives such an authority no host at all, which is refused before.
     */
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    private final Config config;
    final Duration doorCloseTimeout;
    final Duration outboxInterval;
    final Duration backendTimeout;
    final Duration disableRetryDelay;
    final Duration deadlineCheckInterval;

    ControllerSettings(Config config) {
        this.config = config;
        this.doorCloseTimeout = Timeouts.doorClose(config);
        this.outboxInterval = config.millis(OUTBOX_INTERVAL, 0);
        this.backendTimeout = config.millis(BACKEND_TIMEOUT, 1);
        this.disableRetryDelay = config.millis(DISABLE_RETRY_DELAY, 0);
        this.deadlineCheckInterval = config.millis(DEADLINE_CHECK_INTERVAL, 0);
    }

    /** Throws {@link IllegalStateException} when {@code locker_id} is unset. */
    String lockerId() {
        return config.get(LOCKER_ID);
    }

    /**
     * Throws {@link IllegalStateException} when {@code backend_url} is unset, not an http(s) URL, or
     * plain http to a host that is not loopback: events and the back-end's answers would cross the
     * network unencrypted, and the answer decides which events the locker forgets.
     */
    URI eventsUrl() {
        URI base = config.url(BACKEND_URL);
        if ("http".equals(base.getScheme()) && !isLoopback(base.getHost())) {
            // Scheme and host only: a URL may carry a password in its user part.
            throw new IllegalStateException("setting 'backend_url' must be https unless its host is loopback"
                    + " (127.0.0.0/8, ::1, localhost), got http://" + base.getHost());
        }
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/events");
    }

    /**
     * Whether {@code host} (as {@link URI#getHost} gives it) names this machine without a DNS lookup:
     * {@code localhost}, an IPv4 literal in 127.0.0.0/8, or the IPv6 literal {@code [::1]}. A name
     * such as {@code 127.0.0.1.example.org} is not loopback, whatever it resolves to.
     */
    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        if (LOOPBACK_V4.matcher(host).matches()) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            try {
                // A bracketed host is parsed as an IPv6 literal, never looked up.
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException notALiteral) {
                return false;
            }
        }
        return false;
    }
}
