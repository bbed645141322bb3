package io.coco4j.guest.sdk;

import io.coco4j.guest.aa.AttestationAgent;
import io.coco4j.guest.aa.AttestationAgentException;
import io.coco4j.guest.cdh.CdhException;
import io.coco4j.guest.cdh.ConfidentialDataHub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Attests in this process: its own attestation agent and data hub, talking to the KBS directly. */
final class InProcessClient implements Coco4jClient {

    private final AttestationAgent agent;
    private final ConfidentialDataHub hub;

    InProcessClient(AttestationAgent agent, ConfidentialDataHub hub) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    @Override
    public byte[] getResource(URI resource) throws Coco4jException {
        return getResource(resource.toString());
    }

    @Override
    public byte[] getResource(String resource) throws Coco4jException {
        try {
            return hub.getResource(resource);
        } catch (CdhException e) {
            throw new Coco4jException(e.getMessage(), e.kind() == CdhException.Kind.NOT_FOUND, e);
        }
    }

    @Override
    public String getToken() throws Coco4jException {
        try {
            return agent.kbsCredential().token().jwt();
        } catch (AttestationAgentException e) {
            throw new Coco4jException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] unsealSecret(String sealedSecret) throws Coco4jException {
        try {
            return hub.unsealSecret(sealedSecret.getBytes(StandardCharsets.UTF_8));
        } catch (CdhException e) {
            throw new Coco4jException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // nothing held open: connections belong to the JDK's HTTP client
    }
}
