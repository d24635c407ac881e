const [vega, vl, resvg, fs] = await Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-wasm'), import('node:fs/promises')]);
const [wasm, font] = await Promise.all([fs.readFile('node_modules/@resvg/resvg-wasm/index_bg.wasm'), fs.readFile('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')]);
await resvg.initWasm(wasm);
const spec = { width: 560, height: 200, data: { values: [{ x: 'a', y: 1 }, { x: 'b', y: 2 }] }, mark: 'bar', encoding: { x: { field: 'x', type: 'ordinal' }, y: { field: 'y', type: 'quantitative' } }, config: { font: 'DejaVu Sans' } };
const svg = await new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' }).toSVG();
new resvg.Resvg(svg, { font: { fontBuffers: [font], defaultFontFamily: 'DejaVu Sans' } }).render();
for (const [name, opts] of [['z2', { fitTo: { mode: 'zoom', value: 2 } }], ['z1.5', { fitTo: { mode: 'zoom', value: 1.5 } }], ['z2 fast', { fitTo: { mode: 'zoom', value: 2 }, shapeRendering: 0, textRendering: 0 }], ['z2', { fitTo: { mode: 'zoom', value: 2 } }]]) {
  const t = performance.now();
  let n = 0;
  for (let i = 0; i < 5; i++) { const r = new resvg.Resvg(svg, { font: { fontBuffers: [font], defaultFontFamily: 'DejaVu Sans' }, background: 'white', ...opts }); const img = r.render(); const a = performance.now(); const png = img.asPng(); n += png.length; }
  console.log(name, ((performance.now() - t) / 5).toFixed(0), 'ms', (n / 5 / 1024).toFixed(1), 'KB');
}
