package io.cacifo.devstack.backend;

import com.google.gson.JsonObject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The events the back-end has, in the order they arrived, each once: a repeat of an event id is
 * acknowledged again (so the locker stops resending) but not stored twice, and is counted.
 */
public final class ReceivedEvents {
    private final Clock clock;
    private final List<ReceivedEvent> events = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private long duplicates;

    public ReceivedEvents(Clock clock) {
        this.clock = clock;
    }

    /** Records a batch; returns every event id of it, repeats included, as accepted. */
    public synchronized List<String> accept(String lockerId, List<JsonObject> batch) {
        List<String> accepted = new ArrayList<>();
        for (JsonObject event : batch) {
            String id = event.get("event_id").getAsString();
            if (ids.add(id)) {
                events.add(new ReceivedEvent(lockerId, event, clock.instant()));
            } else {
                duplicates++;
            }
            accepted.add(id);
        }
        return accepted;
    }

    public synchronized List<ReceivedEvent> all() {
        return new ArrayList<>(events);
    }

    public synchronized long duplicates() {
        return duplicates;
    }
}
