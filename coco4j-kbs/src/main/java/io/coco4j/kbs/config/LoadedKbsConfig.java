package io.coco4j.kbs.config;

import java.util.List;

/** A parsed configuration together with the "not supported yet" notices found while reading it. */
public record LoadedKbsConfig(KbsConfig config, List<ConfigNotice> notices) {

    public LoadedKbsConfig {
        notices = List.copyOf(notices);
    }
}
