/**
 * Charts drawn on the server (decision 0031): Apache ECharts renders SVG without a browser (`ssr: true`); the SVG is
 * served as an image (`data:` URL), because its own style attributes would break the strict CSP (`style-src 'self'`)
 * if inlined. No client JavaScript. Every chart goes with a table of the same figures beside it (the chart's text
 * alternative), so the image's alt names what it shows and the table gives the numbers.
 */
/** The part of ECharts used here (its types declare a CommonJS `export =`, which this ES module cannot import typed). */
interface EChartsSsr {
  init(
    dom: null,
    theme: null,
    opts: { renderer: 'svg'; ssr: true; width: number; height: number },
  ): { setOption(option: object): void; renderToSVGString(): string; dispose(): void };
}
// Its ES module build exports `init` by name at run time.
const echarts = (await import('echarts')) as unknown as EChartsSsr;

/** Colours with a contrast of at least 3:1 against white (WCAG 1.4.11), in a colour-blind-safe order. */
export const PALETTE = ['#1d70b8', '#d4351c', '#00703c', '#6f3c97', '#b58840', '#505a5f'];

export interface BarChart {
  /** What the chart shows (its alt text). */
  title: string;
  categories: string[];
  series: { name: string; data: number[] }[];
  stacked?: boolean;
  width?: number;
  height?: number;
}

/** A bar chart as an SVG string. */
export function barChartSvg(c: BarChart): string {
  const width = c.width ?? 640;
  const height = c.height ?? Math.max(220, 60 + c.categories.length * 28);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: 'Arial, sans-serif', fontSize: 13, color: '#0b0c0c' },
    legend: c.series.length > 1 ? { top: 0, textStyle: { color: '#0b0c0c' } } : undefined,
    grid: { left: 8, right: 24, top: c.series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#0b0c0c' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: c.categories.map((s) => (s.length > 40 ? `${s.slice(0, 39)}…` : s)),
      axisLabel: { color: '#0b0c0c' },
    },
    series: c.series.map((s) => ({ type: 'bar', name: s.name, data: s.data, stack: c.stacked ? 'all' : undefined })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** The chart as an image source a strict CSP allows (`img-src 'self' data:`). */
export const svgDataUrl = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
