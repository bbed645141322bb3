package io.coco4j.cli.image;

import io.coco4j.image.keyprovider.KeyProviderException;
import io.coco4j.image.keyprovider.KeyProviderService;
import io.coco4j.image.keywrap.KbsKekSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code coco4j keyprovider}: the ocicrypt key-provider {@code cmd} protocol. One JSON request on
 * standard input, one JSON answer on standard output, exit 0; errors go to standard error with exit 1.
 */
@Command(name = "keyprovider", mixinStandardHelpOptions = true,
        description = {
                "ocicrypt key provider (cmd protocol) for the attestation-agent scheme: reads one keywrap or keyunwrap",
                "request on standard input and answers on standard output. Point OCICRYPT_KEYPROVIDER_CONFIG at",
                "{\"key-providers\":{\"attestation-agent\":{\"cmd\":{\"path\":\"/path/to/coco4j\",\"args\":[\"keyprovider\",\"--url\",\"URL\"]}}}}.",
                "keywrap takes provider:attestation-agent:keyid=kbs:///<repo>/<type>/<tag>::keypath=<32-byte KEK file>;",
                "keyunwrap attests to the KBS at --url and fetches the KEK named by the layer."})
public final class KeyProviderCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GuestKbsOptions kbs;

    private final InputStream stdin;
    private final OutputStream stdout;

    public KeyProviderCommand() {
        this(System.in, System.out);
    }

    public KeyProviderCommand(InputStream stdin, OutputStream stdout) {
        this.stdin = stdin;
        this.stdout = stdout;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            byte[] request = stdin.readNBytes(KeyProviderService.MAX_REQUEST_BYTES + 1);
            KbsKekSource kekSource = kbs.present() ? new KbsKekSource(kbs.client(err, "coco4j keyprovider")) : null;
            byte[] response = new KeyProviderService(kekSource).handle(request);
            stdout.write(response);
            stdout.flush();
            return 0;
        } catch (KeyProviderException | IOException | IllegalArgumentException e) {
            err.println("coco4j keyprovider: " + ImageCommand.oneLine(e.getMessage()));
            err.flush();
            return 1;
        }
    }
}
