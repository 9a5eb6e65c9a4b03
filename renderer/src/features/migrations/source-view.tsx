/**
 * A migration's text, read-only, with line numbers: SQL and Python alike, no colouring that
 * would guess at a dialect. A failing statement, when it occurs in the text, is highlighted and
 * scrolled into view.
 */
import { useEffect, useMemo, useRef } from 'react';

/** The 0-based line range `[first, last]` where `needle` first occurs in `text`, if it does. */
export function linesOf(text: string, needle: string | null): [number, number] | null {
  const wanted = needle?.trim();
  if (!wanted) return null;
  const at = text.indexOf(wanted);
  if (at < 0) return null;
  const first = text.slice(0, at).split('\n').length - 1;
  return [first, first + wanted.split('\n').length - 1];
}

/** The text; `highlight` is a statement to mark. */
export function SourceView({ text, label, highlight = null, testId }: { text: string; label: string; highlight?: string | null; testId?: string }) {
  const lines = useMemo(() => text.replace(/\n$/, '').split('\n'), [text]);
  const marked = useMemo(() => linesOf(text, highlight), [text, highlight]);
  const box = useRef<HTMLPreElement>(null);
  const firstMarked = useRef<HTMLSpanElement>(null);

  // Scroll the text only (scrollIntoView would scroll every ancestor and hide the pane's header).
  useEffect(() => {
    const pre = box.current;
    const line = firstMarked.current;
    if (!pre || !line) return;
    pre.scrollTop = Math.max(0, line.offsetTop - pre.clientHeight / 3);
  }, [marked]);

  return (
    <pre ref={box} className="mig-source" aria-label={label} tabIndex={0} data-testid={testId}>
      <code>
        {lines.map((line, i) => {
          const isMarked = marked !== null && i >= marked[0] && i <= marked[1];
          return (
            <span key={i} ref={isMarked && i === marked[0] ? firstMarked : undefined} className={`mig-line${isMarked ? ' mig-line-marked' : ''}`} data-marked={isMarked || undefined}>
              <span className="mig-line-num" aria-hidden="true">
                {i + 1}
              </span>
              <span className="mig-line-text">{line || ' '}</span>
              {'\n'}
            </span>
          );
        })}
      </code>
    </pre>
  );
}
