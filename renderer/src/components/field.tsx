/**
 * A labelled form field: the label is tied to the control, and the note and the error are tied
 * to it through aria-describedby, so a screen reader reads what is wrong with the field it is on.
 */
import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';

interface ControlProps {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/** One field; `children` is the single control (input, select, textarea). */
export function Field({
  label,
  error,
  note,
  children,
  className,
  testId,
}: {
  label: ReactNode;
  error?: string | undefined;
  note?: ReactNode;
  children: ReactElement<ControlProps>;
  className?: string;
  testId?: string;
}) {
  const id = useId();
  const noteId = note ? `${id}-note` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [noteId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field-invalid' : '', className].filter(Boolean).join(' ')} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {note ? (
        <div id={noteId} className="field-note">
          {note}
        </div>
      ) : null}
      {error ? (
        <div id={errorId} className="field-error" role="alert" data-testid="field-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}
