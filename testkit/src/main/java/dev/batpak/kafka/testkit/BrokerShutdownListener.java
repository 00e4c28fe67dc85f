package dev.batpak.kafka.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared in-JVM broker when the test run ends. Stopping it from a JVM shutdown hook
 * instead races the test kit's own hook that deletes the broker's directories; the broker then
 * sees its log directory vanish and halts the JVM with a non-zero code, which fails the build
 * after every test passed. Registered through {@code META-INF/services}.
 */
public final class BrokerShutdownListener implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        InJvmKafkaBroker.closeShared();
    }
}
