package io.coco4j.kbs.api;

/** Authenticates and authorises an administrator request, or refuses it. */
@FunctionalInterface
public interface AdminGate {

    /** @throws KbsApiException of an admin error type when the caller may not do this */
    void check(ApiRequest request) throws KbsApiException;
}
