package io.coco4j.verifier.eventlog;

import io.coco4j.protocol.tee.eventlog.TcgAlgorithm;
import io.coco4j.protocol.tee.eventlog.TcgDigest;
import io.coco4j.protocol.tee.eventlog.TcgEvent;
import io.coco4j.protocol.tee.eventlog.TcgEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventDetailsTest {

    private static byte[] hex(String value) {
        return HexFormat.of().parseHex(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0101 0600 0001 | Pci(0,1)",
            "0201 0c00 d041030a02000000 | ACPI(PNP0A03,2)",
            "0305 0600 0000 | USB(0,0)",
            "030b 2500 001320f5fa77000000000000000000000000000000000000000000000000000001 | Mac(001320F5FA77,0x01)",
            "030c 1b00 0100A8C06400A8C00000BC0C0600010000000000000000 | IPv4(192.168.0.100,TCP,Static,192.168.0.1)",
            "0315 1400 00010203040506070001020304050607 | FibreEx(0x0001020304050607,0x0001020304050607)",
            "0401 2a00 0f000000002800000000000000500300000000005e27f1007553d5439eb5de2add4c99320202 | HD(15,GPT,00F1275E-5375-43D5-9EB5-DE2ADD4C9932,0x2800,0x35000)",
            "0401 2a00 00000000000000000000000000000000000000000000000000000000431202a0000000000101 | HD(0,MBR,0x00000000)",
            "0401 2a00 01000000000800000000000000E02E0000000000431202a000000000431202a0000000000101 | HD(1,MBR,0xa0021243,0x800,0x2ee000)",
            "0403 1400 f8d1c555cd04b5468a20e56cbb3052d0 | VenMedia(55C5D1F8-04CD-46B5-8A20-E56CBB3052D0,)",
            "0404 1200 6b00650072006e0065006c000000 | File(kernel)",
            "0501 0c00 8000000041424300 | BBS(DEV,ABC,0)",
            "0501 0900 F0FF000000 | BBS(65520,,0)",
            "0317 1000 010000000000000000000000 | Path(3,23,010000000000000000000000)",
            "0302 0800 00000000 | Path(3,2,00000000)",
            "0601 0600 0000 | Path(6,1,0000)",
    })
    void devicePathNodes(String node, String text) throws Exception {
        assertThat(DevicePathText.nodes(hex(node.replace(" ", "")))).containsExactly(text);
    }

    @Test
    void malformedDevicePathNodeLengthIsAnError() {
        assertThatThrownBy(() -> DevicePathText.nodes(hex("01010200"))).isInstanceOf(EventDetailException.class);
        assertThatThrownBy(() -> DevicePathText.nodes(hex("0101"))).isInstanceOf(EventDetailException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "4d6f6b4c6973745800,MokListX",
            "2e006c0069006e00750078000000,linux",
            "677275625f636d64207365742070616765723d310000,grub_cmd set pager=1",
            "4d6f,Mo",
    })
    void iplText(String data, String text) throws Exception {
        assertThat(EventDetails.of(TcgEventType.EV_IPL, hex(data)).get("string").asText()).isEqualTo(text);
    }

    @Test
    void iplRefusesTooShortData() {
        assertThatThrownBy(() -> EventDetails.of(TcgEventType.EV_IPL, hex("2e00"))).isInstanceOf(EventDetailException.class);
        assertThatThrownBy(() -> EventDetails.of(TcgEventType.EV_IPL, new byte[0])).isInstanceOf(EventDetailException.class);
    }

    @Test
    void efiVariableAuthority() throws Exception {
        var details = EventDetails.of(TcgEventType.EV_EFI_VARIABLE_AUTHORITY, hex(
                "50ab5d6046e00043abb63dd810dd8b2309000000000000002e0000000000000053006200610074004c006500760065006c00"
                        + "736261742c312c323032333031323930300a7368696d2c320a677275622c330a677275622e64656269616e2c340a"));
        assertThat(details.get("unicode_name").asText()).isEqualTo("SbatLevel");
        assertThat(details.get("variable_data").asText()).isEqualTo("c2JhdCwxLDIwMjMwMTI5MDAKc2hpbSwyCmdydWIsMwpncnViLmRlYmlhbiw0Cg==");
        assertThat(details.get("variable_data_length").asLong()).isEqualTo(46);
        assertThat(details.get("variable_name").asText()).isEqualTo("50ab5d60-46e0-0043-abb6-3dd810dd8b23");
    }

    @Test
    void efiVariableRefusesNamesPastTheEnd() {
        assertThatThrownBy(() -> EventDetails.of(TcgEventType.EV_EFI_VARIABLE_BOOT,
                hex("61dfe48bca93d211aa0d00e098032b8c0a000000000000000000000000000000")))
                .isInstanceOf(EventDetailException.class);
    }

    @Test
    void aaelEventTagCarriesDomainOperationAndJsonContent() throws Exception {
        byte[] text = "github.com/confidential-containers Event {\"k\": [1, true]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] data = new byte[8 + text.length];
        System.arraycopy(hex("4c454141"), 0, data, 0, 4);
        data[4] = (byte) text.length;
        System.arraycopy(text, 0, data, 8, text.length);
        var details = EventDetails.of(TcgEventType.EV_EVENT_TAG, data);
        assertThat(details.get("unicode_name").asText()).isEqualTo("AAEL");
        assertThat(details.get("data").get("domain").asText()).isEqualTo("github.com/confidential-containers");
        assertThat(details.get("data").get("operation").asText()).isEqualTo("Event");
        assertThat(details.get("data").get("content").get("k").get(1).asBoolean()).isTrue();
        assertThat(details.get("string").asText()).isEqualTo(new String(text, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void eventTagRefusesATruncatedHeaderOrBody() {
        assertThatThrownBy(() -> EventDetails.of(TcgEventType.EV_EVENT_TAG, hex("0F"))).isInstanceOf(EventDetailException.class);
        assertThatThrownBy(() -> EventDetails.of(TcgEventType.EV_EVENT_TAG, hex("0F74645f7061796c6f616400001090")))
                .isInstanceOf(EventDetailException.class);
    }

    @Test
    void firmwareBlobDescriptionDropsTheTerminator() throws Exception {
        assertThat(EventDetails.of(TcgEventType.EV_EFI_HANDOFF_TABLES2,
                hex("095464785461626c65000100000000000000af96bb93f2b9b84e9462e0ba745642360090800000000000")).get("string").asText())
                .isEqualTo("TdxTable");
        assertThatThrownBy(() -> EventDetails.of(TcgEventType.EV_EFI_PLATFORM_FIRMWARE_BLOB2, hex("3774645f")))
                .isInstanceOf(EventDetailException.class);
    }

    @Test
    void digestMatchOnlyForDataMeasuredTypes() {
        byte[] data = "Calling EFI Application from Boot Option".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        TcgDigest good = new TcgDigest(TcgAlgorithm.SHA384, TcgAlgorithm.SHA384.digest(data));
        TcgDigest bad = new TcgDigest(TcgAlgorithm.SHA256, new byte[32]);
        assertThat(EventLogClaims.digestMatchesEvent(new TcgEvent(2, TcgEventType.EV_EFI_ACTION, List.of(good), data))).isTrue();
        assertThat(EventLogClaims.digestMatchesEvent(new TcgEvent(2, TcgEventType.EV_EFI_ACTION, List.of(good, bad), data))).isFalse();
        assertThat(EventLogClaims.digestMatchesEvent(new TcgEvent(2, TcgEventType.EV_IPL, List.of(good), data))).isFalse();
        assertThat(EventLogClaims.digestMatchesEvent(new TcgEvent(2, TcgEventType.EV_EFI_ACTION, List.of(), data))).isFalse();
    }
}
