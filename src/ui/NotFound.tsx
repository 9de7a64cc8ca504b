import { A } from '@solidjs/router';

export function NotFound() {
  return (
    <main class="page narrow">
      <h1>Page not found</h1>
      <p>This address does not lead to anything in Tavola.</p>
      <A class="button primary" href="/">Go to your workspaces</A>
    </main>
  );
}
