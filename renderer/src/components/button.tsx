/** The one button of the app: three looks, a busy state, and native semantics kept intact. */
import type { ButtonHTMLAttributes, ReactNode } from 'react';

/** How prominent a button is: one primary action per view, secondary for the rest, ghost in toolbars. */
export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

/** A native button with the app's looks; `busy` disables it and shows a spinner. */
export function Button({
  variant = 'secondary',
  busy = false,
  icon,
  children,
  className,
  disabled,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; busy?: boolean; icon?: ReactNode }) {
  return (
    <button
      {...rest}
      type={type}
      className={['btn', `btn-${variant}`, className].filter(Boolean).join(' ')}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : icon ? <span className="btn-icon" aria-hidden="true">{icon}</span> : null}
      {children}
    </button>
  );
}
