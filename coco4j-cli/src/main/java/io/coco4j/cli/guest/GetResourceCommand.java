package io.coco4j.cli.guest;

import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.attester.SampleDeviceAttester;
import io.coco4j.guest.kbs.BearerTokenClient;
import io.coco4j.guest.kbs.KbsAttestationException;
import io.coco4j.guest.kbs.KbsClient;
import io.coco4j.guest.kbs.KbsClientException;
import io.coco4j.guest.kbs.KbsConnection;
import io.coco4j.guest.kbs.KbsResourceNotFoundException;
import io.coco4j.guest.kbs.KbsUnauthorizedException;
import io.coco4j.guest.kbs.TokenCredential;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.resource.ResourceUri;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code coco4j get-resource}: attest to a KBS as this guest and print (or store) one resource. */
@Command(name = "get-resource", sortOptions = false,
        description = {
                "Attests to a KBS (RCAR handshake) and fetches one resource, decrypted with this run's TEE key.",
                "The raw resource bytes go to standard output, or to --output."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the resource was written",
                "1:the KBS could not be reached or answered wrongly, or the output could not be written",
                "2:invalid command line",
                "3:the KBS has no such resource (404)",
                "4:the KBS refused this guest (attestation refused, or 401 after every attempt)"})
public final class GetResourceCommand implements Callable<Integer> {

    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_NOT_FOUND = 3;
    public static final int EXIT_REFUSED = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", converter = KbsUrlConverter.class,
            description = "KBS base URL, e.g. https://kbs.example:8080 (plain http only for development).")
    String url;

    @Parameters(index = "0", paramLabel = "RESOURCE_URI", converter = ResourceUriConverter.class,
            description = "kbs:///<repository>/<type>/<tag>[?query] (the URI's host, if any, is ignored), or kbs+<plugin>:///<path>.")
    ResourceUri resource;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the resource to FILE (atomically, mode 0600) instead of standard output.")
    Path output;

    @Option(names = "--tee-key-algorithm", paramLabel = "ALG", converter = TeeKeyAlgorithmConverter.class,
            defaultValue = "ECDH-ES+A256KW-P256", completionCandidates = TeeKeyAlgorithmConverter.Names.class,
            description = "TEE key for the resource encryption: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TeeKeyAlgorithm teeKeyAlgorithm;

    @Option(names = "--kbs-cert", paramLabel = "PEM",
            description = "Trust only the certificate(s) in this PEM file (the KBS's own or its CA) for HTTPS.")
    Path kbsCertificate;

    @Option(names = "--init-data", paramLabel = "FILE",
            description = "Init-data TOML this guest was booted with; sent verbatim with the attestation.")
    Path initData;

    @Option(names = "--bearer",
            description = "Token mode: obtain an attestation token first, then request the resource with "
                    + "'Authorization: Bearer' instead of the session cookie.")
    boolean bearer;

    @Option(names = "--attester", paramLabel = "TEE", completionCandidates = AttesterNames.class,
            description = "Evidence source: ${COMPLETION-CANDIDATES}. The sample attester has no hardware behind it; "
                    + "only a KBS started with --dev accepts it. It is the default until TEE detection exists; "
                    + "naming it explicitly silences the warning.")
    String attester;

    @Option(names = "--device-attester", paramLabel = "TEE", completionCandidates = DeviceAttesterNames.class,
            description = "Add a device TEE's evidence (additional evidence): ${COMPLETION-CANDIDATES}. Repeatable.")
    List<String> deviceAttesters = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    private final OutputStream stdout;

    public GetResourceCommand() {
        this(System.out);
    }

    /** With another destination for the resource bytes than {@code System.out}. */
    public GetResourceCommand(OutputStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        KbsClient client;
        try {
            client = buildClient(err);
        } catch (UsageProblem e) {
            return fail(err, EXIT_USAGE, e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return fail(err, EXIT_FAILURE, e.getMessage());
        }
        byte[] secret = null;
        try {
            secret = bearer ? fetchWithToken(client) : client.getResource(resource);
            if (output != null) {
                writeAtomically(output, secret);
            } else {
                writeToStdout(secret);
            }
            return 0;
        } catch (KbsResourceNotFoundException e) {
            return fail(err, EXIT_NOT_FOUND, e.getMessage());
        } catch (KbsUnauthorizedException | KbsAttestationException e) {
            return fail(err, EXIT_REFUSED, e.getMessage());
        } catch (KbsClientException e) {
            return fail(err, EXIT_FAILURE, e.getMessage());
        } catch (IOException e) {
            return fail(err, EXIT_FAILURE, "cannot write the resource to " + (output == null ? "standard output" : output)
                    + ": " + describe(e));
        } finally {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    private KbsClient buildClient(PrintWriter err) throws IOException, UsageProblem {
        KbsConnection.Builder connection = KbsConnection.builder().url(url);
        if (kbsCertificate != null) {
            String pem = readText(kbsCertificate, "--kbs-cert");
            try {
                connection.trustedCertificatesPem(pem);
            } catch (IllegalArgumentException e) {
                throw new IOException("--kbs-cert " + kbsCertificate + ": " + e.getMessage(), e);
            }
        }
        KbsClient.Builder client = KbsClient.builder()
                .connection(connection.build())
                .attester(primaryAttester(err))
                .teeKeyAlgorithm(teeKeyAlgorithm);
        for (String device : deviceAttesters) {
            client.addDeviceAttester(deviceAttester(device));
        }
        if (initData != null) {
            client.initData(readText(initData, "--init-data"));
        }
        return client.build();
    }

    private Attester primaryAttester(PrintWriter err) throws UsageProblem {
        if (attester == null) {
            err.println("coco4j get-resource: warning: using the sample attester (no TEE evidence; only a KBS in --dev mode "
                    + "accepts it); pass --attester sample to make this explicit");
            err.flush();
            return new SampleAttester();
        }
        if (attester.equals("sample")) {
            return new SampleAttester();
        }
        throw new UsageProblem("unknown --attester '" + attester + "' (supported: sample)");
    }

    private static Attester deviceAttester(String name) throws UsageProblem {
        if (name.equals("sampledevice")) {
            return new SampleDeviceAttester();
        }
        throw new UsageProblem("unknown --device-attester '" + name + "' (supported: sampledevice)");
    }

    /** Token mode as a confidential data hub runs it: a token obtained by attesting, then Bearer requests. */
    private byte[] fetchWithToken(KbsClient attesting) throws KbsClientException {
        TokenCredential token = attesting.getToken();
        BearerTokenClient client = BearerTokenClient.builder()
                .connection(attesting.connection())
                .tokenProvider(attesting)
                .initialToken(token)
                .build();
        return client.getResource(resource);
    }

    private void writeToStdout(byte[] secret) throws IOException {
        stdout.write(secret);
        stdout.flush();
        if (stdout instanceof PrintStream print && print.checkError()) {
            throw new IOException("write error");
        }
    }

    /** Temp file beside the target (mode 0600 from creation), fsync, atomic rename, then fsync the directory. */
    static void writeAtomically(Path target, byte[] data) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new IOException("it is a directory");
        }
        Path directory = absolute.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp", ownerOnly);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot replace files atomically", e);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        if (posix) {
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                // the rename is done; a directory that cannot be synced only weakens crash durability
            }
        }
    }

    private static String readText(Path file, String option) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read " + option + " " + file + ": " + describe(e), e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(option + " " + file + " is not UTF-8 text", e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static int fail(PrintWriter err, int code, String message) {
        err.println("coco4j get-resource: " + oneLine(message));
        err.flush();
        return code;
    }

    private static String oneLine(String message) {
        return message == null ? "failed" : message.replaceAll("[\\r\\n]+", " ");
    }

    /** A problem with the command line found after parsing. */
    private static final class UsageProblem extends Exception {
        UsageProblem(String message) {
            super(message);
        }
    }

    static final class KbsUrlConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return KbsConnection.to(value).baseUrl();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ResourceUriConverter implements CommandLine.ITypeConverter<ResourceUri> {
        @Override
        public ResourceUri convert(String value) {
            ResourceUri uri;
            try {
                uri = ResourceUri.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            if (ResourceUri.RESOURCE_PLUGIN.equals(uri.plugin()) && !ResourceUri.isValidResourcePath(uri.segments())) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not kbs:///<repository>/<type>/<tag> "
                        + "(three segments of letters, digits, '_', '-', '.', not starting with '.')");
            }
            return uri;
        }
    }

    public static final class TeeKeyAlgorithmConverter implements CommandLine.ITypeConverter<TeeKeyAlgorithm> {
        @Override
        public TeeKeyAlgorithm convert(String value) {
            return TeeKeyAlgorithm.fromConfigName(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "unknown TEE key algorithm '" + value + "' (expected one of " + String.join(", ", new Names()) + ")"));
        }

        public static final class Names extends ArrayList<String> {
            public Names() {
                for (TeeKeyAlgorithm algorithm : TeeKeyAlgorithm.values()) {
                    add(algorithm.configName());
                }
            }
        }
    }

    static final class AttesterNames extends ArrayList<String> {
        AttesterNames() {
            super(List.of("sample"));
        }
    }

    static final class DeviceAttesterNames extends ArrayList<String> {
        DeviceAttesterNames() {
            super(List.of("sampledevice"));
        }
    }
}
