/**
 * profiles.* calls: saved connection profiles, their import from a URL or Django settings,
 * their export as a URL, and where their passwords are kept. A password goes in (save) but
 * never comes out, except in a URL export the user explicitly asks to include it in.
 */
import { z } from 'zod';
import { Profile, ProfileId, ProfileInput, type ProfileExport, type ProfileImport, type SecretStoreDescription } from './profile-schemas';

/** Calls in the profiles domain. */
export const profileCalls = {
  'profiles.list': { input: z.object({}).strict(), doc: 'Every saved connection profile (never a password).' },
  'profiles.save': {
    input: ProfileInput,
    doc: 'Create (no id) or update a profile; a password (or the pendingPasswordId from an import) goes to the secret store.',
  },
  'profiles.delete': { input: z.object({ id: ProfileId }).strict(), doc: 'Delete a profile and its stored passwords.' },
  'profiles.import': {
    input: z.object({ text: z.string().min(1).max(1_000_000), alias: z.string().min(1).max(200).optional() }).strict(),
    doc: 'Read a connection URL or a Django DATABASES setting into an unsaved draft; a password found is held in the core.',
  },
  'profiles.export': {
    input: z.object({ id: ProfileId, includePassword: z.boolean().optional() }).strict(),
    doc: 'The profile as a postgresql:// or mysql:// URL; the password only when includePassword is true.',
  },
  'profiles.describeSecretStore': { input: z.object({}).strict(), doc: 'Where passwords are kept and whether a keychain protects them.' },
  'profiles.setAsideStore': {
    input: z.object({}).strict(),
    doc: 'Move an unreadable profile file aside (renamed, never deleted) so profiles can be saved again.',
  },
} as const;

/** What profile calls return. */
export interface ProfileOutputs {
  'profiles.list': { profiles: Profile[] };
  'profiles.save': { profile: Profile };
  'profiles.delete': { deleted: true };
  'profiles.import': ProfileImport;
  'profiles.export': ProfileExport;
  'profiles.describeSecretStore': SecretStoreDescription;
  'profiles.setAsideStore': { movedTo: string | null };
}

/** Events in the profiles domain. */
export const profileEvents = {
  /** A profile was saved, deleted or learned its engine; id null when the whole list changed. */
  'profiles.changed': z.object({ id: z.string().nullable() }),
} as const;
