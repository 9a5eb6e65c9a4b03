/** The last error any feature reported, for the status bar. Features still show their own banners. */
import { createContext, use, useCallback, useMemo, useState, type ReactNode } from 'react';
import type { ApiError } from '../../../app/api/errors';

/** One reported failure: which action failed and when. */
export interface ReportedError {
  error: ApiError;
  source: string;
  at: Date;
}

interface StatusValue {
  lastError: ReportedError | null;
  reportError: (source: string, error: ApiError) => void;
  clearError: () => void;
}

const StatusContext = createContext<StatusValue | null>(null);

/** Holds the last reported error for the window. */
export function StatusProvider({ children }: { children: ReactNode }) {
  const [lastError, setLastError] = useState<ReportedError | null>(null);
  const reportError = useCallback((source: string, error: ApiError) => setLastError({ error, source, at: new Date() }), []);
  const clearError = useCallback(() => setLastError(null), []);
  const value = useMemo(() => ({ lastError, reportError, clearError }), [lastError, reportError, clearError]);
  return <StatusContext value={value}>{children}</StatusContext>;
}

/** Reads and reports the window's last error. */
export function useStatus(): StatusValue {
  const value = use(StatusContext);
  if (!value) throw new Error('useStatus() used outside <StatusProvider>.');
  return value;
}
