import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Statechart, statechartLayout, type Box } from "~/components/statechart.tsx";
import { DOSSIER_EVENT_LABELS, DOSSIER_STATES, DOSSIER_STATE_LABELS, dossierMachine } from "#machines/dossier.ts";

const layout = statechartLayout(dossierMachine);
const node = (id: string) => layout.nodes.find((n) => n.id === id)!;
const boxOf = (n: { x: number; y: number; width: number; height: number }): Box => ({
  x: n.x - n.width / 2,
  y: n.y - n.height / 2,
  width: n.width,
  height: n.height,
});
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every (state, event, target) of the definition, walked here independently of the layout. */
function definitionEdges(): string[] {
  const root = dossierMachine.root;
  return DOSSIER_STATES.flatMap((state) =>
    Object.entries(root.states[state]!.on).flatMap(([event, candidates]) =>
      candidates.flatMap((candidate) => (candidate.target ?? []).map((target) => `${state} -${event}-> ${target.key}`)),
    ),
  );
}

/** The visible text of each <text> element (its <tspan> lines joined by a space). */
function visibleTexts(markup: string): string[] {
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, "&");
  return [...markup.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((match) =>
    decode(
      [...match[1]!.matchAll(/<tspan\b[^>]*>([\s\S]*?)<\/tspan>/g)]
        .map((tspan) => tspan[1])
        .join(" ")
        .trim(),
    ),
  );
}

describe("statechartLayout(dossierMachine)", () => {
  it("has one node per dossier state, and no other", () => {
    expect(layout.nodes.map((n) => n.id).sort()).toEqual([...DOSSIER_STATES].sort());
    for (const state of DOSSIER_STATES) expect(node(state).label).toBe(DOSSIER_STATE_LABELS[state]);
  });

  it("has exactly the transitions of the definition as edges, guarded branches included", () => {
    const expected = definitionEdges();
    const actual = layout.edges.map((e) => `${e.from} -${e.event}-> ${e.to}`);
    expect(new Set(actual).size).toBe(actual.length);
    expect(actual.sort()).toEqual(expected.sort());
    // CLOSE_VOTE's two candidates are both drawn.
    expect(actual).toContain("in_council_vote -CLOSE_VOTE-> council_passed");
    expect(actual).toContain("in_council_vote -CLOSE_VOTE-> council_failed");
    for (const edge of layout.edges) expect(edge.label).toBe(DOSSIER_EVENT_LABELS[edge.event as keyof typeof DOSSIER_EVENT_LABELS]);
  });

  it("marks the initial state and the final states from the definition", () => {
    expect(layout.initial).toBe("draft");
    expect(layout.nodes.filter((n) => n.initial).map((n) => n.id)).toEqual(["draft"]);
    const finals = DOSSIER_STATES.filter((state) => dossierMachine.root.states[state]!.type === "final");
    expect(
      layout.nodes
        .filter((n) => n.final)
        .map((n) => n.id)
        .sort(),
    ).toEqual([...finals].sort());
  });

  it("reads the main path left to right on one row, side paths on another", () => {
    const main = ["draft", "submitted", "screened", "in_council_vote", "council_passed", "approved", "awarded"];
    expect(layout.mainPath).toEqual(main);
    const y = node("draft").y;
    main.forEach((id, i) => {
      expect(node(id).y).toBe(y);
      if (i > 0) expect(node(id).x).toBeGreaterThan(node(main[i - 1]!).x);
    });
    for (const id of ["needs_supplement", "withdrawn"]) expect(node(id).y).not.toBe(y);
  });

  it("is deterministic", () => {
    expect(statechartLayout(dossierMachine)).toEqual(layout);
  });

  it("keeps node boxes apart", () => {
    for (const [i, a] of layout.nodes.entries()) {
      for (const b of layout.nodes.slice(i + 1)) expect(overlaps(boxOf(a), boxOf(b)), `${a.id} / ${b.id}`).toBe(false);
    }
  });

  it("keeps edge labels off the boxes and off each other", () => {
    for (const [i, edge] of layout.edges.entries()) {
      for (const n of layout.nodes) expect(overlaps(edge.labelBox, boxOf(n)), `${edge.event} on ${n.id}`).toBe(false);
      for (const other of layout.edges.slice(i + 1)) {
        expect(overlaps(edge.labelBox, other.labelBox), `${edge.from} ${edge.event} / ${other.from} ${other.event}`).toBe(false);
      }
    }
  });

  it("draws the two directions between submitted and needs_supplement as distinct curves", () => {
    const there = layout.edges.find((e) => e.from === "submitted" && e.to === "needs_supplement")!;
    const back = layout.edges.find((e) => e.event === "RESUBMIT")!;
    expect(there.path).toContain("Q");
    expect(back.path).toContain("Q");
    expect(there.path).not.toBe(back.path);
  });

  it("keeps everything inside the view box", () => {
    const { viewBox } = layout;
    const inside = (b: Box) =>
      b.x >= viewBox.x && b.y >= viewBox.y && b.x + b.width <= viewBox.x + viewBox.width && b.y + b.height <= viewBox.y + viewBox.height;
    for (const n of layout.nodes) expect(inside(boxOf(n)), n.id).toBe(true);
    for (const e of layout.edges) expect(inside(e.labelBox), e.event).toBe(true);
  });
});

describe("<Statechart>", () => {
  const markup = renderToStaticMarkup(createElement(Statechart, { machine: dossierMachine, current: "screened" }));
  const texts = visibleTexts(markup);

  it("is an accessible image with a Vietnamese title and description", () => {
    expect(markup).toMatch(/<svg[^>]*role="img"/);
    expect(markup).toMatch(/<title[^>]*>Sơ đồ trạng thái và thao tác<\/title>/);
    expect(markup).toMatch(/<desc[^>]*>Bắt đầu ở trạng thái «Nháp»\./);
    expect(markup).toContain("Trạng thái đang được tô đậm: «Đã thẩm định».");
  });

  it("shows every state label and every event label", () => {
    for (const label of Object.values(DOSSIER_STATE_LABELS)) expect(texts, label).toContain(label);
    for (const label of Object.values(DOSSIER_EVENT_LABELS)) expect(texts, label).toContain(label);
  });

  it("highlights exactly the current state", () => {
    const current = [...markup.matchAll(/<[^>]*aria-current="[^"]*"[^>]*>/g)];
    expect(current).toHaveLength(1);
    expect(current[0]![0]).toContain('data-state="screened"');
    expect(current[0]![0]).toContain("is-current");
  });

  it("highlights nothing without a current state or with an unknown one", () => {
    expect(renderToStaticMarkup(createElement(Statechart, { machine: dossierMachine }))).not.toContain("aria-current");
    expect(renderToStaticMarkup(createElement(Statechart, { machine: dossierMachine, current: "nope" }))).not.toContain("aria-current");
  });

  it("draws final states with a double border and an arrow head on every edge", () => {
    expect(markup.match(/class="sc-inner"/g)).toHaveLength(layout.nodes.filter((n) => n.final).length);
    // One per edge, plus the arrow from the initial dot.
    expect(markup.match(/marker-end="url\(#/g)).toHaveLength(layout.edges.length + 1);
  });
});
