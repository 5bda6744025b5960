// Ad-hoc screenshots for looking at pages (not a test; not committed).
import { chromium } from '@playwright/test';
const [site, path, out, width = '1280', height = '900', wait = ''] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()); });
await page.goto(site + path);
await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
if (wait) await page.getByText(new RegExp(wait)).first().waitFor({ timeout: 30000 });
await page.waitForTimeout(1500);
await page.screenshot({ path: out, fullPage: false });
console.log('url', page.url(), 'overflow', await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth));
await browser.close();
