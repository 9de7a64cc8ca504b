export function MeetingsPage() {
  return <main class="page narrow"><p>Meetings</p></main>;
}
