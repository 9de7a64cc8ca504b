import { test } from 'vitest';
import { launchBrowser, openApp } from './harness/browser';
import { databaseNames, goTo, createWorkspace } from './helpers';
test('scratch', async () => {
  const b = await launchBrowser();
  const page = await openApp(b, '/');
  console.log('before', await databaseNames(page));
  await goTo(page, '/w/doesNotExist123/topics');
  await page.getByRole('heading', { name: 'This workspace is not in this browser' }).waitFor();
  console.log('after missing', await databaseNames(page));
  await goTo(page, '/');
  await createWorkspace(page, 'x');
  console.log('html', (await page.locator('.workspace').innerHTML()).slice(0, 3000));
});
