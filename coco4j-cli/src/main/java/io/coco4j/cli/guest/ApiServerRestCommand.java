package io.coco4j.cli.guest;

import io.coco4j.guest.cdh.CdhConfig;
import io.coco4j.guest.rest.GuestRestServer;
import io.coco4j.guest.rest.RestFeatures;
import io.coco4j.guest.rpc.GrpcAddress;
import io.coco4j.guest.rpc.RpcClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;

/** {@code coco4j api-server-rest}: the in-pod REST facade in front of the attestation agent and the CDH. */
@Command(name = "api-server-rest", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Serve the in-pod REST API (loopback clients only): GET /cdh/resource/<repo>/<type>/<tag>, "
                + "GET /aa/token?token_type=kbs, GET /aa/evidence?runtime_data=…, GET /aa/additional-evidence?…, POST /aa/aael."})
public final class ApiServerRestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8006", description = "Listen address (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--features", paramLabel = "SET", defaultValue = "resource",
            description = "Endpoints to serve: resource, attestation or all (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--aa", paramLabel = "ADDR", defaultValue = CdhConfig.DEFAULT_AA_SOCKET, description = "Attestation agent address.")
    String aaAddress;

    @Option(names = "--cdh", paramLabel = "ADDR", defaultValue = CdhConfig.DEFAULT_SOCKET, description = "Confidential Data Hub address.")
    String cdhAddress;

    @Override
    public Integer call() throws Exception {
        DaemonLifetime daemon;
        try {
            daemon = start();
        } catch (AaCommand.StartupProblem e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("coco4j api-server-rest: " + e.getMessage());
            err.flush();
            return e.exitCode;
        }
        daemon.awaitShutdown();
        return 0;
    }

    DaemonLifetime start() throws AaCommand.StartupProblem {
        RestFeatures set;
        GrpcAddress listen;
        try {
            set = RestFeatures.parse(features);
            listen = GrpcAddress.parse(bind);
        } catch (IllegalArgumentException e) {
            throw new AaCommand.StartupProblem(2, e.getMessage());
        }
        DaemonLifetime daemon = new DaemonLifetime();
        try {
            RpcClient agent = set.attestation() ? daemon.add(RpcClient.connect(aaAddress)) : null;
            RpcClient hub = set.resource() ? daemon.add(RpcClient.connect(cdhAddress)) : null;
            GuestRestServer server = daemon.add(GuestRestServer.start(new InetSocketAddress(listen.host(), listen.port()), set, agent, hub));
            String address = new GrpcAddress(listen.host(), server.address().getPort()).toString();
            daemon.serving(address);
            PrintWriter err = spec.commandLine().getErr();
            err.println("coco4j api-server-rest: serving " + set.name().toLowerCase(java.util.Locale.ROOT) + " endpoints on http://" + address);
            err.flush();
        } catch (IOException | IllegalArgumentException e) {
            daemon.close();
            throw new AaCommand.StartupProblem(1, e.getMessage());
        }
        return daemon;
    }
}
