// Reading a machine's definition as a graph, to hold the generated paths against it.
import type { AnyStateMachine } from "xstate";

export type Edge = `${string} -${string}-> ${string}`;

export const edge = (source: string, eventType: string, target: string): Edge => `${source} -${eventType}-> ${target}`;

/** Every (state, event, target) the definition declares, branches of guarded events included. */
export function definitionEdges(machine: AnyStateMachine): Edge[] {
  return Object.values(machine.root.states).flatMap((node) =>
    [...node.transitions.values()].flat().map((t) => edge(node.key, t.eventType, t.target?.[0]?.key ?? node.key)),
  );
}

/** The event types a state has transitions for. */
export function acceptedEvents(machine: AnyStateMachine, state: string): string[] {
  return [...(machine.root.states[state]?.transitions.keys() ?? [])];
}

/** A small seeded PRNG (mulberry32): random interleavings that replay identically. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
