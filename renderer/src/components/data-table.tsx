/**
 * A read-only grid for result sets: typed column headers, row numbers, NULL drawn apart from
 * the string 'NULL', numbers right-aligned. Rows past `maxRows` are not put in the DOM.
 */
import { memo } from 'react';

/** A column as the core describes it. */
export interface DataColumn {
  name: string;
  type: string;
}

// Type names from pg (int4, numeric…) and mysql2 (LONGLONG, NEWDECIMAL…) that hold numbers.
const NUMERIC_TYPE = /^(int|integer|smallint|bigint|tinyint|mediumint|tiny|short|long|longlong|int24|decimal|newdecimal|numeric|float|double|real|money|oid|year|serial|bigserial|smallserial)\d*\b/i;

/** True when a column's type is numeric, so its cells align right. */
export const isNumericType = (type: string): boolean => NUMERIC_TYPE.test(type.trim());

/** Text for one cell; null is handled by the caller. */
function cellText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'object':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

const TITLE_LIMIT = 2000;

/** Renders columns and rows; `label` names the table for assistive tech and tests. */
export const DataTable = memo(function DataTable({
  columns,
  rows,
  label,
  maxRows = 2000,
}: {
  columns: readonly DataColumn[];
  rows: readonly (readonly unknown[])[];
  label: string;
  maxRows?: number;
}) {
  const shown = rows.length > maxRows ? rows.slice(0, maxRows) : rows;
  const numeric = columns.map((c) => isNumericType(c.type));
  return (
    <div className="data-table-wrap">
      <table className="data-table" aria-label={label} data-testid="result-table">
        <thead>
          <tr>
            <th className="data-table-rownum" scope="col" aria-label="Row number">#</th>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={numeric[i] ? 'num' : undefined}>
                <span className="data-table-colname">{column.name}</span>
                <span className="data-table-coltype">{column.type}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, r) => (
            <tr key={r}>
              <th scope="row" className="data-table-rownum">{r + 1}</th>
              {columns.map((_, c) => {
                const value = row[c];
                if (value === null || value === undefined) {
                  return (
                    <td key={c} className={numeric[c] ? 'cell-null num' : 'cell-null'} data-null="true">
                      NULL
                    </td>
                  );
                }
                const text = cellText(value);
                return (
                  <td
                    key={c}
                    className={[numeric[c] ? 'num' : '', typeof value === 'boolean' ? 'cell-bool' : '', typeof value === 'object' ? 'cell-json' : ''].filter(Boolean).join(' ') || undefined}
                    title={text.length > 40 ? text.slice(0, TITLE_LIMIT) : undefined}
                  >
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length ? (
        <p className="data-table-more" role="status">
          Showing the first {shown.length.toLocaleString()} of {rows.length.toLocaleString()} rows.
        </p>
      ) : null}
    </div>
  );
});
