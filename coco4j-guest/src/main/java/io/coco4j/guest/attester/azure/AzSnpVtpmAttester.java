package io.coco4j.guest.attester.azure;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.guest.attester.InitDataBinding;
import io.coco4j.guest.attester.RuntimeMeasurement;
import io.coco4j.guest.attester.tpm.Tpm;
import io.coco4j.guest.attester.tpm.TpmAttester;
import io.coco4j.protocol.tee.Tee;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code az-snp-vtpm}: an Azure SEV-SNP confidential VM, attested through its vTPM. Evidence
 * (version 2): the TPM quote with the report data as nonce, the HCL report carrying the same report
 * data as user data, and the VCEK from the instance metadata service. Init-data extends PCR 8.
 */
public final class AzSnpVtpmAttester implements Attester {

    private final TpmAttester.Connector connector;
    private final AzureImds imds;
    private final TpmAttester pcrs;

    public AzSnpVtpmAttester(TpmAttester.Connector connector, AzureImds imds) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.imds = Objects.requireNonNull(imds, "imds");
        this.pcrs = new TpmAttester(connector, AzureVtpm.AK_HANDLE);
    }

    @Override
    public Tee tee() {
        return Tee.AZ_SNP_VTPM;
    }

    @Override
    public ObjectNode evidence(byte[] reportData) throws EvidenceException {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        byte[] hcl;
        ObjectNode quote;
        try (Tpm tpm = new Tpm(connector.open())) {
            hcl = AzureVtpm.hclReport(tpm, reportData);
            if (AzureVtpm.reportType(hcl) != AzureVtpm.REPORT_TYPE_SNP) {
                throw new EvidenceException("the HCL report is not an SNP report");
            }
            quote = AzureVtpm.tpmQuote(tpm, reportData);
        } catch (IOException e) {
            throw new EvidenceException("cannot open the vTPM: " + e.getMessage(), e);
        }
        evidence.put("version", 2);
        evidence.set("tpm_quote", quote);
        evidence.put("hcl_report", AzureVtpm.base64Url(hcl));
        evidence.put("vcek", AzureVtpm.base64Url(imds.vcekDer()));
        return evidence;
    }

    @Override
    public InitDataBinding bindInitData(byte[] digest) throws EvidenceException {
        return pcrs.bindInitData(digest);
    }

    @Override
    public Optional<RuntimeMeasurement> runtimeMeasurement() {
        return pcrs.runtimeMeasurement();
    }
}
