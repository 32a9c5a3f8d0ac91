import { MotionConfig } from 'motion/react';
import { FailureBanner } from './FailureBanner.tsx';
import { LinkMenu } from './controls/LinkMenu.tsx';
import { NetworkControls } from './controls/NetworkControls.tsx';
import { PlaybackBar } from './controls/PlaybackBar.tsx';
import { SettingsForm } from './controls/SettingsForm.tsx';
import { WriteControls } from './controls/WriteControls.tsx';
import { EventFeed } from './feed/EventFeed.tsx';
import { LogTable } from './log/LogTable.tsx';
import { NodePanel } from './panel/NodePanel.tsx';
import { Legend } from './ring/Legend.tsx';
import { RingView } from './ring/RingView.tsx';
import { Symbols } from './ring/Symbols.tsx';
import { ClusterStatus } from './ClusterStatus.tsx';

export function App() {
  return (
    <MotionConfig reducedMotion="user">
      <Symbols />
      <div className="app">
        <header className="topbar">
          <div className="brand">
            <h1>Raft Election Lab</h1>
            <p>A live Raft cluster: watch who leads, why, and what a split does.</p>
          </div>
          <PlaybackBar />
        </header>
        <FailureBanner />
        <main className="layout">
          <div className="main-col">
            <section className="card stage" aria-label="Cluster">
              <div className="stage-bar">
                <ClusterStatus />
                <WriteControls />
              </div>
              <div className="stage-canvas">
                <RingView />
                <LinkMenu />
              </div>
              <div className="stage-bar">
                <NetworkControls />
              </div>
              <Legend />
            </section>
            <LogTable />
          </div>
          <aside className="side">
            <NodePanel />
            <EventFeed />
            <details className="card settings-card">
              <summary>Settings</summary>
              <SettingsForm />
            </details>
          </aside>
        </main>
      </div>
    </MotionConfig>
  );
}
