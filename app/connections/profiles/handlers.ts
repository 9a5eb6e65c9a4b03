/** Handlers for profiles.* calls. */
import type { Handlers } from '../../api/dispatch';
import type { ProfileService } from './profile-service';

/** The profile calls served by one ProfileService. */
export function profileHandlers(
  profiles: ProfileService,
): Pick<
  Handlers,
  'profiles.list' | 'profiles.save' | 'profiles.delete' | 'profiles.import' | 'profiles.export' | 'profiles.describeSecretStore' | 'profiles.setAsideStore'
> {
  return {
    async 'profiles.list'() {
      return { profiles: await profiles.list() };
    },
    async 'profiles.save'(input) {
      return { profile: await profiles.save(input) };
    },
    async 'profiles.delete'(input) {
      await profiles.delete(input.id);
      return { deleted: true };
    },
    async 'profiles.import'(input) {
      return profiles.import(input.text, input.alias);
    },
    async 'profiles.export'(input) {
      return profiles.export(input.id, input.includePassword ?? false);
    },
    async 'profiles.describeSecretStore'() {
      return profiles.describeSecrets();
    },
    async 'profiles.setAsideStore'() {
      return { movedTo: await profiles.setAsideStore() };
    },
  };
}
