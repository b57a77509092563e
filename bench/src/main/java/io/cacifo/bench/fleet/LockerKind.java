package io.cacifo.bench.fleet;

/**
 * What a simulated locker is like. Most are healthy; the rest are the troubles the fleet overview
 * must put first, and the three ways a target goes dark ("Bad input" in issue 15).
 */
public enum LockerKind {
    HEALTHY(true),
    /** Its functions answer 5xx often and slowly: a high fault share and p95. */
    FAULTY(true),
    /** A door left open: {@code cacifo_door_alarms_open} 1. */
    ALARM(true),
    /** The back-end is unreachable: the outbox grows and its oldest event ages. */
    BACKLOG(true),
    /** A door jammed out of service. */
    JAMMED(true),
    /** The locker's DB is down: {@code cacifo_db_up 0} and the DB-read gauges absent, as door-manager, controller and screen-io write them. */
    DB_DOWN(true),
    /** Accepts the connection and answers nothing until well after the scrape timeout. */
    TIMEOUT(false),
    /** Answers 200 with an HTML page, which no Prometheus can parse. */
    GARBAGE(false),
    /** Gone: the connection is closed without an answer, as a dead tunnel does. */
    VANISHED(false);

    private final boolean reports;

    LockerKind(boolean reports) {
        this.reports = reports;
    }

    /** False for the three kinds whose scrape fails. */
    public boolean reports() {
        return reports;
    }

    /**
     * The kind of locker {@code number} (1-based) in a fleet of {@code size}. The last
     * {@link #deadCount} lockers are dark (timeout, garbage, vanished in turn), so even 10 lockers
     * have one of each; among the others every 10th is faulty and six in each 60 carry one of
     * the locker's own troubles (numbers 4 to 7 of each 60, so a fleet of 10 has each of them).
     */
    public static LockerKind of(int number, int size) {
        int dead = deadCount(size);
        if (number > size - dead) {
            LockerKind[] dark = {TIMEOUT, GARBAGE, VANISHED};
            return dark[(size - number) % dark.length];
        }
        if (number % 10 == 3) {
            return FAULTY;
        }
        switch (number % 60) {
            case 4:
            case 41:
                return BACKLOG;
            case 5:
                return JAMMED;
            case 6:
                return DB_DOWN;
            case 7:
            case 37:
                return ALARM;
            default:
                return HEALTHY;
        }
    }

    /** 2 % of the fleet, at least one target of each dark kind. */
    public static int deadCount(int size) {
        return Math.min(size, Math.max(3, size / 50));
    }
}
