package io.coco4j.kbs.server;

import io.coco4j.kbs.config.KbsConfigLoader;
import io.coco4j.kbs.config.LoadedKbsConfig;

import java.nio.file.Path;

/**
 * A KBS replica in a process of its own, for tests that kill one: {@code <config> <data dir>}.
 * Prints {@code PORT <n>} once it listens, then serves until killed.
 */
public final class ReplicaProcess {

    private ReplicaProcess() {
    }

    public static void main(String[] args) throws Exception {
        LoadedKbsConfig loaded = KbsConfigLoader.load(Path.of(args[0]));
        KbsServer server = KbsServer.start(new KbsServer.Options(loaded.config(), ServerMode.DEVELOPMENT,
                new DataDirectory(Path.of(args[1])), loaded.notices()));
        System.out.println("PORT " + server.port());
        System.out.flush();
        server.join();
    }
}
