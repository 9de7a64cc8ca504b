export function PracticesPage() {
  return <main class="page narrow"><p>Practices</p></main>;
}
