import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SCENARIO_VERSION } from './sim/scenario.ts';
import { DEFAULT_SETTINGS } from './sim/settings.ts';
import { startWorker } from './store/client.ts';
import { startPlayback } from './store/playback.ts';
import { useSim } from './store/simStore.ts';
import { speedFromUrl } from './store/speed.ts';
import { openExperimentLink } from './store/experimentStore.ts';
import { openRunLink } from './store/share.ts';
import { showView } from './store/viewStore.ts';
import { App } from './views/App.tsx';
import './views/app.css';

// ?speed=N (1-100) starts at that speed: for demos and browser tests. Read as a number only.
const speed = speedFromUrl(window.location.search);
if (speed !== null) useSim.setState({ speed });

startWorker({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
startPlayback();

// An experiment link opens the experiments view and reruns it (the seed makes it the same run).
void openExperimentLink(window.location.hash).then((opened) => {
  if (opened) showView('experiments');
});

// A run link (#run=...) replays its run to its moment; a bad one says why over the default run.
void openRunLink(window.location.href);
window.addEventListener('hashchange', () => void openRunLink(window.location.href));

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
