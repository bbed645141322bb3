package io.coco4j.guest.cdh;

/**
 * The CDH's image operations, provided by the image module: the key-provider {@code UnWrapKey} for
 * encrypted layers and {@code PullImage}. Without one the CDH answers "not supported".
 */
public interface ImageService {

    /** {@code keyprovider.KeyProviderService/UnWrapKey}: the key-provider JSON in, the answer JSON out. */
    byte[] unwrapKey(byte[] keyProviderInput) throws CdhException;

    /** {@code api.ImagePullService/PullImage}: unpacks {@code imageUrl} under {@code bundlePath}; the manifest digest. */
    String pullImage(String imageUrl, String bundlePath) throws CdhException;
}
