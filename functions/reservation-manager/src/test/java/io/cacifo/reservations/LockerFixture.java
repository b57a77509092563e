package io.cacifo.reservations;

import com.openfaas.function.Handler;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reservation-manager on a fresh database, called in-process through its Handler with requests
 * signed as docs/api.md "Who may call what" says (insert, update, delete by the back-end's key, the
 * rest by the locker's internal key), plus makers for doors and parcels that never collide.
 */
final class LockerFixture implements AutoCloseable {
    private static final AtomicInteger NEXT_DOOR = new AtomicInteger(100);
    /** Ten digits: the policy length. */
    private static final AtomicLong NEXT_CODE = new AtomicLong(2_000_000_000L);
    static final Set<String> BACKEND_ONLY = Set.of("insert", "update", "delete");

    final TestLocker locker;
    final Handler handler;

    LockerFixture() {
        this(Map.of());
    }

    /** A fixture whose reservation-manager runs with {@code settings} on top of the test defaults. */
    LockerFixture(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        // A pool as large as the concurrency test's threads, so they really meet at the code row's lock.
        all.put("db_pool_size", "10");
        all.putAll(settings);
        locker = TestLocker.create("reservation-manager", all);
        handler = new Handler(locker.services());
    }

    /** {@code action} signed by whom the contract lets call it: the back-end for changes, the locker otherwise. */
    TestReply call(String action, Object body) {
        return TestLocker.send(handler, BACKEND_ONLY.contains(action)
                ? locker.backendSigned(action, body) : locker.signed(action, body));
    }

    String dump() throws SQLException {
        return locker.database().dump();
    }

    String scalar(String sql) throws SQLException {
        return locker.database().scalar(sql);
    }

    void execute(String sql) throws SQLException {
        locker.database().execute(sql);
    }

    /** A new FREE door nobody else uses. */
    int newDoor() throws SQLException {
        int id = NEXT_DOOR.incrementAndGet();
        execute("INSERT INTO doors (id, size) VALUES (" + id + ", 'MEDIUM')");
        return id;
    }

    /** A code no other parcel in this JVM has. */
    static String freshCode() {
        return Long.toString(NEXT_CODE.incrementAndGet());
    }

    /** An insert body for a new parcel in {@code doorId} with fresh codes; callers may change fields but external_id. */
    static Map<String, Object> insertBody(String externalId, int doorId) {
        return insertBody(externalId, doorId, Codes.fresh());
    }

    /** An insert body with {@code codes} sealed for this locker and bound to {@code externalId}, as the back-end sends it. */
    static Map<String, Object> insertBody(String externalId, int doorId, Codes codes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("external_id", externalId);
        body.put("door_id", doorId);
        body.put("codes_envelope", TestLocker.sealCodes(externalId, codes.deposit, codes.pickup, codes.backup));
        return body;
    }

    /** Inserts an ARRIVING parcel in a new door and returns it with its plain codes. */
    Parcel newParcel(String externalId) throws SQLException {
        return newParcelAt(externalId, newDoor());
    }

    /** Inserts an ARRIVING parcel in {@code door} (which must take it) and returns it with its plain codes. */
    Parcel newParcelAt(String externalId, int door) {
        Codes codes = Codes.fresh();
        TestReply created = call("insert", insertBody(externalId, door, codes));
        if (created.status() != 201) {
            throw new AssertionError("could not insert a parcel: " + created);
        }
        return new Parcel(created.number("id"), door, codes.deposit, codes.pickup, codes.backup);
    }

    @Override
    public void close() throws Exception {
        locker.close();
    }

    /** Three codes as the back-end chose them, before they are sealed. */
    static final class Codes {
        final String deposit;
        final String pickup;
        final String backup;

        Codes(String deposit, String pickup, String backup) {
            this.deposit = deposit;
            this.pickup = pickup;
            this.backup = backup;
        }

        static Codes fresh() {
            return new Codes(freshCode(), freshCode(), freshCode());
        }
    }

    /** A parcel a test made, with the codes only the back-end and the test know in clear. */
    static final class Parcel {
        final long id;
        final int doorId;
        final String deposit;
        final String pickup;
        final String backup;

        Parcel(long id, int doorId, String deposit, String pickup, String backup) {
            this.id = id;
            this.doorId = doorId;
            this.deposit = deposit;
            this.pickup = pickup;
            this.backup = backup;
        }

        Map<String, Object> id() {
            return Map.of("id", id);
        }
    }
}
