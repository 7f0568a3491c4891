// Draws a workflow machine from its own definition (machine.root.states and their `on`), so the
// diagram cannot drift from the code. The layout is a pure function, testable without React.
import { useId } from "react";
import type { AnyStateMachine, AnyStateNode } from "xstate";
import { DOSSIER_EVENT_LABELS, DOSSIER_STATE_LABELS, dossierMachine } from "#machines/dossier.ts";
import { MOVEMENT_EVENT_LABELS, MOVEMENT_STATE_LABELS, movementMachine } from "#machines/movement.ts";
import { namedGuards } from "#machines/workflow.ts";

// ─── Types ──────────────────────────────────────────────────────────────────

export interface StatechartLabels {
  states?: Readonly<Record<string, string>>;
  events?: Readonly<Record<string, string>>;
}

export interface Box {
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface StatechartNode {
  id: string;
  /** Vietnamese label; `lines` is the same text wrapped for the box. */
  label: string;
  lines: string[];
  /** Centre of the box. */
  x: number;
  y: number;
  width: number;
  height: number;
  column: number;
  row: number;
  final: boolean;
  initial: boolean;
}

/** A named guard of the transition with its static params, read from the definition (e.g. `hasRole` and its roles). */
export interface StatechartGuard {
  type: string;
  params?: unknown;
}

export interface StatechartEdge {
  from: string;
  to: string;
  event: string;
  /** Vietnamese label of the event; `lines` is the same text wrapped. */
  label: string;
  lines: string[];
  /** SVG path from the border of `from` to the border of `to`. */
  path: string;
  /** Centre of the label. */
  labelX: number;
  labelY: number;
  labelBox: Box;
  guards: StatechartGuard[];
}

export interface StatechartLayout {
  nodes: StatechartNode[];
  edges: StatechartEdge[];
  initial: string;
  /** The states drawn left to right on the first row: from the initial state, each state's first-listed transition to a non-final state. */
  mainPath: string[];
  /** Where the initial marker (filled dot) sits; an arrow goes from it to the initial state. */
  initialMarker: { x: number; y: number; path: string };
  viewBox: Box;
}

// ─── Layout ─────────────────────────────────────────────────────────────────

const NODE_FONT = 13;
const EDGE_FONT = 12;
const LINE_HEIGHT = { node: 16, edge: 15 };
/** Average glyph width as a share of the font size: generous, so the estimated boxes hold the real text. */
const GLYPH = 0.6;
const NODE_MIN_WIDTH = 128;
const NODE_HEIGHT = 52;
const COLUMN_GAP = 40;
const ROW_SPACING = 156;
const PAIR_SPREAD = 28;
const BEND_STEP = 48;
const MARGIN = 12;
const MAX_NODE_CHARS = 16;
const MAX_EDGE_CHARS = 16;

// Vietnamese names of the machines this app draws; a caller may pass others.
const KNOWN_LABELS: Record<string, StatechartLabels> = {
  [dossierMachine.id]: { states: DOSSIER_STATE_LABELS, events: DOSSIER_EVENT_LABELS },
  [movementMachine.id]: { states: MOVEMENT_STATE_LABELS, events: MOVEMENT_EVENT_LABELS },
};

type Point = { x: number; y: number };
type RawEdge = { from: string; to: string; event: string; guards: StatechartGuard[] };

/**
 * Nodes and edges of a flat machine, laid out in layers:
 * - the main path (from the initial state, each state's first-listed transition to a non-final state not yet on it)
 *   is row 0, one column per step, read left to right;
 * - every other state goes in the column of its shortest distance (BFS) from the initial state, on the first free
 *   row below;
 * - edges are straight unless they would cross a box or run alongside another edge between the same two states
 *   (a back-edge such as RESUBMIT): those are bent into curves on opposite sides;
 * - each label takes the first of a few places (above/beside the line, or in the lane above/below the boxes)
 *   that overlaps no box and no label placed before it.
 */
export function statechartLayout(machine: AnyStateMachine, labels: StatechartLabels = KNOWN_LABELS[machine.id] ?? {}): StatechartLayout {
  const root = machine.root;
  const stateNodes: AnyStateNode[] = Object.values(root.states);
  const ids = stateNodes.map((node) => node.key);
  const order = new Map(ids.map((id, index) => [id, index]));
  const first = ids[0];
  if (first === undefined) throw new Error(`The machine "${machine.id}" has no state to draw.`);
  const initialTarget = root.initial?.target?.[0];
  const initial = initialTarget ? topLevelKey(root, initialTarget) : first;
  const finals = new Set(stateNodes.filter((node) => node.type === "final").map((node) => node.key));

  const stateLabel = (id: string) => labels.states?.[id] ?? root.states[id]?.description ?? id;
  const eventLabel = (event: string) => labels.events?.[event] ?? event;

  // Every (state, event, target) of the definition, in document order; a guarded event may list several targets.
  const raw: RawEdge[] = [];
  const seen = new Set<string>();
  for (const node of stateNodes) {
    for (const [event, candidates] of Object.entries(node.on)) {
      for (const candidate of candidates) {
        // A targetless transition runs actions without leaving the state: nothing to draw.
        for (const target of candidate.target ?? []) {
          const to = topLevelKey(root, target);
          const key = `${node.key}\u0000${event}\u0000${to}`;
          if (seen.has(key)) continue;
          seen.add(key);
          raw.push({ from: node.key, to, event, guards: readGuards(candidate.guard) });
        }
      }
    }
  }

  // Main path.
  const mainPath = [initial];
  for (;;) {
    const last = mainPath.at(-1);
    const next = raw.find((edge) => edge.from === last && !finals.has(edge.to) && !mainPath.includes(edge.to));
    if (!next) break;
    mainPath.push(next.to);
  }

  // Shortest distance from the initial state.
  const distance = new Map<string, number>([[initial, 0]]);
  const queue = [initial];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const edge of raw) {
      if (edge.from === id && !distance.has(edge.to)) {
        distance.set(edge.to, distance.get(id)! + 1);
        queue.push(edge.to);
      }
    }
  }

  const cells = new Map<string, { column: number; row: number }>();
  const taken = new Set<string>();
  const take = (id: string, column: number, row: number) => {
    cells.set(id, { column, row });
    taken.add(`${column},${row}`);
  };
  mainPath.forEach((id, column) => take(id, column, 0));
  const reachableColumns = Math.max(mainPath.length - 1, ...distance.values());
  let unreachable = 0;
  for (const id of ids) {
    if (cells.has(id)) continue;
    // States no transition leads to still get drawn, in a column of their own after the others.
    const column = distance.get(id) ?? reachableColumns + 1 + unreachable++;
    let row = 1;
    while (taken.has(`${column},${row}`)) row++;
    take(id, column, row);
  }

  const nodeLines = new Map(ids.map((id) => [id, wrap(stateLabel(id), MAX_NODE_CHARS)]));
  const nodeWidth = Math.max(NODE_MIN_WIDTH, ...[...nodeLines.values()].map((lines) => textWidth(lines, NODE_FONT) + 16));
  const columnSpacing = nodeWidth + COLUMN_GAP;

  const nodes: StatechartNode[] = ids.map((id) => {
    const { column, row } = cells.get(id)!;
    return {
      id,
      label: stateLabel(id),
      lines: nodeLines.get(id)!,
      x: column * columnSpacing,
      y: row * ROW_SPACING,
      width: nodeWidth,
      height: NODE_HEIGHT,
      column,
      row,
      final: finals.has(id),
      initial: id === initial,
    };
  });
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const boxes = new Map(nodes.map((node) => [node.id, boxOf(node)]));

  // Edges between the same two states (either direction) are spread symmetrically around the straight line.
  const pairKey = (edge: RawEdge) => [edge.from, edge.to].sort((a, b) => order.get(a)! - order.get(b)!).join("\u0000");
  const pairs = new Map<string, RawEdge[]>();
  for (const edge of raw) pairs.set(pairKey(edge), [...(pairs.get(pairKey(edge)) ?? []), edge]);

  const labelBoxes: Box[] = [];
  const bounds: Box[] = [...boxes.values()];
  const edges: StatechartEdge[] = raw.map((edge) => {
    const lines = wrap(eventLabel(edge.event), MAX_EDGE_CHARS);
    const size = { width: textWidth(lines, EDGE_FONT) + 8, height: lines.length * LINE_HEIGHT.edge + 4 };
    const geometry =
      edge.from === edge.to ? selfLoop(byId.get(edge.from)!) : routeEdge(edge, byId, boxes, order, pairs.get(pairKey(edge))!);
    const labelBox = placeLabel(geometry, size, [...boxes.values()], labelBoxes);
    labelBoxes.push(labelBox);
    bounds.push(labelBox, ...geometry.extent);
    return {
      from: edge.from,
      to: edge.to,
      event: edge.event,
      label: eventLabel(edge.event),
      lines,
      path: geometry.path,
      labelX: labelBox.x + labelBox.width / 2,
      labelY: labelBox.y + labelBox.height / 2,
      labelBox,
      guards: edge.guards,
    };
  });

  const start = byId.get(initial)!;
  const dot = { x: start.x - start.width / 2 - 30, y: start.y };
  const initialMarker = { ...dot, path: `M ${r(dot.x + 6)} ${r(dot.y)} L ${r(start.x - start.width / 2)} ${r(start.y)}` };
  bounds.push({ x: dot.x - 6, y: dot.y - 6, width: 12, height: 12 });

  const minX = Math.min(...bounds.map((b) => b.x)) - MARGIN;
  const minY = Math.min(...bounds.map((b) => b.y)) - MARGIN;
  const maxX = Math.max(...bounds.map((b) => b.x + b.width)) + MARGIN;
  const maxY = Math.max(...bounds.map((b) => b.y + b.height)) + MARGIN;

  return {
    nodes,
    edges,
    initial,
    mainPath,
    initialMarker,
    viewBox: { x: r(minX), y: r(minY), width: r(maxX - minX), height: r(maxY - minY) },
  };
}

