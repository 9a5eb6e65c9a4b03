/**
 * The text of the selected migration (`migrations.source`), fetched when the selection changes
 * and cached per folder, id, checksum and status, so flipping between rows does not rerun
 * sqlmigrate, while applying or rolling back (which changes what Django can render) does.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../app/api/errors';
import { useClient } from '../../api';
import type { FolderLink, MigrationSourceText, MigrationState } from './types';

/** Where the source of the selected migration stands. */
export type SourceState =
  | { kind: 'none' }
  | { kind: 'loading'; id: string }
  | { kind: 'loaded'; id: string; text: MigrationSourceText }
  | { kind: 'failed'; id: string; error: ApiError };

/** Fetches the source of `migration` in the linked folder; null selects nothing. */
export function useMigrationSource(sessionId: string, link: FolderLink | null, migration: MigrationState | null): SourceState {
  const client = useClient();
  const cache = useRef(new Map<string, MigrationSourceText>());
  const [state, setState] = useState<SourceState>({ kind: 'none' });
  const id = migration?.id ?? null;
  // The checksum tells an edited file apart; the status a database Django now renders differently.
  // The Django settings change how manage.py renders the SQL, so they are part of the key.
  const key = link && id ? `${JSON.stringify(link)}\n${id}\n${migration?.checksum ?? ''}\n${migration?.status ?? ''}` : null;

  useEffect(() => {
    if (!key || !link || !id) {
      setState({ kind: 'none' });
      return;
    }
    const cached = cache.current.get(key);
    if (cached) {
      setState({ kind: 'loaded', id, text: cached });
      return;
    }
    let live = true;
    setState({ kind: 'loading', id });
    void client.call('migrations.source', { sessionId, ...link, id }).then((result) => {
      if (!live) return;
      if (result.ok) {
        cache.current.set(key, result.value);
        setState({ kind: 'loaded', id, text: result.value });
      } else setState({ kind: 'failed', id, error: result.error });
    });
    return () => {
      live = false;
    };
  }, [client, sessionId, link, id, key]);

  return state;
}
