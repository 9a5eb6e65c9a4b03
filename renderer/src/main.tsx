/** Renderer entry: pick the door to the core once, then mount the shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClientProvider, connectToCore } from './api';
import { App } from './shell/app';
import './styles/theme.css';
import './styles/shell.css';
import './styles/components.css';
import './styles/features.css';

const client = connectToCore();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <ClientProvider client={client}>
      <App />
    </ClientProvider>
  </StrictMode>,
);