/** The top-level state a target belongs to (our machines are flat; a nested target is drawn at its top-level ancestor). */
function topLevelKey(root: AnyStateNode, node: AnyStateNode): string {
  let current = node;
  while (current.parent && current.parent !== root) current = current.parent;
  return current.key;
}

function readGuards(guard: unknown): StatechartGuard[] {
  try {
    return namedGuards(guard).map((g) =>
      g.params === undefined || typeof g.params === "function" ? { type: g.type } : { type: g.type, params: g.params },
    );
  } catch {
    // or(...)/not(...)/inline functions: the diagram does not need them.
    return [];
  }
}

/**
 * One line, or two lines broken at the space that keeps the longer line shortest. Most Vietnamese words are two
 * syllables, so a break after an odd number of syllables costs a little: it is the one likely to split a word.
 */
export function wrap(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const syllables = text.split(/\s+/);
  let best = [text];
  let bestCost = Infinity;
  for (let i = 1; i < syllables.length; i++) {
    const lines: [string, string] = [syllables.slice(0, i).join(" "), syllables.slice(i).join(" ")];
    const cost = Math.max(lines[0].length, lines[1].length) + (i % 2 === 1 ? 2.5 : 0);
    if (cost < bestCost) [best, bestCost] = [lines, cost];
  }
  return best;
}

