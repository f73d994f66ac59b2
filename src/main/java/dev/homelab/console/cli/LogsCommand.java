package dev.homelab.console.cli;

import dev.homelab.console.app.Connector;
import dev.homelab.console.logs.DroppedEntry;
import dev.homelab.console.logs.LogEntry;
import dev.homelab.console.logs.LogExport;
import dev.homelab.console.logs.LogQuery;
import dev.homelab.console.logs.LokiClient;
import dev.homelab.console.logs.LokiConnector;
import dev.homelab.console.logs.LokiException;
import dev.homelab.console.logs.LokiTail;
import dev.homelab.console.logs.QueryResult;
import dev.homelab.console.logs.TailListener;
import dev.homelab.console.logs.TailOptions;
import dev.homelab.console.logs.TailState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code logs query} and {@code logs tail}: Loki through the cluster (found in the inventory, reached by a self-healing
 * port-forward) or at {@code --loki-url}; lines as text or, with {@code --output json}, one JSON object per line.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Query and tail logs in Loki (found in the cluster, reached through a port-forward).",
        subcommands = {LogsCommand.Query.class, LogsCommand.Tail.class})
public final class LogsCommand extends ParentCommand {

    /** Where Loki is and who we are to it; shared by both subcommands. */
    static final class LokiOptions {
        @Option(names = "--loki-url", paramLabel = "URL",
                description = "Loki's address; no cluster connection is needed then (default: find loki-gateway or "
                        + "loki in the cluster and port-forward)")
        URI lokiUrl;

        @Option(names = "--tenant", paramLabel = "ID", description = "X-Scope-OrgID when Loki has auth_enabled")
        String tenant;

        /** With {@code --loki-url} no cluster connection is needed; otherwise Loki is found in the cluster. */
        Connector.Connected cluster(ConnectionOptions options) throws Exception {
            return lokiUrl == null ? CliSupport.connect(options) : null;
        }

        LokiClient connect(Connector.Connected connected, ConnectionOptions options) throws LokiException {
            LokiConnector.Target target = LokiConnector.connect(connected == null ? null : connected.context().cluster(),
                    Optional.ofNullable(lokiUrl), Optional.ofNullable(tenant), CliSupport.progress(options));
            target.tenantWarning().ifPresent(w -> System.err.println("homelab-console: warning: " + w));
            if (options.output == OutputFormat.text) {
                System.err.println("… Loki: " + target.description());
            }
            return new LokiClient(target.connection(), LokiClient.defaultHttpClient());
        }
    }

    /** What both subcommands take: the cluster (or --loki-url), the tenant, and the LogQL query. */
    abstract static class LokiCommand implements Callable<Integer> {
        @Mixin
        ConnectionOptions options = new ConnectionOptions();
        @Mixin
        LokiOptions loki = new LokiOptions();
        @Parameters(index = "0", paramLabel = "LOGQL", description = "a LogQL log query")
        String logql;
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Run a LogQL range query: logs query '{namespace=\"kube-system\"} |= \"error\"' --since 1h")
    static final class Query extends LokiCommand {
        @Option(names = "--since", defaultValue = "1h", converter = ShortDuration.class,
                description = "window ending now (default: ${DEFAULT-VALUE}); ignored with --from")
        Duration since;
        @Option(names = "--from", paramLabel = "RFC3339", description = "start of an absolute window")
        String from;
        @Option(names = "--to", paramLabel = "RFC3339", description = "end of an absolute window (default: now)")
        String to;
        @Option(names = "--limit", defaultValue = "100", description = "most lines (default: ${DEFAULT-VALUE}, max 5000)")
        int limit;
        @Option(names = "--oldest-first", description = "oldest line first (default: newest first)")
        boolean oldestFirst;

        @Override
        public Integer call() {
            return CliSupport.run(() -> {
                LogQuery query = query();
                try (Connector.Connected connected = loki.cluster(options)) {
                    QueryResult result = loki.connect(connected, options).queryRange(query);
                    PrintStream out = System.out;
                    for (LogEntry entry : result.entries()) {
                        out.println(options.output == OutputFormat.json ? LogExport.jsonLine(entry)
                                : LogExport.text(entry));
                    }
                    if (options.output == OutputFormat.text) {
                        System.err.printf("… %,d lines%s%n", result.entries().size(),
                                result.limitReached() ? " (limit reached: raise --limit or narrow the query)" : "");
                    }
                    return ExitCodes.OK;
                } catch (LokiException e) {
                    throw failure(e);
                }
            });
        }

