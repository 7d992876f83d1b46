/**
 * Configuration files of the single-node test broker: a KRaft combined broker+controller bound to
 * 127.0.0.1, tuned for a small shared machine (few threads, small buffers, replication factor 1
 * everywhere so consumer groups and transactions work on one node).
 */

/** Where the broker listens and keeps its data. */
export interface BrokerLayout {
  /** PLAINTEXT port the clients use. */
  readonly port: number;
  /** CONTROLLER port of the KRaft quorum (of one). */
  readonly controllerPort: number;
  /** Absolute directory for the log segments and metadata. */
  readonly dataDir: string;
}

/** The text of `server.properties` for {@link BrokerLayout}. */
export function serverProperties(layout: BrokerLayout): string {
  const { port, controllerPort, dataDir } = layout;
  const settings: [string, string | number][] = [
    ['process.roles', 'broker,controller'],
    ['node.id', 1],
    ['controller.quorum.voters', `1@127.0.0.1:${controllerPort}`],
    ['listeners', `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`],
    ['advertised.listeners', `PLAINTEXT://127.0.0.1:${port}`],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['controller.listener.names', 'CONTROLLER'],
    ['listener.security.protocol.map', 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT'],
    ['log.dirs', dataDir],
    ['num.partitions', 4],
    ['default.replication.factor', 1],
    ['min.insync.replicas', 1],
    ['offsets.topic.replication.factor', 1],
    ['offsets.topic.num.partitions', 1],
    ['transaction.state.log.replication.factor', 1],
    ['transaction.state.log.min.isr', 1],
    ['transaction.state.log.num.partitions', 1],
    ['group.initial.rebalance.delay.ms', 0],
    ['auto.create.topics.enable', 'true'],
    ['delete.topic.enable', 'true'],
    ['num.network.threads', 2],
    ['num.io.threads', 2],
    ['background.threads', 2],
    ['num.recovery.threads.per.data.dir', 1],
    // The cleaner allocates this on the heap at startup (128 MiB by default); we run with a small heap.
    ['log.cleaner.dedupe.buffer.size', 2 * 1024 * 1024],
    ['log.initial.task.delay.ms', 100],
    ['controlled.shutdown.retry.backoff.ms', 100],
  ];
  return settings.map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
}

/**
 * The text of the reload4j `log4j.properties`: warnings only, plus the INFO lines that show the
 * broker's progress (`Kafka Server started`, `Transitioning from RECOVERY to RUNNING`).
 */
export function log4jProperties(): string {
  return [
    'log4j.rootLogger=WARN, stdout',
    'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
    'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.kafka.server.KafkaRaftServer=INFO',
    'log4j.logger.kafka.server.BrokerLifecycleManager=INFO',
    '',
  ].join('\n');
}
