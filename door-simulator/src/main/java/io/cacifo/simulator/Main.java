package io.cacifo.simulator;

import io.cacifo.kit.config.Config;

import java.util.logging.Logger;

/** Runs the simulator with the settings from the environment (door-simulator/README.md) until the JVM is stopped. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %5$s%6$s%n");
        }
        Logger log = Logger.getLogger(Main.class.getName());
        SimulatorSettings settings;
        DoorSimulator simulator;
        try {
            settings = SimulatorSettings.from(Config.environment());
            simulator = DoorSimulator.create(settings);
        } catch (IllegalStateException e) {
            System.err.println("door-simulator: " + e.getMessage());
            System.exit(2);
            return;
        }
        simulator.start();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop, "simulator-stop"));
        log.info("[simulator] listening on http://" + settings.bind() + ":" + simulator.port() + "/ with "
                + settings.layout().sizes().size() + " doors"
                + (settings.autoCloseMs() > 0 ? ", doors close by themselves after " + settings.autoCloseMs() + " ms" : ""));
    }
}
