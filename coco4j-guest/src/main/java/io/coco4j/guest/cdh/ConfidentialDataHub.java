package io.coco4j.guest.cdh;

import io.coco4j.guest.secret.EnvelopeKeyDecryptor;
import io.coco4j.guest.secret.SealedSecretException;
import io.coco4j.guest.secret.SecretStore;
import io.coco4j.guest.secret.SecretUnsealer;
import io.coco4j.guest.secret.VerificationKeys;
import io.coco4j.protocol.resource.ResourceUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The Confidential Data Hub: confidential resources by KBS resource URI, sealed secrets, and (for the
 * image issue that follows) key unwrapping and image pulls. Transport-neutral: the ttRPC and gRPC
 * servers call it through {@link ConfidentialDataHubService}; the SDK calls it in-process.
 * Resource bytes are returned to the caller and never logged.
 */
public final class ConfidentialDataHub {

    private static final Logger LOG = LoggerFactory.getLogger(ConfidentialDataHub.class);

    /** Where sealed-secret verification keys named by a plain kid live. */
    public static final Path SEALED_SECRET_KEYS = Path.of("/run/confidential-containers/cdh/sealed-secret");

    private final ResourceGetter resources;
    private final SecretUnsealer unsealer;
    private final ImageService images;

    public ConfidentialDataHub(ResourceGetter resources, boolean skipSealedSecretVerification, Path sealedSecretKeys) {
        this(resources, skipSealedSecretVerification, sealedSecretKeys, null);
    }

    /** With {@code images} serving {@code UnWrapKey} and {@code PullImage} ({@code null}: not supported). */
    public ConfidentialDataHub(ResourceGetter resources, boolean skipSealedSecretVerification, Path sealedSecretKeys,
                               ImageService images) {
        this.resources = Objects.requireNonNull(resources, "resources");
        this.images = images;
        SecretStore kbs = (name, annotations) -> {
            try {
                return getResource(name);
            } catch (CdhException e) {
                throw new SealedSecretException("the vault secret '" + name + "' is unavailable: " + e.getMessage(), e);
            }
        };
        VerificationKeys keys = kid -> verificationKey(kid, sealedSecretKeys);
        this.unsealer = new SecretUnsealer(keys, Map.of("kbs", kbs), Map.<String, EnvelopeKeyDecryptor>of(), skipSealedSecretVerification);
    }

    public ConfidentialDataHub(ResourceGetter resources) {
        this(resources, false, SEALED_SECRET_KEYS);
    }

    /** The resource behind a {@code kbs:///repo/type/tag} (or {@code kbs+plugin://}) URI. */
    public byte[] getResource(String uri) throws CdhException {
        ResourceUri parsed;
        try {
            parsed = ResourceUris.parse(uri);
        } catch (ResourceException e) {
            throw new CdhException(CdhException.Kind.BAD_REQUEST, e.getMessage());
        }
        try {
            return resources.getResource(parsed);
        } catch (ResourceException e) {
            throw new CdhException(e.notFound() ? CdhException.Kind.NOT_FOUND : CdhException.Kind.FAILED,
                    "cannot get " + parsed + ": " + e.getMessage(), e);
        }
    }

    /** The plaintext of a sealed secret ({@code sealed.…}). */
    public byte[] unsealSecret(byte[] sealed) throws CdhException {
        try {
            return unsealer.unseal(sealed);
        } catch (SealedSecretException e) {
            throw new CdhException(CdhException.Kind.FAILED, "cannot unseal the secret: " + e.getMessage(), e);
        }
    }

    /** Key-provider {@code UnWrapKey}: the key of an encrypted image layer. */
    public byte[] unwrapKey(byte[] keyProviderInput) throws CdhException {
        if (images == null) {
            throw new CdhException(CdhException.Kind.NOT_SUPPORTED, "UnWrapKey is not supported by this hub (no image service)");
        }
        return images.unwrapKey(keyProviderInput);
    }

    /** {@code PullImage}: the image's rootfs under the bundle path; the manifest digest. */
    public String pullImage(String imageUrl, String bundlePath) throws CdhException {
        if (images == null) {
            throw new CdhException(CdhException.Kind.NOT_SUPPORTED, "PullImage is not supported by this hub (no image service)");
        }
        return images.pullImage(imageUrl, bundlePath);
    }

    /** {@code SecureMount}: not supported (block devices and cloud storage are outside coco4j). */
    public String secureMount(String volumeType) throws CdhException {
        throw new CdhException(CdhException.Kind.NOT_SUPPORTED, "SecureMount of '" + volumeType + "' volumes is not supported");
    }

    /**
     * The verification key for a sealed secret's {@code kid}: from the KBS when it is a resource URI,
     * else the file of that name in {@code directory}, which the kid must not escape.
     */
    private byte[] verificationKey(String kid, Path directory) throws SealedSecretException {
        if (kid.startsWith("kbs://") || kid.startsWith("kbs+")) {
            try {
                return getResource(kid);
            } catch (CdhException e) {
                throw new SealedSecretException("cannot fetch the verification key " + kid + ": " + e.getMessage(), e);
            }
        }
        try {
            Path base = directory.toRealPath();
            Path file = base.resolve(kid).normalize();
            if (!file.startsWith(base)) {
                throw new SealedSecretException("the sealed secret's kid '" + kid + "' leaves the key directory");
            }
            Path real = file.toRealPath();
            if (!real.startsWith(base) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new SealedSecretException("the sealed secret's kid '" + kid + "' leaves the key directory");
            }
            return Files.readAllBytes(real);
        } catch (NoSuchFileException e) {
            throw new SealedSecretException("no verification key '" + kid + "' (neither a kbs:// URI nor a file in " + directory + ")");
        } catch (IOException e) {
            throw new SealedSecretException("cannot read the verification key '" + kid + "': " + e.getMessage());
        }
    }

    /** Fetches each configured credential and writes it (mode 0600) to its path. */
    public void provisionCredentials(Iterable<CdhConfig.Credential> credentials) throws CdhException {
        for (CdhConfig.Credential credential : credentials) {
            byte[] value = getResource(credential.resourceUri());
            try {
                Files.createDirectories(credential.path().getParent());
                Path temp = Files.createTempFile(credential.path().getParent(), ".credential", ".tmp",
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                Files.write(temp, value);
                Files.move(temp, credential.path(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                LOG.info("provisioned {} to {}", credential.resourceUri(), credential.path());
            } catch (IOException e) {
                throw new CdhException(CdhException.Kind.FAILED, "cannot write " + credential.path() + ": " + e.getMessage(), e);
            } finally {
                java.util.Arrays.fill(value, (byte) 0);
            }
        }
    }
}
