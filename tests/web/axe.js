// tests/web/axe.js PAGE.html...: axe-core's WCAG 2.1 A and AA rules on each page, in headless
// Debian chromium (/usr/bin/chromium, or $CHROMIUM) driven by playwright-core.  Prints every
// violation (rule, impact, the elements and axe's help), one summary line a page, and exits 1
// if any page has a violation, 2 if the browser cannot be run.  JIS X 8341-3:2016 takes its
// success criteria from WCAG 2.0; the 2.1 rules are a superset of those axe can test.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function main(pages) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'minutes-axe-'));
  let context;
  try {
    // a fresh profile each run (playwright passes it as --user-data-dir)
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
             '--disable-component-update', '--no-first-run'],
    });
  } catch (e) {
    console.log(`axe: cannot start chromium: ${e.message.split('\n')[0]}`);
    fs.rmSync(profile, { recursive: true, force: true });
    return 2;
  }
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  let failed = 0;
  try {
    // the pages are self-contained: any request beyond the page itself is a failure
    await context.route('**/*', (route) =>
      route.request().url().startsWith('file://') ? route.continue() : route.abort());
    for (const file of pages) {
      const page = await context.newPage();
      await page.goto('file://' + path.resolve(file));
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async (tags) => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags },
                                                   resultTypes: ['violations'] });
        return { version: window.axe.version, violations: r.violations, passes: r.passes.length };
      }, TAGS);
      for (const v of result.violations) {
        console.log(`${file}: ${v.id} (${v.impact}): ${v.help}`);
        for (const n of v.nodes.slice(0, 5))
          console.log(`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`);
      }
      console.log(`${file}: axe-core ${result.version}, ${TAGS.join(' ')}: ` +
                  `${result.violations.length} violations, ${result.passes} rules passed`);
      failed += result.violations.length;
      await page.close();
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  console.log(`axe: ${e.stack || e}`);
  process.exit(2);
});
