/**
 * What the Test button asks `connections.check` to reach: the saved profile, or the unsaved
 * form as a draft (a pasted PEM CA included), so Test checks exactly what Save would store.
 */
import type { ProfileInput } from '../../../../app/api/calls/profile-schemas';
import type { CallInput } from '../../../../app/api/contract';
import type { ProfileForm } from './profile-form';

/** A target for connections.check, and whether it is the saved profile or the form's values. */
export interface TestPlan {
  target: CallInput<'connections.check'>;
  via: 'profile' | 'form';
}

/**
 * Chooses how to test: by id when the saved profile is unchanged, else the form's values as a
 * draft. The password of a draft is the typed one, else the one an import left in the core,
 * else (editing) the saved one; none of them has to pass through this window.
 */
export function planTest(form: ProfileForm, input: ProfileInput, dirty: boolean): TestPlan {
  const typed = form.password !== '' ? { password: form.password } : {};
  if (form.id !== undefined && !dirty) {
    return { via: 'profile', target: { profileId: form.id, ...typed } };
  }
  const { dialect, host, hostaddr, port, database, user, ssl, connectTimeoutMs } = input;
  const draft = { dialect, host, ...(hostaddr !== undefined ? { hostaddr } : {}), port, database, user, ssl, connectTimeoutMs };
  const stored =
    form.password !== '' || form.forgetPassword
      ? {}
      : form.pendingPasswordId !== null
        ? { pendingPasswordId: form.pendingPasswordId }
        : form.id !== undefined && form.hasSavedPassword
          ? { profileId: form.id }
          : {};
  return { via: 'form', target: { draft, ...typed, ...stored } };
}
