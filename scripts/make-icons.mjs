// Rasterises assets/icon.svg into every icon the installers and windows need,
// offline, with the system's Chromium (the same one the end-to-end tests use):
//   build/icons/<size>x<size>.png   Linux (AppImage, deb, rpm) and the window icon
//   build/icon.png                  1024 px, electron-builder's fallback source
//   build/icon.icns                 macOS (PNG entries: 16 px to 1024 px)
//   build/icon.ico                  Windows and the NSIS installer (BMP up to 48 px, PNG at 256 px)
//   build/icon-source.sha256        the SVG these were made from (a test checks they are current)
// The outputs are committed; run this again after changing the SVG:
//   node scripts/make-icons.mjs [--chromium /usr/bin/chromium]
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 256];
/** icns entry types that hold PNG data, by pixel size. */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['icp6', 64],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
];
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/* global Image, document -- the function given to page.evaluate runs in the browser page */

/** Draws the SVG on a canvas at each size, in the browser; returns PNG bytes and raw RGBA pixels. */
async function rasterise(svg, sizes, executablePath) {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    const results = await page.evaluate(
      async ({ svgText, sizeList }) => {
        const image = new Image();
        image.src = `data:image/svg+xml;base64,${btoa(svgText)}`;
        await image.decode();
        const out = [];
        for (const size of sizeList) {
          const canvas = document.createElement('canvas');
          canvas.width = size;
          canvas.height = size;
          const context = canvas.getContext('2d');
          context.imageSmoothingQuality = 'high';
          context.drawImage(image, 0, 0, size, size);
          const png = canvas.toDataURL('image/png').split(',')[1];
          const rgba = Array.from(context.getImageData(0, 0, size, size).data);
          out.push({ size, png, rgba });
        }
        return out;
      },
      { svgText: svg, sizeList: sizes },
    );
    return new Map(results.map(({ size, png, rgba }) => [size, { png: Buffer.from(png, 'base64'), rgba: Uint8Array.from(rgba) }]));
  } finally {
    await browser.close();
  }
}

/** A 32-bit DIB as ICO wants it: BITMAPINFOHEADER with double height, BGRA rows bottom-up, then an all-opaque AND mask. */
function icoBitmap(size, rgba) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  // Alpha does the masking; the AND mask rows are padded to 32 bits and left clear.
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  return Buffer.concat([header, pixels, mask]);
}

/** Windows .ico: small sizes as bitmaps (every reader, NSIS included, takes them), 256 px as PNG. */
export function buildIco(images) {
  const entries = ICO_SIZES.map((size) => ({ size, data: size >= 256 ? images.get(size).png : icoBitmap(size, images.get(size).rgba) }));
  const header = Buffer.alloc(6 + entries.length * 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(({ size, data }, index) => {
    const at = 6 + index * 16;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...entries.map((entry) => entry.data)]);
}

/** macOS .icns made of PNG entries. */
export function buildIcns(images) {
  const chunks = ICNS_TYPES.map(([type, size]) => {
    const png = images.get(size).png;
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

export async function makeIcons({ executablePath = '/usr/bin/chromium', outDir = join(root, 'build') } = {}) {
  const svg = await readFile(join(root, 'assets', 'icon.svg'), 'utf8');
  const images = await rasterise(svg, PNG_SIZES, executablePath);
  await mkdir(join(outDir, 'icons'), { recursive: true });
  for (const size of PNG_SIZES) await writeFile(join(outDir, 'icons', `${size}x${size}.png`), images.get(size).png);
  await writeFile(join(outDir, 'icon.png'), images.get(1024).png);
  await writeFile(join(outDir, 'icon.icns'), buildIcns(images));
  await writeFile(join(outDir, 'icon.ico'), buildIco(images));
  await writeFile(join(outDir, 'icon-source.sha256'), `${createHash('sha256').update(svg).digest('hex')}\n`);
}

function isRunDirectly() {
  return resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url);
}

const flag = process.argv.indexOf('--chromium');
if (isRunDirectly()) {
  makeIcons(flag >= 0 ? { executablePath: process.argv[flag + 1] } : {}).then(
    () => console.log('icons written to build/'),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
