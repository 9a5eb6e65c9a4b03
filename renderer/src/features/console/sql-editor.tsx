/**
 * The SQL input. A plain textarea for now (an editor component can replace it behind the same
 * props); Ctrl+Enter / Cmd+Enter runs the selection, or everything when nothing is selected.
 */
import type { KeyboardEvent, Ref } from 'react';

/** Ctrl on most systems, ⌘ on macOS: shown next to the Run button. */
export const RUN_SHORTCUT = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘↵' : 'Ctrl+↵';

/** The text the editor would run now: the selection if there is one, else all of it. */
export function sqlToRun(editor: HTMLTextAreaElement): string {
  const { selectionStart, selectionEnd, value } = editor;
  const selected = selectionEnd > selectionStart ? value.slice(selectionStart, selectionEnd) : '';
  return (selected.trim() ? selected : value).trim();
}

/** A monospace textarea that asks to run on Ctrl/Cmd+Enter. */
export function SqlEditor({
  value,
  onChange,
  onRun,
  ref,
}: {
  value: string;
  onChange: (sql: string) => void;
  onRun: () => void;
  ref?: Ref<HTMLTextAreaElement>;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    }
  };
  return (
    <textarea
      ref={ref}
      className="sql-editor mono"
      aria-label="SQL"
      data-testid="sql-editor"
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      autoComplete="off"
      placeholder="SELECT … — Ctrl+Enter runs the statement (or the selection)"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}
