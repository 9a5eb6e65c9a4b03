/** The renderer's root: small, separate contexts (status, sessions, workspace) around the shell. */
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
          <AppShell />
        </WorkspaceProvider>
      </SessionsProvider>
    </StatusProvider>
  );
}
