package dev.batpak.kafka.cli;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Defaults the command line derives from the cluster it talks to. */
public final class ClusterDefaults {

    private ClusterDefaults() {
    }

    /**
     * The replication factor for new topics when none is given: 3 where the cluster has three
     * brokers (an acknowledged write then survives the loss of one), else one per broker.
     */
    public static short replicationFactor(Admin admin, Duration timeout) throws Exception {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                .nodes().get(millis, TimeUnit.MILLISECONDS).size();
        return (short) Math.max(1, Math.min(3, brokers));
    }
}
