/**
 * A part as the table holds it: its reader plus a reference count. The table holds one reference while
 * the part is active; every snapshot holds one more. A part replaced by a merge (or truncated) becomes
 * outdated; its directory is deleted when the last reference goes, so running queries keep reading it.
 */
import { rm } from 'node:fs/promises';
import type { PartReader } from '../part/index.ts';
import type { StorageLogger } from '../wal/wal.ts';

/** A reference-counted part of a table. */
export class PartHandle {
  private refs = 1;
  /** True while the part is in the table's active set. */
  active = true;
  /** True while a merge has claimed the part as an input. */
  merging = false;
  /** Set once the directory's deletion has started; resolves when it is gone. */
  deletion: Promise<void> | null = null;

  constructor(readonly reader: PartReader, readonly modificationTime: Date,
    private readonly logger: StorageLogger, private readonly onDeleted: (h: PartHandle) => void) {}

  /** Part name. */
  get name(): string {
    return this.reader.meta.name;
  }

  /** Take a reference (a snapshot reading the part). */
  acquire(): void {
    this.refs++;
  }

  /** Drop a reference; the last one of an outdated part deletes its directory. */
  release(): void {
    if (--this.refs > 0 || this.active || this.deletion !== null) return;
    this.deletion = rm(this.reader.dir, { recursive: true, force: true }).then(
      () => this.onDeleted(this),
      (e: unknown) => {
        this.logger.warn(`could not delete outdated part ${this.reader.dir}: ${String(e)}`);
        this.onDeleted(this);
      });
  }

  /** Leave the active set (merged away or truncated): drops the table's reference. */
  deactivate(): void {
    if (!this.active) return;
    this.active = false;
    this.release();
  }
}
