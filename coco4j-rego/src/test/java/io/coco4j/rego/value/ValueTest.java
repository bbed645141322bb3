package io.coco4j.rego.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTest {

    @Test
    void equalNumbersAreEqualWhateverTheirSpelling() {
        NumberValue a = NumberValue.parse("1");
        NumberValue b = NumberValue.parse("1.0");
        NumberValue c = NumberValue.parse("1e0");
        assertThat(a).isEqualTo(b).isEqualTo(c);
        assertThat(a.hashCode()).isEqualTo(b.hashCode()).isEqualTo(c.hashCode());
        assertThat(NumberValue.parse("3.50")).isEqualTo(NumberValue.parse("3.5"));
        assertThat(NumberValue.parse("3.50").hashCode()).isEqualTo(NumberValue.parse("3.5").hashCode());
        assertThat(NumberValue.parse("-1").hashCode()).isEqualTo(NumberValue.parse("-1.0").hashCode());
    }

    @Test
    void bigNumbersKeepExactValues() {
        NumberValue big = NumberValue.parse("18446744073709551617");
        assertThat(big.isLong()).isFalse();
        assertThat(big.toBigInteger()).contains(new BigInteger("18446744073709551617"));
        assertThat(big).isEqualTo(NumberValue.of(new BigInteger("18446744073709551617")));
        assertThat(big.hashCode()).isEqualTo(NumberValue.of(new BigDecimal("1.8446744073709551617e19")).hashCode());
        assertThat(NumberValue.parse("1e400").compareNumber(NumberValue.parse("1e399"))).isPositive();
        assertThat(NumberValue.parse("1e-400").compareNumber(NumberValue.ZERO)).isPositive();
        assertThat(NumberValue.parse("0.1234567890123456789").compareNumber(NumberValue.parse("0.1234567890123456788"))).isPositive();
        assertThat(NumberValue.parse("1e1000000000").toBigInteger()).isEmpty();
    }

    @Test
    void numbersPrintAsJson() {
        assertThat(NumberValue.parse("100.0").toString()).isEqualTo("100");
        assertThat(NumberValue.parse("0.25").toString()).isEqualTo("0.25");
        assertThat(NumberValue.parse("2e-18").toString()).isEqualTo("2e-18");
        assertThat(NumberValue.parse("1e30").toString()).isEqualTo("1000000000000000000000000000000");
        assertThat(NumberValue.of(0.1 + 0.2).toString()).isEqualTo("0.30000000000000004");
    }

    @Test
    void canonicalOrderAcrossTypes() {
        List<Value> sorted = List.of(NullValue.INSTANCE, BooleanValue.FALSE, BooleanValue.TRUE, NumberValue.of(-1),
                NumberValue.parse("2.5"), StringValue.of("a"), StringValue.of("b"), ArrayValue.of(NumberValue.ONE),
                ObjectValue.EMPTY, SetValue.EMPTY);
        for (int i = 0; i + 1 < sorted.size(); i++) {
            assertThat(ValueOrder.compare(sorted.get(i), sorted.get(i + 1))).as(sorted.get(i) + " < " + sorted.get(i + 1)).isNegative();
        }
        // regorus orders sets before objects
        assertThat(ValueOrder.compare(SetValue.EMPTY, ObjectValue.EMPTY, true)).isNegative();
        // strings compare by code point (UTF-8 byte order), not UTF-16 unit
        assertThat(ValueOrder.compare(StringValue.of("\uFFFF"), StringValue.of("\uD83D\uDE00"))).isNegative();
    }

    @Test
    void setsAndObjectsAreCanonical() {
        SetValue s = SetValue.of(NumberValue.of(3), NumberValue.ONE, NumberValue.parse("3.0"));
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.elements()).containsExactly(NumberValue.ONE, NumberValue.of(3));
        ObjectValue o = ObjectValue.builder().put("b", NumberValue.ONE).put("a", NumberValue.ZERO).build();
        assertThat(o.keys()).containsExactly(StringValue.of("a"), StringValue.of("b"));
        assertThat(o.with(StringValue.of("c"), NullValue.INSTANCE).without(StringValue.of("a")).keys())
                .containsExactly(StringValue.of("b"), StringValue.of("c"));
        ObjectValue big = ObjectValue.EMPTY;
        for (int i = 0; i < 50; i++) {
            big = big.with(NumberValue.of(i), StringValue.of("v" + i));
        }
        assertThat(big.get(NumberValue.parse("42.0"))).isEqualTo(StringValue.of("v42"));
    }

    @Test
    void jsonRoundTripIsExact() {
        String json = "{\"a\":[1,2.50,1e400,18446744073709551617,-0.000001],\"b\":{\"c\":null,\"d\":true},\"e\":\"\\u00e9\\n\"}";
        Value v = Json.parse(json);
        assertThat(((ArrayValue) ((ObjectValue) v).get("a")).get(1)).isEqualTo(NumberValue.parse("2.5"));
        Value again = Json.parse(Json.write(v));
        assertThat(again).isEqualTo(v);
        assertThat(Json.write(SetValue.of(StringValue.of("b"), StringValue.of("a")))).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void jacksonTreesConvertExactly() throws Exception {
        Value v = Json.parse("{\"n\":0.1,\"big\":18446744073709551617,\"l\":[true,null,\"s\"]}");
        com.fasterxml.jackson.databind.JsonNode node = Json.toNode(v);
        assertThat(node.get("n").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(Json.fromNode(node)).isEqualTo(v);
        assertThat(Json.fromNode(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"d\": 0.1}")))
                .isEqualTo(Json.parse("{\"d\": 0.1}"));
    }

    @Test
    void deeplyNestedJsonIsRejectedNotAStackOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void invalidJsonIsRejectedWithAReason() {
        assertThatThrownBy(() -> Json.parse("{\"a\": }")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> Json.parse("[1] [2]")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Json.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void regoTextRendersLiterals() {
        Value v = ArrayValue.of(StringValue.of("x"), SetValue.of(NumberValue.ONE), SetValue.EMPTY,
                ObjectValue.builder().put("k", NullValue.INSTANCE).build());
        assertThat(v.toRegoString()).isEqualTo("[\"x\", {1}, set(), {\"k\": null}]");
        assertThat(RegoText.of(SetValue.EMPTY, "{}")).isEqualTo("{}");
    }
}
