// The workflow machines and their pure API, for the server (app/models/*.server.ts), the UI and the tests.
export * from "./domain.ts";
export * from "./tally.ts";
export * from "./figures.ts";
export * from "./completeness.ts";
export * from "./dossier.ts";
export * from "./movement.ts";
export { namedGuards, type PersistedSnapshot, type TransitionResult } from "./workflow.ts";
