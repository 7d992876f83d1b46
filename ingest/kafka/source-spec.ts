/**
 * A Kafka source as it is persisted and started: where to read (brokers, topic, consumer group), how to
 * decode (format plus format settings), where to write (table), and the source's own settings.
 */
import { EddyError } from '../../src/core/errors.ts';
import { isKnownSetting } from '../../src/core/settings.ts';
import { quoteToken } from '../../src/core/types.ts';

/** A setting value as written in `SETTINGS k = v`. */
export type SourceSettingValue = string | number | boolean | bigint;

/** The persisted definition of one source (`CREATE SOURCE ...`). */
export interface SourceSpec {
  readonly name: string;
  /** Comma-separated `host:port` list. */
  readonly brokers: string;
  readonly topic: string;
  readonly group: string;
  readonly format: string;
  readonly database: string;
  readonly table: string;
  /** Every `SETTINGS` entry as written: source settings and format settings alike. */
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  /** `ALTER SOURCE ... PAUSE` state; a paused source holds no partitions. */
  readonly paused: boolean;
}

/** The source settings, with their defaults applied (see {@link SOURCE_SETTINGS}). */
export interface SourceSettings {
  /** Most messages decoded and inserted as one atomic write. */
  readonly maxBatchMessages: number;
  /** Longest the broker holds a fetch open to gather `maxBatchBytes` (latency vs. batch size). */
  readonly maxBatchMs: number;
  /** Bytes a fetch asks for per partition (and waits for, up to `maxBatchMs`). */
  readonly maxBatchBytes: number;
  /** Consumption pauses while the table holds more un-flushed rows than this; resumes below half. */
  readonly maxUnflushedRows: number;
  /** Consumption also pauses while the table has more active parts than this (merges behind); resumes below 80 %. */
  readonly maxActiveParts: number;
  /** `[db.]table` for undecodable messages; default `<table>_dead_letter` in the target's database. */
  readonly deadLetterTable: string | undefined;
  /** Where a partition with no stored offset starts: 'earliest' or 'latest'. */
  readonly autoOffsetReset: 'earliest' | 'latest';
  /** Consumer-group session timeout: how soon a dead process's partitions move to the others. */
  readonly sessionTimeoutMs: number;
  /** Format settings for the decoder (everything in SETTINGS that is not a source setting). */
  readonly formatSettings: Readonly<Record<string, string | number | boolean>>;
}

/** Source setting names and their defaults, for documentation and validation. */
export const SOURCE_SETTINGS = {
  max_batch_messages: 50_000,
  max_batch_ms: 250,
  max_batch_bytes: 1 << 20,
  max_unflushed_rows: 2_000_000,
  max_active_parts: 300,
  dead_letter_table: '',
  auto_offset_reset: 'earliest',
  session_timeout_ms: 10_000,
} as const;

function positiveInt(name: string, v: SourceSettingValue, min = 1): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) {
    throw new EddyError('BAD_ARGUMENTS', `Setting ${name} must be an integer ≥ ${min}, got ${quoteToken(String(v))}`);
  }
  return n;
}

/** Split `SETTINGS` into source settings (validated, defaults applied) and format settings; throws on unknown names. */
export function resolveSourceSettings(raw: Readonly<Record<string, SourceSettingValue>>): SourceSettings {
  const formatSettings: Record<string, string | number | boolean> = {};
  const s = {
    maxBatchMessages: SOURCE_SETTINGS.max_batch_messages as number,
    maxBatchMs: SOURCE_SETTINGS.max_batch_ms as number,
    maxBatchBytes: SOURCE_SETTINGS.max_batch_bytes as number,
    maxUnflushedRows: SOURCE_SETTINGS.max_unflushed_rows as number,
    maxActiveParts: SOURCE_SETTINGS.max_active_parts as number,
    deadLetterTable: undefined as string | undefined,
    autoOffsetReset: SOURCE_SETTINGS.auto_offset_reset as 'earliest' | 'latest',
    sessionTimeoutMs: SOURCE_SETTINGS.session_timeout_ms as number,
  };
  for (const [name, v] of Object.entries(raw)) {
    switch (name) {
      case 'max_batch_messages': s.maxBatchMessages = positiveInt(name, v); break;
      case 'max_batch_ms': s.maxBatchMs = positiveInt(name, v, 0); break;
      case 'max_batch_bytes': s.maxBatchBytes = positiveInt(name, v, 1024); break;
      case 'max_unflushed_rows': s.maxUnflushedRows = positiveInt(name, v); break;
      case 'max_active_parts': s.maxActiveParts = positiveInt(name, v); break;
      case 'session_timeout_ms': s.sessionTimeoutMs = positiveInt(name, v, 1000); break;
      case 'dead_letter_table': s.deadLetterTable = String(v) || undefined; break;
      case 'auto_offset_reset': {
        const mode = String(v).toLowerCase();
        if (mode !== 'earliest' && mode !== 'latest') {
          throw new EddyError('BAD_ARGUMENTS', `Setting auto_offset_reset must be 'earliest' or 'latest', got ${quoteToken(String(v))}`);
        }
        s.autoOffsetReset = mode;
        break;
      }
      default:
        if (!isKnownSetting(name)) throw new EddyError('UNKNOWN_SETTING', `Unknown setting ${name} for a Kafka source`);
        formatSettings[name] = typeof v === 'bigint' ? v.toString() : v;
    }
  }
  return { ...s, formatSettings };
}
