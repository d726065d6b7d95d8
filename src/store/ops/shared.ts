// Small pieces the operations share.

import type { Row } from '../driver.js';

/** The single row a statement that must touch exactly one row returned. */
export function onlyRow(rows: Row[], what: string): Row {
  const [row] = rows;
  if (!row || rows.length > 1) throw new Error(`expected exactly one ${what} row, got ${rows.length}`);
  return row;
}

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;

/** LIMIT and OFFSET from caller options: whole numbers, a bounded page, never negative. */
export function pageParams(options: { limit?: number; offset?: number } = {}): [number, number] {
  const limit = wholeNumber(options.limit, DEFAULT_PAGE_SIZE);
  const offset = wholeNumber(options.offset, 0);
  return [Math.min(limit, MAX_PAGE_SIZE), offset];
}

function wholeNumber(value: number | undefined, fallback: number): number {
  return value === undefined || !Number.isFinite(value) ? fallback : Math.max(0, Math.floor(value));
}
