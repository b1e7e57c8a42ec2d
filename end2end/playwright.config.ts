import { defineConfig } from '@playwright/test';

// The portal under test: the release build, a fresh data directory with the demo shop, and
// Debian's Chromium. Every spec runs twice: with JavaScript (hydrated) and without.
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL, trace: 'off', screenshot: 'only-on-failure',
    // The specs read English: they pick it with the language switcher's cookie, as a visitor
    // would (the demo orders are in Norwegian, Finnish and Dutch). languages.spec.ts clears it.
    storageState: {
      cookies: [{
        name: 'portal_lang', value: 'en', domain: '127.0.0.1', path: '/', expires: -1,
        httpOnly: true, secure: false, sameSite: 'Lax',
      }],
      origins: [],
    },
  },
  projects: [
    { name: 'js', use: { ...chromium, javaScriptEnabled: true } },
    { name: 'no-js', use: { ...chromium, javaScriptEnabled: false } },
  ],
  webServer: {
    command: `./serve.sh ${port}`,
    url: `${baseURL}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