function textWidth(lines: string[], fontSize: number): number {
  return Math.ceil(Math.max(...lines.map((line) => line.length)) * fontSize * GLYPH);
}

function boxOf(node: { x: number; y: number; width: number; height: number }): Box {
  return { x: node.x - node.width / 2, y: node.y - node.height / 2, width: node.width, height: node.height };
}

function overlaps(a: Box, b: Box, pad = 0): boolean {
  return a.x < b.x + b.width + pad && b.x < a.x + a.width + pad && a.y < b.y + b.height + pad && b.y < a.y + a.height + pad;
}

function inside(p: Point, b: Box, pad: number): boolean {
  return p.x > b.x - pad && p.x < b.x + b.width + pad && p.y > b.y - pad && p.y < b.y + b.height + pad;
}

/** Where the ray from the centre of `box` towards `toward` leaves the box. */
function exitPoint(box: Box, toward: Point): Point {
  const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  const t = Math.min(dx === 0 ? Infinity : box.width / 2 / Math.abs(dx), dy === 0 ? Infinity : box.height / 2 / Math.abs(dy));
  return { x: c.x + dx * t, y: c.y + dy * t };
}

function quad(p0: Point, c: Point, p2: Point, t: number): Point {
  const u = 1 - t;
  return { x: u * u * p0.x + 2 * u * t * c.x + t * t * p2.x, y: u * u * p0.y + 2 * u * t * c.y + t * t * p2.y };
}

