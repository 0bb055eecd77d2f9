package kommunalgraph.neo4jserver;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A throw-away Neo4j 5 Community DBMS for kommunalgraph's tests.
 *
 * <p>Usage: {@code java -jar neo4j-test-server.jar PORT [HOME]} with the password of the
 * user {@code neo4j} in the environment variable {@code NEO4J_PASSWORD} (at least 8
 * characters). Bolt listens on 127.0.0.1:PORT (plain, no TLS). The database lives in HOME
 * (default: a new temporary folder, deleted on exit). Prints one line
 * {@code READY bolt://127.0.0.1:PORT} when Bolt accepts connections; shuts the DBMS down
 * cleanly on SIGTERM / SIGINT.
 */
public final class Neo4jTestServer {

    private Neo4jTestServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            fail("usage: java -jar neo4j-test-server.jar PORT [HOME]");
        }
        int port = Integer.parseInt(args[0]);
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            fail("NEO4J_PASSWORD must be set (at least 8 characters)");
        }
        String host = System.getenv().getOrDefault("NEO4J_TEST_HOST", "127.0.0.1");
        long pageCacheMb = Long.parseLong(System.getenv().getOrDefault("NEO4J_TEST_PAGECACHE_MB", "256"));
        boolean ownHome = args.length < 2;
        Path home = ownHome ? Files.createTempDirectory("kommunalgraph-neo4j-") : Path.of(args[1]);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                // a test server has no clients left to wait for when it stops (default: 2 x 5 s)
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
                if (ownHome) {
                    deleteTree(home);
                }
            } catch (Exception e) {
                System.err.println("shutdown: " + e);
            } finally {
                System.out.println("STOPPED");
                System.out.flush();
                stopped.countDown();
            }
        }, "neo4j-test-server-shutdown"));

        // the initial password "neo4j" must be changed before Bolt clients may do anything
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");

        System.out.println("READY bolt://" + host + ":" + port);
        System.out.flush();
        stopped.await();
    }

    private static void fail(String message) {
        System.err.println("neo4j-test-server: " + message);
        System.exit(2);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
