/**
 * Stripes: the rows of a part in runs of {@link STRIPE_ROWS} (whole granules, at least one, from the
 * part's first granule). A stripe is the unit of the decoded-column cache and the default scan batch,
 * and the writer cuts a column's blocks at stripe boundaries, so a stripe decodes from one block into
 * a vector the cache keeps as it is.
 */

/** Rows per stripe of the decoded-block cache (the default scan batch size). */
export const STRIPE_ROWS = 65536;

/** Granules per stripe for a part of the given granularity. */
export function stripeGranules(granularity: number): number {
  return Math.max(1, Math.floor(STRIPE_ROWS / granularity));
}
