package io.coco4j.cli.rvps;

import io.coco4j.cli.admin.AdminAccess;
import io.coco4j.rvps.intoto.LayoutTrust;

import java.util.Optional;

/** Picks where a command acts: the KBS at {@code --url}, else the local data directory's store. */
final class RvpsTarget {

    private RvpsTarget() {
    }

    static ReferenceValues open(AdminAccess access, Optional<LayoutTrust> localTrust) throws Exception {
        if (access.hasUrl()) {
            return new RemoteReferenceValues(access.client());
        }
        return new LocalReferenceValues(access.dataDir(), localTrust);
    }
}
