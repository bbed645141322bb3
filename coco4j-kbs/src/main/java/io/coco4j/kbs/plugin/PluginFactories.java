package io.coco4j.kbs.plugin;

import io.coco4j.kbs.plugin.external.ExternalPluginFactory;
import io.coco4j.kbs.plugin.pkcs11.Pkcs11PluginFactory;
import io.coco4j.kbs.plugin.sample.SamplePluginFactory;
import io.coco4j.kbs.resource.ResourcePluginFactory;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The plugin factories a KBS can build from: the built-in ones ({@code resource}, {@code sample},
 * {@code pkcs11}, {@code external}) and every {@link KbsPluginFactory} found by the
 * {@link ServiceLoader}. A service factory cannot replace a built-in one or take a KBS endpoint's name.
 */
public final class PluginFactories {

    /** First path segments the KBS answers itself; no plugin may be named after them. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("auth", "attest", "attestation-policy",
            "reference-value", "resource-policy");

    private final Map<String, KbsPluginFactory> factories;

    private PluginFactories(Map<String, KbsPluginFactory> factories) {
        this.factories = Collections.unmodifiableMap(factories);
    }

    /** The built-in factories plus those of the class path. */
    public static PluginFactories discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    public static PluginFactories discover(ClassLoader loader) {
        Map<String, KbsPluginFactory> factories = new TreeMap<>();
        for (KbsPluginFactory builtIn : new KbsPluginFactory[] {new ResourcePluginFactory(), new SamplePluginFactory(),
                new Pkcs11PluginFactory(), new ExternalPluginFactory()}) {
            factories.put(builtIn.name(), builtIn);
        }
        for (KbsPluginFactory found : ServiceLoader.load(KbsPluginFactory.class, loader)) {
            String name = found.name();
            if (RESERVED.contains(name) || !name.matches("[a-z0-9][a-z0-9_-]*")) {
                throw new IllegalStateException("plugin factory " + found.getClass().getName() + " has an unusable name '" + name + "'");
            }
            KbsPluginFactory previous = factories.putIfAbsent(name, found);
            if (previous != null && previous != found) {
                throw new IllegalStateException("two plugin factories are named '" + name + "': "
                        + previous.getClass().getName() + " and " + found.getClass().getName());
            }
        }
        return new PluginFactories(factories);
    }

    public Optional<KbsPluginFactory> find(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    public java.util.Set<String> names() {
        return factories.keySet();
    }
}
