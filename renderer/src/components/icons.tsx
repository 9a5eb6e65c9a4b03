/** The few line icons the shell uses, drawn inline so the CSP needs no image sources. */
import type { SVGProps } from 'react';

const base = { width: 14, height: 14, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

/** A plus sign. */
export const PlusIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <path d="M8 3v10M3 8h10" />
  </svg>
);

/** A small cross. */
export const CloseIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />
  </svg>
);

/** A play triangle. */
export const PlayIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p} fill="currentColor" stroke="none">
    <path d="M5 3.5v9l7.5-4.5z" />
  </svg>
);

/** A database cylinder. */
export const DatabaseIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <ellipse cx="8" cy="4" rx="5" ry="2" />
    <path d="M3 4v8c0 1.1 2.2 2 5 2s5-.9 5-2V4M3 8c0 1.1 2.2 2 5 2s5-.9 5-2" />
  </svg>
);

/** A terminal prompt, for console tabs. */
export const ConsoleIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <rect x="2" y="3" width="12" height="10" rx="1.5" />
    <path d="M5 7l2 1.5L5 10M8.5 10.5H11" />
  </svg>
);

/** A padlock. */
export const LockIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} width={11} height={11} {...p}>
    <rect x="3.5" y="7" width="9" height="6.5" rx="1" />
    <path d="M5.5 7V5a2.5 2.5 0 015 0v2" />
  </svg>
);

/** An open padlock. */
export const UnlockIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} width={11} height={11} {...p}>
    <rect x="3.5" y="7" width="9" height="6.5" rx="1" />
    <path d="M5.5 7V5a2.5 2.5 0 014.9-.7" />
  </svg>
);

/** A plug, for the connect tab. */
export const PlugIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <path d="M6 2v3M10 2v3M4.5 5h7v2.5a3.5 3.5 0 01-7 0zM8 11v3" />
  </svg>
);

/** A pencil, for Edit. */
export const EditIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <path d="M10.5 2.5l3 3L6 13H3v-3z" />
  </svg>
);

/** A waste bin, for Delete. */
export const TrashIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" />
  </svg>
);

/** A chain link, for Export URL. */
export const LinkIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <path d="M7 9a2.5 2.5 0 003.5 0l2-2A2.5 2.5 0 009 3.5l-.8.8M9 7a2.5 2.5 0 00-3.5 0l-2 2A2.5 2.5 0 007 12.5l.8-.8" />
  </svg>
);

/** Two stacked cylinders, for read replicas. */
export const ReplicaIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <ellipse cx="6" cy="4" rx="3.5" ry="1.5" />
    <path d="M2.5 4v5c0 .8 1.6 1.5 3.5 1.5M9.5 4v2" />
    <ellipse cx="10.5" cy="9" rx="3" ry="1.3" />
    <path d="M7.5 9v3.5c0 .7 1.3 1.3 3 1.3s3-.6 3-1.3V9" />
  </svg>
);

/** Two overlapping sheets, for Copy. */
export const CopyIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.2" />
    <path d="M10.5 5.5V3.7c0-.7-.5-1.2-1.2-1.2H3.7c-.7 0-1.2.5-1.2 1.2v5.6c0 .7.5 1.2 1.2 1.2h1.8" />
  </svg>
);

/** A tick. */
export const CheckIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <path d="M3 8.5l3 3 7-7" />
  </svg>
);

/** A shield, for the production guard. */
export const ShieldIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg {...base} {...p}>
    <path d="M8 1.8l5 1.9v4c0 3.1-2.1 5.6-5 6.5-2.9-.9-5-3.4-5-6.5v-4z" />
  </svg>
);
