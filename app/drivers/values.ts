/** Makes driver values plain JSON: dates as ISO text, bigints and decimals as text, bytes as hex. */

/** Converts one cell so it survives JSON across a door without losing precision. */
export function toPlainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (Array.isArray(value)) return value.map(toPlainValue);
  return value;
}
