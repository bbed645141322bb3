package io.coco4j.protocol.pkcs11;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a PKCS#11 token is and how to log in to it: the module library, the token's slot (by id,
 * or by its index in the slot list), and the user PIN, given inline or in a file. The PIN never
 * appears in {@link #toString()}.
 *
 * @param library        the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param slot           the slot id ({@code slot}), exclusive with {@code slotListIndex}
 * @param slotListIndex  the index in the module's slot list ({@code slot_list_index}); 0 when neither is given
 * @param pin            the user PIN ({@code pin}), exclusive with {@code pinFile}
 * @param pinFile        a file whose first line is the user PIN ({@code pin_file})
 */
public record Pkcs11Settings(Path library, Optional<Long> slot, Optional<Integer> slotListIndex, Optional<String> pin,
                             Optional<Path> pinFile) {

    public Pkcs11Settings {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(slotListIndex, "slotListIndex");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(pinFile, "pinFile");
        if (slot.isPresent() && slotListIndex.isPresent()) {
            throw new IllegalArgumentException("give either slot or slot_list_index, not both");
        }
        if (pin.isPresent() == pinFile.isPresent()) {
            throw new IllegalArgumentException("give exactly one of pin and pin_file");
        }
        if (slotListIndex.isPresent() && slotListIndex.get() < 0) {
            throw new IllegalArgumentException("slot_list_index must not be negative");
        }
    }

    /** Where the token is, for messages: library and slot, never the PIN. */
    public String describeToken() {
        return library + (slot.isPresent() ? " slot " + slot.get() : " slot list index " + slotListIndex.orElse(0));
    }

    @Override
    public String toString() {
        return "Pkcs11Settings[" + describeToken() + ", pin=<redacted>]";
    }
}
