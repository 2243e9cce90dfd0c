// usage: node .shoot.mjs '<hash>' name w h [run]
import { startStaticServer } from './harness.mjs';
import { chromium } from 'playwright-core';
const [hash, name, w, h, run] = process.argv.slice(2);
const srv = await startStaticServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text()); });
await page.goto(`${srv.origin}/index.html${hash}`);
await page.waitForTimeout(1500);
if (run) { await page.keyboard.press('Escape'); const b = page.locator('button', { hasText: /^(Run|Çalıştır)/ }).first(); await b.click().catch((e)=>console.log('noclick', e.message)); await page.waitForTimeout(+run); }
await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: false });
await browser.close(); await srv.close();
