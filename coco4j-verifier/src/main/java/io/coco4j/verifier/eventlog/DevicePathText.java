package io.coco4j.verifier.eventlog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The text form of UEFI device paths (UEFI 2.10 §10.6) for the nodes the reference renders:
 * PCI, ACPI, USB, MAC, IPv4, Fibre Channel Ex, hard drive, vendor media, file path, BBS. Any other
 * node, or one too short for its type, is rendered generically as {@code Path(type,subtype,hex)}.
 */
final class DevicePathText {

    private static final HexFormat HEX = HexFormat.of();

    private DevicePathText() {
    }

    /** The nodes of a device path without its end node. */
    static List<String> nodes(byte[] path) throws EventDetailException {
        List<String> out = new ArrayList<>();
        int position = 0;
        while (position < path.length) {
            if (path.length - position < 4) {
                throw new EventDetailException("device path node header needs 4 bytes, " + (path.length - position) + " remain");
            }
            int type = path[position] & 0xFF;
            int subType = path[position + 1] & 0xFF;
            int length = (path[position + 2] & 0xFF) | (path[position + 3] & 0xFF) << 8;
            if (length < 4 || length > path.length - position) {
                throw new EventDetailException("device path node length " + length + " does not fit the " + (path.length - position) + " remaining bytes");
            }
            byte[] data = java.util.Arrays.copyOfRange(path, position + 4, position + length);
            String text;
            try {
                text = node(type, subType, data);
            } catch (EventDetailException | RuntimeException unrecognised) {
                text = "Path(" + type + "," + subType + "," + HEX.formatHex(data) + ")";
            }
            out.add(text);
            position += length;
        }
        return out;
    }

    private static String node(int type, int subType, byte[] data) throws EventDetailException {
        return switch (type) {
            case 1 -> hardware(subType, data);
            case 2 -> acpi(subType, data);
            case 3 -> messaging(subType, data);
            case 4 -> media(subType, data);
            case 5 -> bbs(subType, data);
            default -> throw new EventDetailException("unknown device path type " + type);
        };
    }

    private static String hardware(int subType, byte[] data) throws EventDetailException {
        if (subType != 1 || data.length < 2) {
            throw new EventDetailException("unsupported hardware node");
        }
        return "Pci(" + (data[0] & 0xFF) + "," + (data[1] & 0xFF) + ")";
    }

