import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { takeOpsToken } from './api/opsToken.ts';
import './styles.css';

const root = document.getElementById('root');
if (root === null) {
  throw new Error('index.html has no #root element');
}
// Before the first fetch: a demo start's `/?ops_token=…` goes into this tab's sessionStorage.
takeOpsToken(window.location, window.sessionStorage, (url) => window.history.replaceState(window.history.state, '', url));
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
