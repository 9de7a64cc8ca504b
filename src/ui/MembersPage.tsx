export function MembersPage() {
  return <main class="page narrow"><p>Members</p></main>;
}
