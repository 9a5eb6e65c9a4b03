/**
 * The folder's migrations in the order they run, each with its status. A listbox: one Tab stop,
 * arrows / Home / End move the selection, which the details pane follows.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { formatDuration, formatTimestamp } from './format';
import { OutOfOrderBadge, StatusBadge } from './status-badge';
import type { MigrationState } from './types';

/** The part of the id before the name (`inventory.`, `3`), and the name. */
export function splitId(m: MigrationState): { prefix: string; name: string } {
  // Flyway repeatable: `R__create_views` says what it is better than its description does.
  if (m.repeatable) return { prefix: 'R__', name: m.id.slice(3) };
  if (m.name === m.id) return { prefix: '', name: m.id };
  if (m.id.endsWith(m.name)) return { prefix: m.id.slice(0, m.id.length - m.name.length), name: m.name };
  return { prefix: `${m.id} `, name: m.name };
}

/** How a migration is named in sentences: `inventory.0002_item_supplier`, `2 add_parts`. */
export function displayName(m: MigrationState | undefined, id: string): string {
  if (!m) return id;
  const { prefix, name } = splitId(m);
  return `${prefix}${name}`;
}

/** The row id of a migration, for aria-activedescendant. */
const rowId = (listId: string, index: number) => `${listId}-row-${index}`;

/** The list; `runningId` marks the migration a live run is on. */
export function MigrationList({
  migrations,
  selectedId,
  onSelect,
  runningId,
  listId,
}: {
  migrations: readonly MigrationState[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  runningId: string | null;
  listId: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const selectedIndex = migrations.findIndex((m) => m.id === selectedId);

  useEffect(() => {
    if (selectedIndex < 0) return;
    document.getElementById(rowId(listId, selectedIndex))?.scrollIntoView({ block: 'nearest' });
  }, [listId, selectedIndex]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = migrations.length - 1;
    const target =
      event.key === 'ArrowDown' ? Math.min(last, selectedIndex + 1)
      : event.key === 'ArrowUp' ? Math.max(0, selectedIndex - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (target === null || last < 0) return;
    event.preventDefault();
    const m = migrations[target];
    if (m) onSelect(m.id);
  };

  return (
    <div className="mig-list" data-testid="migration-list">
      <div className="mig-list-head" aria-hidden="true">
        <span className="mig-col-num">#</span>
        <span className="mig-col-status">Status</span>
        <span className="mig-col-name">Migration</span>
        <span className="mig-col-at">Applied at</span>
        <span className="mig-col-dur">Took</span>
      </div>
      <div
        ref={box}
        className="mig-list-body"
        role="listbox"
        aria-label="Migrations"
        tabIndex={0}
        aria-activedescendant={selectedIndex >= 0 ? rowId(listId, selectedIndex) : undefined}
        onKeyDown={onKeyDown}
      >
        {migrations.map((m, i) => {
          const { prefix, name } = splitId(m);
          const selected = m.id === selectedId;
          return (
            <div
              key={m.id}
              id={rowId(listId, i)}
              role="option"
              aria-selected={selected}
              className={`mig-row mig-row-${m.status}${selected ? ' mig-row-selected' : ''}${runningId === m.id ? ' mig-row-running' : ''}`}
              data-testid="migration-row"
              data-id={m.id}
              data-status={m.status}
              onClick={() => {
                onSelect(m.id);
                box.current?.focus();
              }}
            >
              <span className="mig-col-num">{i + 1}</span>
              <span className="mig-col-status">
                {runningId === m.id ? (
                  <span className="mig-badge mig-badge-running">
                    <span className="spinner" aria-hidden="true" /> Running
                  </span>
                ) : (
                  <StatusBadge status={m.status} />
                )}
              </span>
              <span className="mig-col-name" title={m.file ?? m.id}>
                <span className="mig-id-prefix mono">{prefix}</span>
                <span className="mig-id-name mono">{name}</span>
                {m.outOfOrder ? <OutOfOrderBadge /> : null}
                {m.noTransaction ? (
                  <span className="mig-flag mig-flag-muted" title="Runs outside a transaction (marker comment in the file).">
                    no tx
                  </span>
                ) : null}
              </span>
              <span className="mig-col-at mono" title={m.appliedAt ?? undefined}>
                {m.appliedAt ? formatTimestamp(m.appliedAt) : <span className="faint">—</span>}
              </span>
              <span className="mig-col-dur mono">{m.durationMs !== null ? formatDuration(m.durationMs) : <span className="faint">—</span>}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