type Geometry = {
  path: string;
  /** Middle of the drawn line, and its direction there. */
  apex: Point;
  direction: Point;
  /** Unit normal on the side the line bends to (or any side when straight). */
  normal: Point;
  extent: Box[];
};

function routeEdge(
  edge: RawEdge,
  byId: Map<string, StatechartNode>,
  boxes: Map<string, Box>,
  order: Map<string, number>,
  pair: RawEdge[],
): Geometry {
  const from = byId.get(edge.from)!;
  const to = byId.get(edge.to)!;
  // Offsets are measured in the frame of the pair's first state, so the two directions of a pair bend apart.
  const [a, b] = order.get(edge.from)! < order.get(edge.to)! ? [from, to] : [to, from];
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  const normal = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
  const index = pair.indexOf(edge);
  const base = (index - (pair.length - 1) / 2) * 2 * PAIR_SPREAD;
  const others = [...boxes.entries()].filter(([id]) => id !== edge.from && id !== edge.to).map(([, box]) => box);
  const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };

  const attempt = (offset: number) => {
    // A quadratic curve whose middle lies `offset` away from the straight line.
    const control = { x: mid.x + normal.x * offset * 2, y: mid.y + normal.y * offset * 2 };
    const start = exitPoint(boxes.get(edge.from)!, control);
    const end = exitPoint(boxes.get(edge.to)!, control);
    const samples = Array.from({ length: 25 }, (_, i) => quad(start, control, end, i / 24));
    return { offset, control, start, end, samples, clear: samples.every((p) => others.every((box) => !inside(p, box, 8))) };
  };
  const offsets = [base];
  for (let k = 1; k <= 4; k++) offsets.push(base - k * BEND_STEP, base + k * BEND_STEP);
  const chosen = offsets.map(attempt).find((route) => route.clear) ?? attempt(base);

  const { start, control, end, offset } = chosen;
  const straight = offset === 0;
  const path = straight
    ? `M ${r(start.x)} ${r(start.y)} L ${r(end.x)} ${r(end.y)}`
    : `M ${r(start.x)} ${r(start.y)} Q ${r(control.x)} ${r(control.y)} ${r(end.x)} ${r(end.y)}`;
  const sign = offset < 0 ? -1 : 1;
  return {
    path,
    apex: quad(start, control, end, 0.5),
    direction: { x: end.x - start.x, y: end.y - start.y },
    normal: { x: normal.x * sign, y: normal.y * sign },
    extent: chosen.samples.map((p) => ({ x: p.x, y: p.y, width: 0, height: 0 })),
  };
}

function selfLoop(node: StatechartNode): Geometry {
  const top = node.y - node.height / 2;
  const path = `M ${r(node.x - 14)} ${r(top)} C ${r(node.x - 34)} ${r(top - 44)} ${r(node.x + 34)} ${r(top - 44)} ${r(node.x + 14)} ${r(top)}`;
  return {
    path,
    apex: { x: node.x, y: top - 33 },
    direction: { x: 1, y: 0 },
    normal: { x: 0, y: -1 },
    extent: [{ x: node.x - 34, y: top - 44, width: 68, height: 44 }],
  };
}