    private static String acpi(int subType, byte[] data) throws EventDetailException {
        if (subType != 1 || data.length < 8) {
            throw new EventDetailException("unsupported ACPI node");
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int hid = in.getInt();
        long uid = in.getInt() & 0xFFFFFFFFL;
        int vendor = hid & 0xFFFF;
        // EISA ID: three 5-bit letters then a 16-bit product number
        String id = "" + (char) (((vendor >> 10) & 0x1F) + '@') + (char) (((vendor >> 5) & 0x1F) + '@')
                + (char) ((vendor & 0x1F) + '@') + String.format("%04X", hid >>> 16);
        return "ACPI(" + id + "," + uid + ")";
    }

    private static String messaging(int subType, byte[] data) throws EventDetailException {
        switch (subType) {
            case 0x05 -> {
                require(data, 2);
                return "USB(" + (data[0] & 0xFF) + "," + (data[1] & 0xFF) + ")";
            }
            case 0x0B -> {
                require(data, 33);
                String mac = HEX.formatHex(data, 0, 31).replaceAll("0+$", "").toUpperCase(java.util.Locale.ROOT);
                return String.format("Mac(%s,0x%02X)", mac, data[32] & 0xFF);
            }
            case 0x0C -> {
                require(data, 23);
                ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                String local = ipv4(in.getInt());
                String remote = ipv4(in.getInt());
                in.getShort();
                in.getShort();
                String protocol = switch (in.getShort() & 0xFFFF) {
                    case 6 -> "TCP";
                    case 17 -> "UDP";
                    default -> "";
                };
                String origin = switch (in.get() & 0xFF) {
                    case 0 -> "DHCP";
                    case 1 -> "Static";
                    default -> "";
                };
                long gateway = in.getInt() & 0xFFFFFFFFL;
                long subnet = in.getInt() & 0xFFFFFFFFL;
                String tail = gateway != 0 || subnet != 0 ? "," + gateway + "," + subnet : "";
                return "IPv4(" + remote + "," + protocol + "," + origin + "," + local + tail + ")";
            }
            case 0x15 -> {
                require(data, 16);
                return "FibreEx(0x" + HEX.formatHex(data, 0, 8) + ",0x" + HEX.formatHex(data, 8, 16) + ")";
            }
            default -> throw new EventDetailException("unsupported messaging node");
        }
    }

    /** The address whose bits are the little-endian word read from the node. */
    private static String ipv4(int bits) {
        return ((bits >>> 24) & 0xFF) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
    }

    private static String media(int subType, byte[] data) throws EventDetailException {
        switch (subType) {
            case 0x01 -> {
                require(data, 38);
                ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                long partition = in.getInt() & 0xFFFFFFFFL;
                long start = in.getLong();
                long size = in.getLong();
                String format;
                String signature;
                switch (data[36]) {
                    case 0x01 -> {
                        format = "MBR";
                        signature = String.format("0x%08x", ByteBuffer.wrap(data, 20, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
                    }
                    case 0x02 -> {
                        format = "GPT";
                        signature = guid(data, 20);
                    }
                    default -> throw new EventDetailException("unknown partition format " + data[36]);
                }
                String extent = partition != 0 ? ",0x" + Long.toHexString(start) + ",0x" + Long.toHexString(size) : "";
                return "HD(" + partition + "," + format + "," + signature + extent + ")";
            }
            case 0x03 -> {
                require(data, 16);
                return "VenMedia(" + guid(data, 0) + "," + HEX.formatHex(data, 16, data.length) + ")";
            }
            case 0x04 -> {
                if (data.length == 0 || data.length % 2 != 0) {
                    throw new EventDetailException("file path is not UTF-16");
                }
                return "File(" + utf16Lossy(data, data.length - 2) + ")";
            }
            default -> throw new EventDetailException("unsupported media node");
        }
    }

    private static String bbs(int subType, byte[] data) throws EventDetailException {
        if (subType != 1) {
            throw new EventDetailException("unsupported BBS node");
        }
        require(data, 4);
        int deviceType = (data[0] & 0xFF) | (data[1] & 0xFF) << 8;
        int status = (data[2] & 0xFF) | (data[3] & 0xFF) << 8;
        String name = switch (deviceType) {
            case 0x01 -> "FLOPPY";
            case 0x02 -> "HARD_DRIVE";
            case 0x03 -> "CDROM";
            case 0x04 -> "PCMCIA";
            case 0x05 -> "USB";
            case 0x06 -> "EMBEDDED_NETWORK";
            case 0x80 -> "DEV";
            case 0xFF -> "UNKNOWN";
            default -> Integer.toString(deviceType);
        };
        int end = 4;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        String description;
        try {
            description = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data, 4, end - 4)).toString();
        } catch (CharacterCodingException e) {
            throw new EventDetailException("BBS description is not UTF-8");
        }
        return "BBS(" + name + "," + description + "," + status + ")";
    }

    private static void require(byte[] data, int length) throws EventDetailException {
        if (data.length < length) {
            throw new EventDetailException("device path node needs " + length + " bytes, has " + data.length);
        }
    }

    /** A mixed-endian GUID in its registry form, upper case. */
    static String guid(byte[] data, int offset) {
        ByteBuffer in = ByteBuffer.wrap(data, offset, 16).order(ByteOrder.LITTLE_ENDIAN);
        int data1 = in.getInt();
        int data2 = in.getShort() & 0xFFFF;
        int data3 = in.getShort() & 0xFFFF;
        StringBuilder out = new StringBuilder(String.format("%08X-%04X-%04X-", data1, data2, data3));
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                out.append('-');
            }
            out.append(String.format("%02X", data[offset + i] & 0xFF));
        }
        return out.toString();
    }

    /** UTF-16LE of the first {@code length} bytes, unpaired surrogates replaced. */
    static String utf16Lossy(byte[] data, int length) {
        return new String(data, 0, length, StandardCharsets.UTF_16LE);
    }
}
