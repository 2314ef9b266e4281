import zlib from 'node:zlib';

/**
 * Text of a PDF written by pdfkit with embedded fonts, without external tools: reads every
 * object, inflates Flate streams, maps glyph codes through each font's ToUnicode CMap and
 * decodes the text operators (Tj/TJ) of the content streams. One line per text object (BT…ET).
 */
export function pdfText(pdf: Buffer): { text: string; pages: number } {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; data: string | null }>();
  const head = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = head.exec(src))) {
    const start = m.index + m[0].length;
    const streamAt = src.indexOf('stream', start);
    const endAt = src.indexOf('endobj', start);
    if (streamAt !== -1 && streamAt < endAt) {
      const dict = src.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      let from = streamAt + 'stream'.length;
      if (src[from] === '\r') from++;
      if (src[from] === '\n') from++;
      const raw = pdf.subarray(from, from + length);
      const data = /\/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : raw;
      objects.set(Number(m[1]), { dict, data: data.toString('latin1') });
      head.lastIndex = from + length;
    } else {
      objects.set(Number(m[1]), { dict: src.slice(start, endAt), data: null });
      head.lastIndex = endAt;
    }
  }
  const cmaps = new Map<number, Map<number, string>>();
  for (const [num, o] of objects) {
    const ref = /\/Type \/Font[\s\S]*\/ToUnicode (\d+) 0 R/.exec(o.dict);
    const cmap = ref ? objects.get(Number(ref[1]))?.data : null;
    if (cmap) cmaps.set(num, parseCmap(cmap));
  }
  const fontByName = new Map<string, Map<number, string>>();
  for (const o of objects.values()) {
    for (const f of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const map = cmaps.get(Number(f[2]));
      if (map) fontByName.set(f[1], map);
    }
  }
  const lines: string[] = [];
  let pages = 0;
  for (const o of objects.values()) {
    if (/\/Type \/Page\b/.test(o.dict)) pages++;
    if (!o.data || !/\bBT\b/.test(o.data)) continue;
    let font: Map<number, string> | undefined;
    let line = '';
    for (const op of o.data.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-fA-F]*)> Tj|\bET\b/g)) {
      if (op[1]) font = fontByName.get(op[1]);
      else if (op[0] === 'ET') {
        if (line) lines.push(line);
        line = '';
      } else {
        const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]) : [op[3]];
        for (const hex of hexes)
          for (let i = 0; i + 4 <= hex.length; i += 4) line += font?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
      }
    }
  }
  return { text: lines.join('\n'), pages };
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const unicode = (hex: string) =>
    String.fromCharCode(
      ...hex
        .trim()
        .split(/\s+/)
        .map((h) => parseInt(h, 16)),
    );
  for (const line of cmap.split('\n')) {
    const arr = /^<([0-9a-fA-F]+)> <([0-9a-fA-F]+)> \[(.*)\]$/.exec(line.trim());
    if (arr) {
      const first = parseInt(arr[1], 16);
      [...arr[3].matchAll(/<([^>]*)>/g)].forEach((e, i) => map.set(first + i, unicode(e[1])));
      continue;
    }
    const range = /^<([0-9a-fA-F]+)> <([0-9a-fA-F]+)> <([0-9a-fA-F]+)>$/.exec(line.trim());
    if (range) {
      const [lo, hi, u] = [parseInt(range[1], 16), parseInt(range[2], 16), parseInt(range[3], 16)];
      for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(u + c - lo));
    }
  }
  return map;
}
