// Charts as SVG drawn on the server: they print, need no script, and every number in them is a link to the
// list behind it. Sizes are in the SVG's own units; the SVG scales to its container's width.

const INK = "#1d2330";
const MUTED = "#5b6473";
const LINE = "#d9dde4";
export const CHART_COLORS = { main: "#8c0d14", ok: "#1e7d32", warn: "#a15c00", bad: "#b3121b", muted: "#9aa3b2" } as const;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function formatValue(value: number): string {
  return new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 }).format(value);
}

export type Bar = { label: string; value: number; href?: string; color?: string };

/** Horizontal bars, one a row: the label left, the bar, the number (a link when `href` is given). */
export function BarChart({ title, bars, max }: { title: string; bars: Bar[]; max?: number }) {
  const rowHeight = 26;
  const width = 640;
  const labelWidth = 250;
  const barArea = width - labelWidth - 60;
  const top = Math.max(max ?? 0, ...bars.map((bar) => bar.value), 1);
  const height = bars.length * rowHeight + 4;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="figure" aria-label={title} width="100%" style={{ maxWidth: width }}>
      <title>{title}</title>
      {bars.map((bar, i) => {
        const y = i * rowHeight + 2;
        const length = Math.max(bar.value > 0 ? 2 : 0, (bar.value / top) * barArea);
        const value = (
          <text x={labelWidth + length + 6} y={y + 16} fontSize="13" fill={bar.href ? CHART_COLORS.main : INK} fontWeight="bold">
            {formatValue(bar.value)}
          </text>
        );
        return (
          <g key={`${bar.label}-${i}`}>
            <text x={0} y={y + 16} fontSize="13" fill={INK}>
              {shorten(bar.label, 36)}
            </text>
            <rect x={labelWidth} y={y + 4} width={barArea} height={rowHeight - 10} fill="#f4f5f7" />
            <rect x={labelWidth} y={y + 4} width={length} height={rowHeight - 10} fill={bar.color ?? CHART_COLORS.main} />
            {bar.href ? (
              <a href={bar.href} aria-label={`${bar.label}: ${formatValue(bar.value)}`}>
                {value}
              </a>
            ) : (
              value
            )}
          </g>
        );
      })}
    </svg>
  );
}

export type Segment = { label: string; value: number; color: string; href?: string };

/** One row per item, its bar split into coloured segments (e.g. a unit's dossiers by stage), with a legend. */
export function StackedBars({
  title,
  rows,
  legend,
}: {
  title: string;
  rows: Array<{ label: string; href?: string; segments: Segment[] }>;
  legend: Array<{ label: string; color: string }>;
}) {
  const rowHeight = 26;
  const width = 640;
  const labelWidth = 230;
  const barArea = width - labelWidth - 50;
  const top = Math.max(1, ...rows.map((row) => row.segments.reduce((sum, s) => sum + s.value, 0)));
  const legendHeight = 22;
  const height = rows.length * rowHeight + legendHeight + 4;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="figure" aria-label={title} width="100%" style={{ maxWidth: width }}>
      <title>{title}</title>
      {legend.map((item, i) => (
        <g key={item.label} transform={`translate(${i * 150}, 0)`}>
          <rect x={0} y={4} width={12} height={12} fill={item.color} />
          <text x={16} y={15} fontSize="12" fill={MUTED}>
            {item.label}
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const y = legendHeight + i * rowHeight;
        let x = labelWidth;
        const total = row.segments.reduce((sum, s) => sum + s.value, 0);
        return (
          <g key={`${row.label}-${i}`}>
            <text x={0} y={y + 16} fontSize="13" fill={INK}>
              {shorten(row.label, 32)}
            </text>
            {row.segments.map((segment) => {
              const length = (segment.value / top) * barArea;
              const rect = <rect x={x} y={y + 4} width={length} height={rowHeight - 10} fill={segment.color} />;
              x += length;
              return segment.value > 0 ? (
                <g key={segment.label}>
                  {segment.href ? (
                    <a href={segment.href} aria-label={`${row.label} — ${segment.label}: ${segment.value}`}>
                      {rect}
                    </a>
                  ) : (
                    rect
                  )}
                </g>
              ) : null;
            })}
            {row.href ? (
              <a href={row.href} aria-label={`${row.label}: ${total}`}>
                <text x={x + 6} y={y + 16} fontSize="13" fontWeight="bold" fill={CHART_COLORS.main}>
                  {total}
                </text>
              </a>
            ) : (
              <text x={x + 6} y={y + 16} fontSize="13" fontWeight="bold" fill={INK}>
                {total}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** The spread of a target's figures: bars per bin, the requirement as a dashed line, the axis' ends under it. */
export function Histogram({
  title,
  bins,
  threshold,
  unit,
  min,
  max,
}: {
  title: string;
  bins: Array<{ from: number; to: number; count: number }>;
  threshold: number;
  unit: string;
  min: number;
  max: number;
}) {
  const width = 320;
  const height = 120;
  const left = 10;
  const bottom = 96;
  const plotWidth = width - 2 * left;
  const plotHeight = 66;
  const top = Math.max(1, ...bins.map((bin) => bin.count));
  // The axis spans the figures and the threshold, so the line is always inside the picture.
  const from = Math.min(min, threshold);
  const to = Math.max(max, threshold);
  const span = to - from || 1;
  const xOf = (value: number) => left + 8 + ((value - from) / span) * (plotWidth - 16);
  const single = bins.length === 1 && bins[0]!.from === bins[0]!.to;
  const suffix = unit === "%" ? "%" : ` ${unit}`;
  return (
    <svg
      className="chart histogram"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title}
      width="100%"
      style={{ maxWidth: width }}
    >
      <title>{title}</title>
      <line x1={left} y1={bottom} x2={width - left} y2={bottom} stroke={LINE} />
      {bins.map((bin, i) => {
        const x0 = single ? xOf(bin.from) - 8 : xOf(bin.from) + 1;
        const x1 = single ? xOf(bin.from) + 8 : xOf(bin.to) - 1;
        const h = (bin.count / top) * plotHeight;
        return (
          <g key={i}>
            <rect x={x0} y={bottom - h} width={Math.max(2, x1 - x0)} height={h} fill={CHART_COLORS.main} opacity={0.85} />
            {bin.count > 0 ? (
              <text x={(x0 + x1) / 2} y={bottom - h - 3} fontSize="11" textAnchor="middle" fill={INK}>
                {bin.count}
              </text>
            ) : null}
          </g>
        );
      })}
      <line
        x1={xOf(threshold)}
        y1={bottom - plotHeight - 8}
        x2={xOf(threshold)}
        y2={bottom}
        stroke={CHART_COLORS.ok}
        strokeDasharray="4 3"
        strokeWidth={2}
      />
      {/* The requirement above its line, the axis' ends below it: they never overlap. */}
      <text x={Math.min(width - 45, Math.max(45, xOf(threshold)))} y={12} fontSize="11" fill={CHART_COLORS.ok} textAnchor="middle">
        {`Yêu cầu ${formatValue(threshold)}${suffix}`}
      </text>
      <text x={left} y={height - 6} fontSize="11" fill={MUTED}>
        {`${formatValue(from)}${suffix}`}
      </text>
      {to !== from ? (
        <text x={width - left} y={height - 6} fontSize="11" fill={MUTED} textAnchor="end">
          {`${formatValue(to)}${suffix}`}
        </text>
      ) : null}
    </svg>
  );
}
