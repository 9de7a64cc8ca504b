export function SettingsPage() {
  return <main class="page narrow"><p>Settings</p></main>;
}
