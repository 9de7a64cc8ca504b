import { HashRouter, Navigate, Route, useParams } from '@solidjs/router';
import type { ParentProps } from 'solid-js';
import { Home } from './Home';
import { WorkspaceLayout } from './WorkspaceLayout';
import { TopicsPage } from './TopicsPage';
import { MembersPage } from './MembersPage';
import { MeetingsPage } from './MeetingsPage';
import { LiveMeetingPage } from './LiveMeeting';
import { MinutesPage } from './Minutes';
import { PracticesPage } from './PracticesPage';
import { SettingsPage } from './SettingsPage';
import { VersionsPage } from './VersionsPage';
import { NotFound } from './NotFound';
import { JoinPage } from './JoinPage';
import { UpdatePrompt } from './UpdatePrompt';
import { WriteProblem } from './write-problem';

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
      <Route path="*" component={NotFound} />
    </HashRouter>
  );
}
