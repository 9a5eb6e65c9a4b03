/**
 * The token `sluice serve` prints in its URL. It is read from the address bar once, kept in
 * sessionStorage (so a reload of this tab still works) and removed from the address bar so it
 * does not end up in history, bookmarks or screenshots.
 */
const STORAGE_KEY = 'sluice.token';

/** Takes `?token=` out of the current URL if present and returns the token for this tab. */
export function takeAccessToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    safeStore(fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return safeRead();
}

function safeStore(token: string): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage can be disabled; the token still works for this page load.
  }
}

function safeRead(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
