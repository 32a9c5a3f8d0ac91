import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SCENARIO_VERSION } from './sim/scenario.ts';
import { DEFAULT_SETTINGS } from './sim/settings.ts';
import { browserClient } from './store/browserClient.ts';
import { LabContext } from './store/context.ts';
import { createLabStore } from './store/lab.ts';
import { speedFromUrl } from './store/speed.ts';
import { startOffline } from './offline/offline.ts';
import { UpdateNotice } from './offline/UpdateNotice.tsx';
import { createStudent, createTeacher, type Follow } from './follow/follow.ts';
import { followCodeFromHash, relayFromSearch } from './follow/link.ts';
import { App } from './views/App.tsx';
import { EmbedApp } from './views/embed/EmbedApp.tsx';
import { isEmbedded } from './embed/embedUrl.ts';
import { FollowDock } from './views/follow/FollowDock.tsx';
import { createRingGeometry, RingGeometryContext } from './views/ring/geometry.ts';
import './views/app.css';

// The page's one lab: every component reads it from the context, nothing is a module global.
const lab = createLabStore(browserClient);

// ?speed=N (0.25-500) starts at that speed: for demos and browser tests. Read as a number only.
const speed = speedFromUrl(window.location.search);
if (speed !== null) lab.sim.setState({ speed });

lab.start({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
lab.attach(document);

// An experiment link opens the experiments view and reruns it (the seed makes it the same run).
void lab.actions.openExperimentLink(window.location.hash).then((opened) => {
  if (opened) lab.actions.showView('experiments');
});

// A run link (#run=...) replays its run to its moment; a bad one says why over the default run.
void lab.actions.openRunLink(window.location.href);
window.addEventListener('hashchange', () => void lab.actions.openRunLink(window.location.href));

// ?embed=1: only the stage and a small bar, for an <iframe> in slides or a course page.
const embedded = isEmbedded(window.location.search);

// Offline after one visit; a new version waits for the teacher's click (src/offline). An
// embedded page has none (a sandboxed frame has no service worker) and shows no notice.
if (!embedded) startOffline();

// ?relay=ws://host:port: the teacher may start a session there; #follow=CODE follows one
// (src/follow). Without a relay the page is exactly as before.
const relay = embedded ? null : relayFromSearch(window.location.search);
let follow: Follow | null = null;
if (relay && 'url' in relay) {
  const code = followCodeFromHash(window.location.hash);
  follow = code ? createStudent(lab, relay.url, code) : createTeacher(lab, relay.url);
} else if (relay) {
  lab.actions.showProblem({ title: 'The relay in this link cannot be used.', message: relay.error });
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LabContext value={lab}>
        <RingGeometryContext value={createRingGeometry()}>
          {embedded ? <EmbedApp /> : <App />}
          {follow && <FollowDock follow={follow} />}
        </RingGeometryContext>
      </LabContext>
      {!embedded && <UpdateNotice />}
    </StrictMode>,
  );
}
