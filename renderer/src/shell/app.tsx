/** The renderer's root: small, separate contexts (status, sessions, workspace, profiles) around the shell. */
import { ProfilesProvider } from '../features/profiles/profiles-context';
import { AppShell } from './app-shell';
import { SessionsProvider } from './sessions-context';
import { StatusProvider } from './status-context';
import { WorkspaceProvider } from './workspace-context';

/** Everything under the client provider. */
export function App() {
  return (
    <StatusProvider>
      <SessionsProvider>
        <WorkspaceProvider>
          <ProfilesProvider>
            <AppShell />
          </ProfilesProvider>
        </WorkspaceProvider>
      </SessionsProvider>
    </StatusProvider>
  );
}
