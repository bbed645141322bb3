package io.coco4j.kbs.config;

import java.util.List;

/** A parsed service configuration together with the "not supported yet" notices found while reading it. */
public record LoadedServiceConfig<T>(T config, List<ConfigNotice> notices) {

    public LoadedServiceConfig {
        notices = List.copyOf(notices);
    }
}
