package io.coco4j.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFsStorageTest extends KeyValueStoreContract {

    @TempDir
    Path dir;

    @Override
    StorageBackend backend() throws Exception {
        return new LocalFsStorage(dir);
    }

    @Test
    void usesTheReferenceOnDiskLayout() throws Exception {
        new LocalFsStorage(dir).namespace(Namespace.REPOSITORY).put("default/key/1", "k".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("repository").resolve("default\\x2Fkey\\x2F1");
        assertThat(Files.readString(file)).isEqualTo("k");
    }

    @Test
    void opensAStoreWrittenInTheReferenceLayout() throws Exception {
        Files.createDirectories(dir.resolve("kbs"));
        Files.writeString(dir.resolve("kbs").resolve("resource-policy.rego"), "package policy");
        Files.createDirectories(dir.resolve("repository"));
        Files.writeString(dir.resolve("repository").resolve("a\\x2Fb\\x2Fc"), "v");
        LocalFsStorage storage = new LocalFsStorage(dir);
        assertThat(new String(storage.namespace("kbs").get("resource-policy.rego").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("package policy");
        assertThat(storage.namespace("repository").keys()).containsExactly("a/b/c");
    }

    @Test
    void refusesKeysOutsideTheAlphabetAndDotKeys() throws Exception {
        KeyValueStore store = new LocalFsStorage(dir).namespace(Namespace.REPOSITORY);
        for (String key : new String[] {"..", ".", "a b", "a\\b", "k\u00e9y", "a:b", "", "x\u0000y"}) {
            assertThatThrownBy(() -> store.put(key, new byte[] {1})).as(key).isInstanceOf(InvalidKeyException.class);
        }
        try (var files = Files.list(dir.resolve("repository"))) {
            assertThat(files).isEmpty();
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("repository");
    }

    @Test
    void refusesNamespacesThatCouldBeMistakenForItsOwnFiles() throws Exception {
        LocalFsStorage storage = new LocalFsStorage(dir);
        for (String namespace : new String[] {"~tmp~x", "repository/~writer~y", "a~b"}) {
            assertThatThrownBy(() -> storage.namespace(namespace)).as(namespace).isInstanceOf(InvalidKeyException.class);
        }
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void leftoverTemporaryFilesAreNotKeys() throws Exception {
        KeyValueStore store = new LocalFsStorage(dir).namespace(Namespace.REPOSITORY);
        store.put("a/b/c", new byte[] {1});
        Files.write(dir.resolve("repository").resolve("~tmp~crashed"), new byte[] {9});
        assertThat(store.keys()).containsExactly("a/b/c");
        try (var files = Files.list(dir.resolve("repository"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a\\x2Fb\\x2Fc", "~tmp~crashed");
        }
    }

    @Test
    void temporaryFilesOfDeadWritersGoWhenTheNamespaceOpensThoseOfLiveWritersStay() throws Exception {
        Path locks = Files.createDirectories(dir.resolve(".locks"));
        Path repository = Files.createDirectories(dir.resolve("repository"));
        byte[] secret = "a secret of a write cut short".getBytes(StandardCharsets.UTF_8);
        Files.createFile(locks.resolve("~writer~dead"));
        Files.write(repository.resolve("~tmp~dead~1"), secret);
        Files.write(repository.resolve("~tmp~0b3c9d2e-written-before-writer-ids"), secret);
        Files.createFile(locks.resolve("~writer~gone-quietly"));
        Files.write(repository.resolve("~tmp~alive~1"), secret);
        Process alive = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), locks.resolve("~writer~alive").toString())
                .redirectErrorStream(true).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(alive.getInputStream(), StandardCharsets.UTF_8))
                    .readLine()).isEqualTo("LOCKED");

            KeyValueStore store = new LocalFsStorage(dir).namespace(Namespace.REPOSITORY);
            assertThat(names(repository)).containsExactly("~tmp~alive~1");
            assertThat(locks.resolve("~writer~dead")).doesNotExist();
            assertThat(locks.resolve("~writer~alive")).exists();

            // the first write claims this process's writer file and clears those of dead writers
            store.put("a/b/c", new byte[] {1});
            assertThat(locks.resolve("~writer~gone-quietly")).doesNotExist();
            assertThat(names(locks).filter(n -> n.startsWith("~writer~"))).hasSize(2).contains("~writer~alive");
        } finally {
            alive.destroyForcibly().waitFor();
        }
        // once its process is gone, the other writer's file goes too
        new LocalFsStorage(dir).namespace(Namespace.REPOSITORY);
        assertThat(names(repository)).containsExactly("a\\x2Fb\\x2Fc");
    }

    @Test
    void temporaryFilesOfThisProcessStayWhileItLives() throws Exception {
        KeyValueStore first = new LocalFsStorage(dir).namespace(Namespace.REPOSITORY);
        first.put("a/b/c", new byte[] {1});
        String writer;
        try (var files = Files.list(dir.resolve(".locks"))) {
            writer = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("~writer~")).findFirst().orElseThrow()
                    .substring("~writer~".length());
        }
        Path inFlight = dir.resolve("repository").resolve("~tmp~" + writer + "~in-flight");
        Files.write(inFlight, new byte[] {2});
        new LocalFsStorage(dir).namespace(Namespace.REPOSITORY);
        assertThat(inFlight).exists();
    }

    private static java.util.stream.Stream<String> names(Path directory) throws java.io.IOException {
        try (var files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void replaceIsAtomicAcrossStorageObjectsOnOneDirectory() throws Exception {
        KeyValueStore first = new LocalFsStorage(dir).namespace(Namespace.KBS_PROTOCOL_SESSION);
        KeyValueStore second = new LocalFsStorage(dir).namespace(Namespace.KBS_PROTOCOL_SESSION);
        first.put("s", "authed".getBytes(StandardCharsets.UTF_8));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                KeyValueStore store = i % 2 == 0 ? first : second;
                byte[] value = ("attested-" + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> store.replace("s", "authed".getBytes(StandardCharsets.UTF_8), value)));
            }
            int winners = 0;
            for (var result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        // the lock files stay out of the namespace directories the reference reads
        try (var files = Files.list(dir.resolve(Namespace.KBS_PROTOCOL_SESSION))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("s");
        }
        assertThat(Files.isRegularFile(dir.resolve(".locks").resolve(Namespace.KBS_PROTOCOL_SESSION))).isTrue();
    }
}
