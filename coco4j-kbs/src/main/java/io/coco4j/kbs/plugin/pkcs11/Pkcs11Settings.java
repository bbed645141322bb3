package io.coco4j.kbs.plugin.pkcs11;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.plugin.PluginInitializationException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code pkcs11} plugin's entry: {@code module} (the PKCS#11 library), {@code slot_index}
 * (default 0), {@code pin} (the user PIN). {@code toString} never shows the PIN.
 */
public record Pkcs11Settings(Path module, int slotIndex, char[] pin) {

    public Pkcs11Settings {
        pin = pin.clone();
    }

    @Override
    public char[] pin() {
        return pin.clone();
    }

    static Pkcs11Settings parse(JsonNode settings) throws PluginInitializationException {
        for (java.util.Iterator<String> keys = settings.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!java.util.Set.of("module", "slot_index", "pin").contains(key)) {
                throw new PluginInitializationException("pkcs11 plugin: " + key + " is not a known setting (module, slot_index, pin)");
            }
        }
        String module = settings.path("module").asText("");
        if (module.isEmpty() || !Files.isReadable(Path.of(module))) {
            throw new PluginInitializationException("pkcs11 plugin: module '" + module + "' is not a readable PKCS#11 library");
        }
        int slot = settings.path("slot_index").asInt(0);
        if (slot < 0) {
            throw new PluginInitializationException("pkcs11 plugin: slot_index must not be negative");
        }
        String pin = settings.path("pin").asText("");
        if (pin.isEmpty()) {
            throw new PluginInitializationException("pkcs11 plugin: pin is required");
        }
        return new Pkcs11Settings(Path.of(module), slot, pin.toCharArray());
    }

    @Override
    public String toString() {
        return "Pkcs11Settings[module=" + module + ", slotIndex=" + slotIndex + "]";
    }
}