        private LogQuery query() {
            try {
                Instant end = to == null ? Instant.now() : Instant.parse(to);
                Instant start = from == null ? end.minus(since) : Instant.parse(from);
                if (limit > LogQuery.MAX_LIMIT) {
                    throw new CliFailure(ExitCodes.USAGE, "--limit " + limit + " is above Loki's default maximum of "
                            + LogQuery.MAX_LIMIT + " lines per query; narrow the window instead");
                }
                return new LogQuery(logql, start, end, limit,
                        oldestFirst ? LogQuery.Direction.FORWARD : LogQuery.Direction.BACKWARD, null);
            } catch (DateTimeParseException e) {
                throw new CliFailure(ExitCodes.USAGE, "--from/--to must be RFC 3339 times such as "
                        + "2026-11-26T07:00:00Z: " + e.getParsedString());
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCodes.USAGE, e.getMessage());
            }
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Follow new lines live: logs tail '{namespace=\"kube-system\"}'. Reconnects by itself and "
                    + "never repeats or skips a line across reconnects.")
    static final class Tail extends LokiCommand {
        @Option(names = "--since", defaultValue = "1m", converter = ShortDuration.class,
                description = "start this far back (default: ${DEFAULT-VALUE})")
        Duration since;
        @Option(names = "--limit", defaultValue = "100", description = "lines replayed when the tail opens")
        int limit;
        @Option(names = "--delay-for", defaultValue = "0", description = "seconds Loki holds lines back (0-5)")
        int delayFor;
        @Option(names = "--for", converter = ShortDuration.class, paramLabel = "DURATION",
                description = "stop after this long (default: until interrupted)")
        Duration duration;
        @Option(names = "--max-lines", paramLabel = "N", description = "stop after N lines")
        Long maxLines;

        @Override
        public Integer call() {
            return CliSupport.run(() -> {
                TailOptions tailOptions = CliSupport.usage(() -> TailOptions.of(logql).withLookback(since)
                        .withLimit(limit).withDelayFor(Duration.ofSeconds(delayFor)));
                try (Connector.Connected connected = loki.cluster(options)) {
                    LokiClient client = loki.connect(connected, options);
                    CountDownLatch done = new CountDownLatch(1);
                    AtomicReference<String> failure = new AtomicReference<>();
                    AtomicLong printed = new AtomicLong();
                    boolean json = options.output == OutputFormat.json;
                    try (LokiTail tail = new LokiTail(client, tailOptions, new TailListener() {
                        @Override
                        public synchronized void onEntries(List<LogEntry> entries) {
                            for (LogEntry entry : entries) {
                                if (maxLines != null && printed.get() >= maxLines) {
                                    break;
                                }
                                System.out.println(json ? LogExport.jsonLine(entry) : LogExport.text(entry));
                                printed.incrementAndGet();
                            }
                            System.out.flush();
                            if (maxLines != null && printed.get() >= maxLines) {
                                done.countDown();
                            }
                        }

                        @Override
                        public void onDropped(List<DroppedEntry> dropped) {
                            System.err.printf("homelab-console: Loki dropped %d lines it could not deliver%n",
                                    dropped.size());
                        }

                        @Override
                        public void onState(TailState state, String message) {
                            if (state == TailState.FAILED) {
                                failure.set(message);
                                done.countDown();
                            } else if (!json || state == TailState.RECONNECTING) {
                                System.err.println("… " + message);
                            }
                        }

                        @Override
                        public void onRebound(String previousVia, String currentVia) {
                            System.err.println("… re-bound: " + previousVia + " → " + currentVia);
                        }
                    })) {
                        tail.start();
                        if (duration == null) {
                            done.await();
                        } else {
                            done.await(duration.toMillis(), TimeUnit.MILLISECONDS);
                        }
                    }
                    if (failure.get() != null) {
                        throw new CliFailure(ExitCodes.USAGE, failure.get());
                    }
                    return ExitCodes.OK;
                } catch (LokiException e) {
                    throw failure(e);
                }
            });
        }
    }

    static CliFailure failure(LokiException e) {
        int code = switch (e.kind()) {
            case BAD_QUERY -> ExitCodes.USAGE;
            case UNREACHABLE -> ExitCodes.CANNOT_CONNECT;
            case UNAUTHORIZED -> ExitCodes.NOT_PERMITTED;
            case RATE_LIMITED, SERVER -> ExitCodes.OPERATION_FAILED;
        };
        return new CliFailure(code, e.getMessage());
    }
}
