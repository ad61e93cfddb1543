// Renders every BPMN model in ../../bpmn to ../../docs/images/<name>.png and .svg
// with the bpmn-js NavigatedViewer in a headless Chromium.
//
// Usage: cd tools/render-diagrams && npm ci && node render.mjs
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), SCALE (default 1.5).

import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const bpmnDir = join(here, '..', '..', 'bpmn');
const outDir = join(here, '..', '..', 'docs', 'images');
const distDir = join(here, 'node_modules', 'bpmn-js', 'dist');

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const scale = Number(process.env.SCALE || 1.5);
const padding = 30; // CSS pixels around the diagram
const footer = 40; // CSS pixels kept free below the diagram for the bpmn.io logo
const maxWidth = 2400; // CSS pixels; wider diagrams are scaled down to fit
const maxHeight = 1600;

// Pages are served from a made-up origin that never reaches the network:
// every request is answered from local files below.
const origin = 'http://render.invalid';

const indexHtml = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<link rel="stylesheet" href="/assets/diagram-js.css">
<link rel="stylesheet" href="/assets/bpmn-js.css">
<link rel="stylesheet" href="/assets/bpmn-font/css/bpmn.css">
<style>
  html, body { margin: 0; padding: 0; background: #fff; overflow: hidden; }
  #canvas { position: absolute; inset: 0; }
</style>
</head>
<body>
<div id="canvas"></div>
<script src="/bpmn-navigated-viewer.production.min.js"></script>
</body>
</html>`;

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.svg': 'image/svg+xml',
};

async function serve(route) {
  const url = new URL(route.request().url());
  if (url.origin !== origin) {
    return route.abort();
  }
  if (url.pathname === '/' || url.pathname === '/index.html') {
    return route.fulfill({ status: 200, contentType: contentTypes['.html'], body: indexHtml });
  }
  const file = join(distDir, decodeURIComponent(url.pathname));
  if (!file.startsWith(distDir)) {
    return route.fulfill({ status: 404, body: '' });
  }
  try {
    const body = await readFile(file);
    return route.fulfill({
      status: 200,
      contentType: contentTypes[extname(file)] || 'application/octet-stream',
      body,
    });
  } catch {
    return route.fulfill({ status: 404, body: '' });
  }
}

// bpmn-js gives arrow-head markers random ids; number them in order of
// appearance so that an unchanged model renders to an unchanged SVG.
function stableMarkerIds(svg, name) {
  const ids = new Map();
  for (const [, id] of svg.matchAll(/<marker id="([^"]+)"/g)) {
    ids.set(id, `${name}-marker-${ids.size + 1}`);
  }
  return svg.replace(/#([A-Za-z0-9_-]+)/g, (ref, id) => (ids.has(id) ? `#${ids.get(id)}` : ref))
    .replace(/<marker id="([^"]+)"/g, (tag, id) => `<marker id="${ids.get(id)}"`);
}

async function render(browser, file) {
  const name = basename(file, '.bpmn');
  const xml = await readFile(file, 'utf8');

  const context = await browser.newContext({
    viewport: { width: 1200, height: 800 },
    deviceScaleFactor: scale,
  });
  await context.route('**/*', serve);
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => typeof window.BpmnJS === 'function');

  const imported = await page.evaluate(async (xml) => {
    window.viewer = new window.BpmnJS({ container: '#canvas' });
    try {
      const { warnings } = await window.viewer.importXML(xml);
      const inner = window.viewer.get('canvas').viewbox().inner;
      return {
        warnings: warnings.map((w) => w.message),
        inner: { x: inner.x, y: inner.y, width: inner.width, height: inner.height },
      };
    } catch (err) {
      return {
        error: err.message,
        warnings: (err.warnings || []).map((w) => w.message),
      };
    }
  }, xml);

  if (imported.error) {
    await context.close();
    return { name, error: imported.error, warnings: imported.warnings, pageErrors };
  }

  // Size the viewport to the diagram at 100 % zoom, within limits.
  const width = Math.min(maxWidth, Math.ceil(imported.inner.width + 2 * padding));
  const height = Math.min(maxHeight, Math.ceil(imported.inner.height + 2 * padding + footer));
  await page.setViewportSize({ width, height });

  const zoom = await page.evaluate(([padding, footer]) => {
    const canvas = window.viewer.get('canvas');
    canvas.resized();
    const inner = canvas.viewbox().inner;
    const outer = canvas.viewbox().outer;
    // Fit the diagram with a margin (like fit-viewport), never zooming in
    // beyond 100 %, and keep the strip at the bottom free for the logo.
    const z = Math.min(
      1,
      (outer.width - 2 * padding) / inner.width,
      (outer.height - 2 * padding - footer) / inner.height,
    );
    canvas.viewbox({
      x: inner.x - (outer.width / z - inner.width) / 2,
      y: inner.y - ((outer.height - footer) / z - inner.height) / 2,
      width: outer.width / z,
      height: outer.height / z,
    });
    return canvas.zoom();
  }, [padding, footer]);

  // Let fonts settle before the screenshot.
  await page.evaluate(() => document.fonts.ready);

  const png = join(outDir, `${name}.png`);
  await page.locator('#canvas').screenshot({ path: png });

  const svg = await page.evaluate(async () => (await window.viewer.saveSVG()).svg);
  await writeFile(join(outDir, `${name}.svg`), stableMarkerIds(svg, name) + '\n');

  await context.close();
  return { name, warnings: imported.warnings, pageErrors, width, height, zoom };
}

async function main() {
  await mkdir(outDir, { recursive: true });
  const files = (await readdir(bpmnDir))
    .filter((f) => f.endsWith('.bpmn'))
    .sort()
    .map((f) => join(bpmnDir, f));
  if (files.length === 0) {
    throw new Error(`no .bpmn files in ${bpmnDir}`);
  }

  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  let failed = 0;
  try {
    for (const file of files) {
      const result = await render(browser, file);
      if (result.error) {
        failed++;
        console.error(`FAIL ${result.name}: ${result.error}`);
      } else {
        console.log(
          `ok   ${result.name}.png ${result.width}x${result.height} css px, ` +
            `zoom ${result.zoom.toFixed(2)}, scale ${scale}`,
        );
      }
      for (const w of result.warnings) {
        console.warn(`warn ${result.name}: ${w}`);
      }
      for (const e of result.pageErrors) {
        console.warn(`page error ${result.name}: ${e}`);
      }
    }
  } finally {
    await browser.close();
  }
  if (failed > 0) {
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
