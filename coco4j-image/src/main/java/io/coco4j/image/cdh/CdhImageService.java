package io.coco4j.image.cdh;

import io.coco4j.guest.cdh.CdhException;
import io.coco4j.guest.cdh.ImageService;
import io.coco4j.guest.cdh.ResourceGetter;
import io.coco4j.image.crypt.ProgressListener;
import io.coco4j.image.keyprovider.KeyProviderException;
import io.coco4j.image.keyprovider.KeyProviderKeyUnwrapper;
import io.coco4j.image.keyprovider.KeyProviderService;
import io.coco4j.image.keywrap.EncryptionAnnotations;
import io.coco4j.image.keywrap.KeyNotReleasedException;
import io.coco4j.image.keywrap.KeyUnwrapException;
import io.coco4j.image.pull.ImagePuller;
import io.coco4j.image.pull.Platform;
import io.coco4j.image.registry.ImageName;
import io.coco4j.image.registry.RegistryClient;
import io.coco4j.image.registry.RegistryException;
import io.coco4j.image.unpack.UnpackLimits;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The CDH's image operations: {@code UnWrapKey} serves the key-provider protocol with KEKs from the
 * CDH's resource getter, and {@code PullImage} pulls through the registry client, unwrapping layer
 * keys through that same key-provider path, and unpacks into {@code <bundle>/rootfs}.
 */
public final class CdhImageService implements ImageService {

    private final KeyProviderService keyProvider;
    private final RegistryClient registry;
    private final UnpackLimits limits;

    public CdhImageService(ResourceGetter resources, RegistryClient registry, UnpackLimits limits) {
        this.keyProvider = new KeyProviderService(new ResourceKekSource(resources));
        this.registry = registry;
        this.limits = limits;
    }

    @Override
    public byte[] unwrapKey(byte[] keyProviderInput) throws CdhException {
        try {
            return keyProvider.unwrapKey(keyProviderInput);
        } catch (KeyProviderException e) {
            throw new CdhException(e.getCause() == null ? CdhException.Kind.BAD_REQUEST : CdhException.Kind.FAILED, e.getMessage(), e);
        }
    }

    @Override
    public String pullImage(String imageUrl, String bundlePath) throws CdhException {
        Path bundle;
        try {
            bundle = Path.of(bundlePath);
        } catch (InvalidPathException e) {
            throw new CdhException(CdhException.Kind.BAD_REQUEST, "invalid bundle path: " + e.getMessage());
        }
        try {
            ImageName.parse(imageUrl);
        } catch (IllegalArgumentException e) {
            throw new CdhException(CdhException.Kind.BAD_REQUEST, e.getMessage());
        }
        if (bundlePath.isEmpty() || !bundle.isAbsolute()) {
            throw new CdhException(CdhException.Kind.BAD_REQUEST, "the bundle path must be absolute, got '" + bundlePath + "'");
        }
        ImagePuller puller = new ImagePuller(registry,
                List.of(new KeyProviderKeyUnwrapper(EncryptionAnnotations.ATTESTATION_AGENT_PROVIDER, keyProvider::unwrapKey)),
                limits, ProgressListener.NONE, Platform.current());
        try {
            return puller.pull(imageUrl, bundle).manifestDigest().toString();
        } catch (RegistryException e) {
            throw new CdhException(e.status() == 404 ? CdhException.Kind.NOT_FOUND : CdhException.Kind.FAILED,
                    "cannot pull " + imageUrl + ": " + e.getMessage(), e);
        } catch (FileAlreadyExistsException e) {
            throw new CdhException(CdhException.Kind.BAD_REQUEST, e.getMessage(), e);
        } catch (KeyNotReleasedException e) {
            throw new CdhException(CdhException.Kind.FAILED, "cannot pull " + imageUrl + ": " + e.getMessage(), e);
        } catch (KeyUnwrapException e) {
            throw new CdhException(CdhException.Kind.FAILED, "cannot decrypt " + imageUrl + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CdhException(CdhException.Kind.FAILED, "cannot pull " + imageUrl + ": " + e.getMessage(), e);
        }
    }
}
