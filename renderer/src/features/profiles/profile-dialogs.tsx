/** Renders whichever profile dialog is open (one at a time), and Ctrl/Cmd+N for a new profile. */
import { useEffect } from 'react';
import { DeleteDialog } from './delete-dialog';
import { ExportDialog } from './export-dialog';
import { PasswordDialog } from './password-dialog';
import { ProfileDialog } from './profile-dialog';
import { useProfiles } from './profiles-context';

/** True for Ctrl+N (Cmd+N on macOS) without other modifiers. */
const isNewShortcut = (event: KeyboardEvent): boolean =>
  (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'n';

/** The dialog host; mount once in the shell. */
export function ProfileDialogs() {
  const { dialog, findProfile, closeDialog, secretStore, connect, openNewProfile, reload } = useProfiles();
  // The list also reloads on `profiles.changed`; reloading here makes the change show without waiting for the event.
  const closeAndReload = () => {
    closeDialog();
    void reload();
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isNewShortcut(event) || event.defaultPrevented) return;
      event.preventDefault();
      if (dialog === null) openNewProfile();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialog, openNewProfile]);

  if (dialog === null) return null;
  switch (dialog.kind) {
    case 'edit': {
      const profile = dialog.profileId ? findProfile(dialog.profileId) : null;
      if (dialog.profileId && !profile) return null; // Deleted meanwhile.
      return (
        <ProfileDialog
          key={dialog.profileId ?? 'new'}
          profile={profile}
          seed={dialog.seed}
          secretStore={secretStore}
          onClose={closeDialog}
          onSaved={closeAndReload}
        />
      );
    }
    case 'export': {
      const profile = findProfile(dialog.profileId);
      return profile ? <ExportDialog profile={profile} onClose={closeDialog} /> : null;
    }
    case 'delete': {
      const profile = findProfile(dialog.profileId);
      return profile ? <DeleteDialog profile={profile} onClose={closeDialog} onDeleted={closeAndReload} /> : null;
    }
    case 'password': {
      const profile = findProfile(dialog.profileId);
      if (!profile) return null;
      return (
        <PasswordDialog
          profile={profile}
          replicaId={dialog.replicaId}
          reason={dialog.reason}
          onClose={closeDialog}
          onConnect={(password) => {
            closeDialog();
            void connect(profile.id, dialog.replicaId, password);
          }}
        />
      );
    }
  }
}
