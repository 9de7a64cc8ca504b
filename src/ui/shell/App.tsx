import { HashRouter, Navigate, Route, useParams } from '@solidjs/router';
import { lazy, type ParentProps } from 'solid-js';
import { loadArea, type Area } from '../../i18n';
import { Home } from '../home/Home';
import { WorkspaceLayout } from './WorkspaceLayout';
import { TopicsPage } from '../topics/TopicsPage';
import { UpdatePrompt } from './UpdatePrompt';
import { WriteProblem } from '../kit/write-problem';

// Home and the topics (what a workspace opens on) come with the page; every other screen is
// loaded when first shown, so the page's own script stays small (docs/performance.md). The
// service worker precaches them all, so they load offline too.
// Each waits for its strings too, in the person's language (src/i18n: loadArea).
const withAreas = <T,>(load: () => Promise<T>, ...areas: Area[]) => Promise.all([load(), ...areas.map(loadArea)]).then(([module]) => module);
const MembersPage = lazy(() => withAreas(() => import('../members/MembersPage'), 'members', 'practices').then((m) => ({ default: m.MembersPage })));
const MeetingsPage = lazy(() => withAreas(() => import('../meetings/MeetingsPage'), 'meetings', 'editor', 'practices').then((m) => ({ default: m.MeetingsPage })));
const LiveMeetingPage = lazy(() => withAreas(() => import('../meetings/live/LiveMeeting'), 'meetings', 'editor', 'practices').then((m) => ({ default: m.LiveMeetingPage })));
const MinutesPage = lazy(() => withAreas(() => import('../meetings/minutes/Minutes'), 'meetings', 'editor').then((m) => ({ default: m.MinutesPage })));
const PracticesPage = lazy(() => withAreas(() => import('../practices/PracticesPage'), 'practices', 'editor').then((m) => ({ default: m.PracticesPage })));
const SettingsPage = lazy(() => withAreas(() => import('../settings/SettingsPage'), 'settings', 'backup', 'practices').then((m) => ({ default: m.SettingsPage })));
const VersionsPage = lazy(() => withAreas(() => import('../versions/VersionsPage'), 'versions', 'practices').then((m) => ({ default: m.VersionsPage })));
const JoinPage = lazy(() => import('./JoinPage').then((m) => ({ default: m.JoinPage })));
const NotFound = lazy(() => import('./NotFound').then((m) => ({ default: m.NotFound })));

function Frame(props: ParentProps) {
  return (
    <div class="app">
      <UpdatePrompt />
      {props.children}
      <WriteProblem />
    </div>
  );
}

function ToTopics() {
  const params = useParams();
  return <Navigate href={`/w/${params.workspaceId}/topics`} />;
}

export function App() {
  return (
    <HashRouter root={Frame}>
      <Route path="/" component={Home} />
      <Route path="/w/:workspaceId" component={WorkspaceLayout}>
        <Route path="/" component={ToTopics} />
        <Route path="/topics/:topicId?" component={TopicsPage} />
        <Route path="/members" component={MembersPage} />
        <Route path="/meetings/:meetingId/live" component={LiveMeetingPage} />
        <Route path="/meetings/:meetingId/minutes" component={MinutesPage} />
        <Route path="/meetings/:meetingId?" component={MeetingsPage} />
        <Route path="/practices/:practiceId?" component={PracticesPage} />
        <Route path="/versions/:versionId?" component={VersionsPage} />
        <Route path="/settings" component={SettingsPage} />
      </Route>
      <Route path="/join/*rest" component={JoinPage} />
      <Route path="/edit/*rest" component={JoinPage} />
      <Route path="/view/*rest" component={JoinPage} />
      <Route path="*" component={NotFound} />
    </HashRouter>
  );
}
