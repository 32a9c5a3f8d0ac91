import { MotionConfig } from 'motion/react';
import { lazy, Suspense } from 'react';
import { selectView, useView } from '../store/viewStore.ts';
import { ViewTabs } from './ViewTabs.tsx';
import { FailureBanner } from './FailureBanner.tsx';
import { ReplayProgressBanner } from './ReplayProgress.tsx';
import { LinkMenu } from './controls/LinkMenu.tsx';
import { NetworkControls } from './controls/NetworkControls.tsx';
import { MembershipControls } from './controls/MembershipControls.tsx';
import { PlaybackBar } from './controls/PlaybackBar.tsx';
import { SettingsForm } from './controls/SettingsForm.tsx';
import { WriteControls } from './controls/WriteControls.tsx';
import { EventFeed } from './feed/EventFeed.tsx';
import { LogTable } from './log/LogTable.tsx';
import { NodePanel } from './panel/NodePanel.tsx';
import { ServerPopover } from './panel/ServerPopover.tsx';
import { MessageMenu } from './messages/MessageMenu.tsx';
import { Legend } from './ring/Legend.tsx';
import { RingView } from './ring/RingView.tsx';
import { Symbols } from './ring/Symbols.tsx';
import { ClusterStatus } from './ClusterStatus.tsx';
import { LockPanel } from './lock/LockPanel.tsx';
import { LibraryPicker } from './library/LibraryPicker.tsx';
import { OpenProblemBanner } from './share/OpenProblemBanner.tsx';
import { ShareControls } from './share/ShareControls.tsx';
import { RingHighlight } from './spacetime/RingHighlight.tsx';
import { SpaceTimePanel } from './spacetime/SpaceTimePanel.tsx';
import { BranchNotice } from './travel/BranchNotice.tsx';
import { TimelinePanel } from './travel/TimelinePanel.tsx';
import { BrokenBanner } from './broken/BrokenBanner.tsx';
import { Figure3Panel } from './broken/Figure3Panel.tsx';
import { ClientHistoryCard } from './clients/ClientHistoryCard.tsx';
import { Callouts } from './narration/Callouts.tsx';
import { ClassroomBar } from './presenter/ClassroomBar.tsx';
import { ClassroomLayer, ClassroomSide, LessonLinkError } from './presenter/Classroom.tsx';
import { useActions } from '../store/context.ts';
import './stage.css';

// Loaded on first use: most visits never open the experiments.
const ExperimentView = lazy(() => import('./experiments/ExperimentView.tsx').then((m) => ({ default: m.ExperimentView })));

export function App() {
  const { openRun, showView } = useActions();
  const view = useView(selectView);
  return (
    <MotionConfig reducedMotion="user">
      <Symbols />
      <div className="app">
        <header className="topbar">
          <div className="brand">
            <h1>Raft Election Lab</h1>
            <p>A live Raft cluster: watch who leads, why, and what a split does.</p>
          </div>
          <ViewTabs />
          {view === 'live' && <PlaybackBar />}
          <ClassroomBar />
        </header>
        <FailureBanner />
        <ReplayProgressBanner />
        <OpenProblemBanner />
        <BranchNotice />
        <BrokenBanner />
        <LessonLinkError />
        {view === 'experiments' && (
          <main className="experiments-page">
            <Suspense fallback={<p>Loading the experiments…</p>}>
              <ExperimentView
                onOpenScenario={(scenario, at) => {
                  // Switch first: returning to the live view resumes the old run's playback,
                  // which the new run must override. A trial opens paused just before its
                  // crash; a demonstration plays from the start.
                  showView('live');
                  openRun(scenario, at, at === 0);
                }}
              />
            </Suspense>
          </main>
        )}
        <main className="layout" hidden={view !== 'live'}>
          <div className="main-col">
            <section className="card stage" aria-label="Cluster">
              <div className="stage-bar">
                <ClusterStatus />
                <WriteControls />
              </div>
              <div className="stage-canvas">
                <RingView />
                <RingHighlight />
                <Callouts />
                <LinkMenu />
                <ServerPopover />
                <LockPanel />
                <MessageMenu />
              </div>
              <div className="stage-bar">
                <div className="stage-controls">
                  <NetworkControls />
                  <MembershipControls />
                </div>
              </div>
              <TimelinePanel />
            </section>
            <Legend />
            <SpaceTimePanel />
            <LogTable />
          </div>
          <aside className="side">
            <LibraryPicker />
            <ShareControls />
            <ClassroomSide />
            {/* A teacher's Follow along box sits here in presenter view (views/follow/FollowDock.tsx). */}
            <div className="follow-slot" id="follow-slot" />
            <NodePanel />
            <EventFeed />
            <Figure3Panel />
            <ClientHistoryCard />
            <details className="card settings-card">
              <summary>Settings</summary>
              <SettingsForm />
            </details>
          </aside>
        </main>
      </div>
      <ClassroomLayer />
    </MotionConfig>
  );
}
