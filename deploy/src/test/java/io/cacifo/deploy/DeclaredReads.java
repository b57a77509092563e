package io.cacifo.deploy;

import com.openfaas.entrypoint.EntrypointSettings;
import io.cacifo.controller.ControllerSettings;
import io.cacifo.doorio.DoorIoSettings;
import io.cacifo.doors.DoorManagerSettings;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.config.Reads;
import io.cacifo.kit.config.Setting;
import io.cacifo.partners.PartnerManagerSettings;
import io.cacifo.reservations.ReservationSettings;
import io.cacifo.screen.ScreenSettings;
import io.cacifo.users.UserManagerSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each function declares it reads (its settings class's {@code READS}, the only settings and
 * secrets its code can read: Services refuses any other), and the entrypoint's own settings, which
 * every function reads too.
 */
final class DeclaredReads {
    static final Map<String, Reads> BY_FUNCTION = Map.of(
            "user-manager", UserManagerSettings.READS,
            "partner-manager", PartnerManagerSettings.READS,
            "door-manager", DoorManagerSettings.READS,
            "reservation-manager", ReservationSettings.READS,
            "door-io", DoorIoSettings.READS,
            "screen-io", ScreenSettings.READS,
            "controller", ControllerSettings.READS);

    private DeclaredReads() {
    }

    static Reads of(String function) {
        Reads reads = BY_FUNCTION.get(function);
        if (reads == null) {
            throw new IllegalArgumentException("no declaration for function " + function + "; known: " + BY_FUNCTION.keySet());
        }
        return reads;
    }

    /** The setting keys {@code function} reads: its declaration's and the entrypoint's. */
    static Set<String> settingKeys(String function) {
        Set<String> keys = new TreeSet<>(EntrypointSettings.DEFAULTS.keySet());
        of(function).settings().forEach(setting -> keys.add(setting.key()));
        return keys;
    }

    /** Every setting the kit and the functions declare, each as often as it is declared (a kit setting in several). */
    static List<Setting> allSettings() {
        List<Setting> all = new ArrayList<>(KitSettings.ALL);
        BY_FUNCTION.values().forEach(reads -> all.addAll(reads.settings()));
        return all;
    }

    /** Every secret name any function declares. */
    static Set<String> allSecrets() {
        Set<String> all = new TreeSet<>();
        BY_FUNCTION.values().forEach(reads -> all.addAll(reads.secrets()));
        return all;
    }
}
