package io.coco4j.protocol.tee.eventlog;

import java.util.Optional;

/** Event types of the TCG PC Client Platform Firmware Profile (§10.4.1), the set the reference knows. */
public enum TcgEventType {
    EV_PREBOOT_CERT(0x0),
    EV_POST_CODE(0x1),
    EV_UNUSED(0x2),
    EV_NO_ACTION(0x3),
    EV_SEPARATOR(0x4),
    EV_ACTION(0x5),
    EV_EVENT_TAG(0x6),
    EV_S_CRTM_CONTENTS(0x7),
    EV_S_CRTM_VERSION(0x8),
    EV_CPU_MICROCODE(0x9),
    EV_PLATFORM_CONFIG_FLAGS(0xA),
    EV_TABLE_OF_DEVICES(0xB),
    EV_COMPACT_HASH(0xC),
    EV_IPL(0xD),
    EV_IPL_PARTITION_DATA(0xE),
    EV_NONHOST_CODE(0xF),
    EV_NONHOST_CONFIG(0x10),
    EV_NONHOST_INFO(0x11),
    EV_OMIT_BOOT_DEVICE_EVENTS(0x12),
    EV_EFI_EVENT_BASE(0x80000000),
    EV_EFI_VARIABLE_DRIVER_CONFIG(0x80000001),
    EV_EFI_VARIABLE_BOOT(0x80000002),
    EV_EFI_BOOT_SERVICES_APPLICATION(0x80000003),
    EV_EFI_BOOT_SERVICES_DRIVER(0x80000004),
    EV_EFI_RUNTIME_SERVICES_DRIVER(0x80000005),
    EV_EFI_GPT_EVENT(0x80000006),
    EV_EFI_ACTION(0x80000007),
    EV_EFI_PLATFORM_FIRMWARE_BLOB(0x80000008),
    EV_EFI_HANDOFF_TABLES(0x80000009),
    EV_EFI_PLATFORM_FIRMWARE_BLOB2(0x8000000A),
    EV_EFI_HANDOFF_TABLES2(0x8000000B),
    EV_EFI_VARIABLE_BOOT2(0x8000000C),
    EV_EFI_HCRTM_EVENT(0x80000010),
    EV_EFI_VARIABLE_AUTHORITY(0x800000E0),
    EV_EFI_SPDM_FIRMWARE_BLOB(0x800000E1),
    EV_EFI_SPDM_FIRMWARE_CONFIG(0x800000E2);

    private final int value;

    TcgEventType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<TcgEventType> of(int value) {
        for (TcgEventType type : values()) {
            if (type.value == value) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