/** The first candidate place for the label that overlaps no box and no earlier label. */
function placeLabel(geometry: Geometry, size: { width: number; height: number }, nodeBoxes: Box[], placed: Box[]): Box {
  const { apex, direction, normal } = geometry;
  const { width: w, height: h } = size;
  const lane = NODE_HEIGHT / 2 + 6 + h / 2;
  const centres: Point[] = [];
  if (Math.abs(direction.x) >= 2 * Math.abs(direction.y)) {
    // Mostly horizontal: just above/below the line, else in the lane above/below the row of boxes.
    centres.push(
      { x: apex.x, y: apex.y - h / 2 - 4 },
      { x: apex.x, y: apex.y - lane },
      { x: apex.x, y: apex.y + h / 2 + 4 },
      { x: apex.x, y: apex.y + lane },
    );
  } else if (Math.abs(direction.y) >= 2 * Math.abs(direction.x)) {
    // Mostly vertical: beside the line.
    centres.push({ x: apex.x + 8 + w / 2, y: apex.y }, { x: apex.x - 8 - w / 2, y: apex.y });
  }
  // On the line (the text has a halo), then pushed off it to the side the line bends to, then the other.
  centres.push(apex);
  for (const step of [1, -1, 2, -2]) {
    centres.push({ x: apex.x + normal.x * step * (h / 2 + 8), y: apex.y + normal.y * step * (h / 2 + 8) });
  }
  const boxesAt = centres.map((c) => ({ x: r(c.x - w / 2), y: r(c.y - h / 2), width: w, height: h }));
  return boxesAt.find((box) => nodeBoxes.every((n) => !overlaps(box, n, 4)) && placed.every((p) => !overlaps(box, p, 2))) ?? boxesAt[0]!; // centres always holds the apex
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}

// ─── Component ──────────────────────────────────────────────────────────────

const CSS = `
.statechart { overflow-x: auto; margin: 0 0 1rem; padding: 0.5rem; background: var(--paper, #fff); border: 1px solid var(--line, #d9dde4); border-radius: 6px; }
.statechart svg { display: block; height: auto; margin: 0 auto; font-family: inherit; }
.statechart .sc-box { fill: #fff; stroke: var(--ink, #1d2330); stroke-width: 1.5; }
.statechart .sc-inner { fill: none; stroke: var(--ink, #1d2330); stroke-width: 1.2; }
.statechart .sc-node text { font-size: ${NODE_FONT}px; fill: var(--ink, #1d2330); }
.statechart .sc-node.is-current .sc-box { fill: #fff4cc; stroke: var(--red, #b3121b); stroke-width: 3; }
.statechart .sc-node.is-current .sc-inner { stroke: var(--red, #b3121b); }
.statechart .sc-node.is-current text { font-weight: 700; }
.statechart .sc-edge path, .statechart .sc-initial path { fill: none; stroke: var(--muted, #5b6473); stroke-width: 1.4; }
.statechart .sc-edge text { font-size: ${EDGE_FONT}px; fill: var(--ink, #1d2330); paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
.statechart .sc-initial circle { fill: var(--ink, #1d2330); }
.statechart .sc-arrowhead { fill: var(--muted, #5b6473); }
`;

export interface StatechartProps {
  machine: AnyStateMachine;
  /** The state to highlight (e.g. a dossier's current state); ignored when the machine has no such state. */
  current?: string | null;
  labels?: StatechartLabels;
  /** Vietnamese title of the image, read by screen readers. */
  title?: string;
}

