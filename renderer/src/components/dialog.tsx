/**
 * The app's modal dialog, on the native <dialog>: the browser traps focus, puts it in the top
 * layer and turns Esc into a `cancel` event, which closes through the owner's state. When the
 * dialog holds a form, Enter in a field submits it like any form.
 */
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { CloseIcon } from './icons';

/** Props of a dialog; it is shown while mounted. */
export interface DialogProps {
  title: ReactNode;
  /** Called on Esc, the close button, or (see dismissOnBackdrop) a click on the backdrop. */
  onClose: () => void;
  children: ReactNode;
  /** Buttons along the bottom; inside the form when `onSubmit` is given. */
  footer?: ReactNode;
  /** Makes the body a form: Enter submits. */
  onSubmit?: () => void;
  /** A line under the title. */
  subtitle?: ReactNode;
  size?: 'small' | 'large';
  /** A tone for the header stripe (production dialogs are red). */
  tone?: 'plain' | 'danger';
  /** Whether a click on the backdrop closes it; off for forms, where a stray click would lose typing. */
  dismissOnBackdrop?: boolean;
  testId?: string;
}

/** A modal dialog; mount it to open it, unmount it to close it. */
export function Dialog({ title, onClose, children, footer, onSubmit, subtitle, size = 'small', tone = 'plain', dismissOnBackdrop = true, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit?.();
  };

  const head = (
    <header className="dialog-head">
      <div className="dialog-titles">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {subtitle ? <p className="dialog-subtitle">{subtitle}</p> : null}
      </div>
      <button type="button" className="icon-button dialog-close" onClick={() => closeRef.current()} aria-label="Close dialog">
        <CloseIcon />
      </button>
    </header>
  );

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size} dialog-tone-${tone}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        // Esc: let the owner decide (it unmounts us); the browser must not close behind React's back.
        event.preventDefault();
        closeRef.current();
      }}
      onMouseDown={(event) => {
        // A press on the backdrop (the dialog element itself, outside its box) closes it.
        if (!dismissOnBackdrop || event.target !== ref.current) return;
        const box = ref.current.getBoundingClientRect();
        const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
        if (!inside) closeRef.current();
      }}
    >
      {onSubmit ? (
        <form className="dialog-frame" onSubmit={submit} noValidate>
          {head}
          <div className="dialog-body">{children}</div>
          {footer ? <footer className="dialog-foot">{footer}</footer> : null}
        </form>
      ) : (
        <div className="dialog-frame">
          {head}
          <div className="dialog-body">{children}</div>
          {footer ? <footer className="dialog-foot">{footer}</footer> : null}
        </div>
      )}
    </dialog>
  );
}
