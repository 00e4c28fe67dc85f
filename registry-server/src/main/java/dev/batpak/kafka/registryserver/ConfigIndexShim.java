package dev.batpak.kafka.registryserver;

import io.apicurio.common.apps.config.DynamicConfigPropertyList;
import java.util.List;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Produces;
import javax.inject.Singleton;

/**
 * Provides the one bean that Apicurio's {@code config-index} build extension would generate: that
 * extension's build-time half is not on Maven Central, so it is excluded and this empty list stands
 * in for it. Consequence: the assembled server has no runtime-editable ("dynamic") properties;
 * everything else is the stock application.
 */
@ApplicationScoped
public class ConfigIndexShim {

    /** The list of dynamic configuration properties: empty. */
    @Produces
    @Singleton
    DynamicConfigPropertyList dynamicConfigPropertyList() {
        return new DynamicConfigPropertyList(List.of());
    }
}
