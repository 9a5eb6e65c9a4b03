/** Line icons of the Migrations view, drawn like components/icons.tsx (inline, CSP-safe). */
import type { SVGProps } from 'react';

const base = { width: 14, height: 14, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

/** Stacked steps with an arrow: a migration history, for the tab and its button. */
export const MigrationsIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <path d="M2.5 13.5h4v-3.5h4V6.5h3" />
    <path d="M11.5 2.5l2 2-2 2" />
    <path d="M13.5 4.5H9" />
  </svg>
);

/** A curved arrow back, for roll back. */
export const RollbackIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <path d="M5.5 3.5L3 6l2.5 2.5" />
    <path d="M3 6h6.5a3.5 3.5 0 010 7H6" />
  </svg>
);

/** Arrows in a circle, for reload. */
export const ReloadIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <path d="M13 8a5 5 0 11-1.5-3.6" />
    <path d="M13 2.5v3h-3" />
  </svg>
);
