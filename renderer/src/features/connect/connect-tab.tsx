/** The connect tab: the form, and on success the session joins the sidebar and a console replaces this tab. */
import type { ConnectTab } from '../../shell/tab';
import { useSessions } from '../../shell/sessions-context';
import { useWorkspace } from '../../shell/workspace-context';
import { ConnectForm } from './connect-form';

/** Body of a `connect` tab. */
export function ConnectTabView({ tab }: { tab: ConnectTab }) {
  const { addSession } = useSessions();
  const { openConsole } = useWorkspace();
  return (
    <div className="connect-tab">
      <ConnectForm
        onOpened={({ sessionId, server }) => {
          addSession(sessionId, server);
          openConsole(sessionId, tab.id);
        }}
      />
    </div>
  );
}
