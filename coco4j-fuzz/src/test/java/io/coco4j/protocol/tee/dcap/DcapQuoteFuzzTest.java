package io.coco4j.protocol.tee.dcap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;

/** A DCAP quote (SGX v3, TDX v4/v5) with its signature and certification data. */
@VectorSeeds({"tdx/trustee/*.dat", "tdx/dcap-qvl/tdx_quote", "tdx/go-tdx-guest/quote_v5_sample.dat", "sgx/dcap-qvl/sgx_quote",
        "sgx/trustee/*.dat", "az-tdx-vtpm/td-quote.bin", "eventlog/go-tdx-guest/cos-113-tdx-quote.dat"})
public class DcapQuoteFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            DcapQuote quote = DcapQuote.parse(input);
            quote.signedBytes();
            quote.encode();
        } catch (QuoteFormatException expected) {
            // refused as documented
        }
    }
}