export function Statechart({ machine, current, labels, title = "Sơ đồ trạng thái và thao tác" }: StatechartProps) {
  const layout = statechartLayout(machine, labels);
  // useId gives the same id on the server and in the browser; colons are not safe inside url(#…).
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, "");
  const ids = { title: `sc-title-${uid}`, desc: `sc-desc-${uid}`, arrow: `sc-arrow-${uid}` };
  const highlighted = layout.nodes.find((node) => node.id === current);
  const { viewBox } = layout;

  return (
    // A region the keyboard can reach: on a phone the diagram scrolls sideways inside it.
    <div className="statechart" tabIndex={0} role="region" aria-label={title}>
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
      <svg
        role="img"
        aria-labelledby={ids.title}
        aria-describedby={ids.desc}
        viewBox={`${viewBox.x} ${viewBox.y} ${viewBox.width} ${viewBox.height}`}
        width={viewBox.width}
        height={viewBox.height}
        // Shrinks with the page down to three quarters of its size, then the frame scrolls sideways.
        style={{ width: "100%", maxWidth: viewBox.width, minWidth: Math.round(viewBox.width * 0.75) }}
      >
        <title id={ids.title}>{title}</title>
        <desc id={ids.desc}>{describeLayout(layout, highlighted)}</desc>
        <defs>
          <marker
            id={ids.arrow}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="9"
            markerHeight="9"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path className="sc-arrowhead" d="M 0 0 L 10 5 L 0 10 z" fill="#5b6473" />
          </marker>
        </defs>

        <g className="sc-initial">
          <circle cx={layout.initialMarker.x} cy={layout.initialMarker.y} r={6} fill="#1d2330" />
          <path d={layout.initialMarker.path} markerEnd={`url(#${ids.arrow})`} />
        </g>

        {layout.edges.map((edge) => (
          <g key={`${edge.from}-${edge.event}-${edge.to}`} className="sc-edge" data-event={edge.event}>
            <path d={edge.path} markerEnd={`url(#${ids.arrow})`} fill="none" stroke="#5b6473" />
            <text x={edge.labelX} y={edge.labelY} textAnchor="middle" dominantBaseline="central">
              {edge.lines.map((line, i) => (
                <tspan key={i} x={edge.labelX} dy={i === 0 ? -((edge.lines.length - 1) * LINE_HEIGHT.edge) / 2 : LINE_HEIGHT.edge}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        ))}

        {layout.nodes.map((node) => {
          const box = boxOf(node);
          const isCurrent = node === highlighted;
          const className = ["sc-node", node.final && "is-final", node.initial && "is-initial", isCurrent && "is-current"]
            .filter(Boolean)
            .join(" ");
          return (
            <g key={node.id} className={className} data-state={node.id} aria-current={isCurrent ? "step" : undefined}>
              <rect className="sc-box" x={box.x} y={box.y} width={box.width} height={box.height} rx={10} fill="#fff" stroke="#1d2330" />
              {node.final ? (
                <rect
                  className="sc-inner"
                  x={box.x + 4}
                  y={box.y + 4}
                  width={box.width - 8}
                  height={box.height - 8}
                  rx={7}
                  fill="none"
                  stroke="#1d2330"
                />
              ) : null}
              <text x={node.x} y={node.y} textAnchor="middle" dominantBaseline="central">
                {node.lines.map((line, i) => (
                  <tspan key={i} x={node.x} dy={i === 0 ? -((node.lines.length - 1) * LINE_HEIGHT.node) / 2 : LINE_HEIGHT.node}>
                    {line}
                  </tspan>
                ))}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** The diagram in words, for screen readers. */
function describeLayout(layout: StatechartLayout, current: StatechartNode | undefined): string {
  const label = new Map(layout.nodes.map((node) => [node.id, node.label]));
  const finals = layout.nodes.filter((node) => node.final).map((node) => `«${node.label}»`);
  const parts = [
    `Bắt đầu ở trạng thái «${label.get(layout.initial)}».`,
    `Đường chính: ${layout.mainPath.map((id) => label.get(id)).join(" → ")}.`,
    finals.length > 0 ? `Trạng thái kết thúc (viền kép): ${finals.join(", ")}.` : "",
    current ? `Trạng thái đang được tô đậm: «${current.label}».` : "",
    `Các bước chuyển: ${layout.edges.map((edge) => `«${label.get(edge.from)}» —${edge.label}→ «${label.get(edge.to)}»`).join("; ")}.`,
  ];
  return parts.filter(Boolean).join(" ");
}
